package org.archivekit.core.internal.dates;

import java.time.LocalDate;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link TextNormalizer normalized} expression into a range, trying its shapes in a fixed order:
 * undated and BCE markers (refused), a parenthetical equivalent, an open-end marker around a single date
 * ({@code up to 1900}, {@code 自1949年起}), a range ({@code from 1931 to 1935}), a single date.
 */
final class ExpressionReader {
    private ExpressionReader() {}

    /**
     * What an expression or one side of it was read as.
     *
     * @param span the days covered
     * @param approximate whether a circa marker or a conventional part (early, 初) was involved
     */
    record Reading(Span span, boolean approximate) {}

    /** Reads {@code text}, which is normalized and not blank. */
    static Reading read(String text) {
        if (Markers.isUndated(text)) throw new UnreadableDateException("undated");
        if (Markers.isBce(text)) throw new UnreadableDateException("BCE dates are not supported");
        Optional<Reading> equivalent = readEquivalent(text);
        if (equivalent.isPresent()) return equivalent.get();
        String body = Markers.unbracket(text);
        Optional<Markers.Matched> open = Markers.openEnd(body);
        if (open.isPresent() && RangeSplitter.split(open.get().date(), false).isEmpty()) {
            return readOpenEnd(open.get());
        }
        Optional<RangeSplitter.Split> split =
                RangeSplitter.split(Markers.stripRangeLead(body), Markers.startsWithBetween(body));
        if (split.isPresent()) return readRange(split.get());
        return readSide(body);
    }

    /**
     * {@code 1931年（民国二十年）}: both parts are read; when one range holds the other, the narrower is kept,
     * otherwise they disagree. A parenthesis around the whole expression is just removed.
     */
    private static Optional<Reading> readEquivalent(String text) {
        if (!text.endsWith(")")) return Optional.empty();
        int open = matchingOpen(text);
        String inner = text.substring(open + 1, text.length() - 1).trim();
        String outer = text.substring(0, open).trim();
        if (inner.isEmpty()) throw new UnreadableDateException("empty parentheses");
        if (outer.isEmpty()) return Optional.of(read(inner));
        Reading first = read(outer);
        Reading second = read(inner);
        boolean approximate = first.approximate() || second.approximate();
        if (first.span().contains(second.span())) return Optional.of(new Reading(second.span(), approximate));
        if (second.span().contains(first.span())) return Optional.of(new Reading(first.span(), approximate));
        throw new UnreadableDateException(outer + " (" + first.span().describe() + ") and " + inner + " ("
                + second.span().describe() + ") disagree");
    }

    private static int matchingOpen(String text) {
        int depth = 0;
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == ')') depth++;
            if (c == '(' && --depth == 0) return i;
        }
        throw new UnreadableDateException("unbalanced parentheses");
    }

    private static Reading readRange(RangeSplitter.Split split) {
        String leftText = stripSuffix(split.left(), "起");
        String rightText = stripSuffix(split.right(), "止");
        boolean openBegin = Markers.isOpen(leftText);
        boolean openEnd = Markers.isOpen(rightText) || Markers.isPresent(rightText);
        if (openBegin && openEnd) throw new UnreadableDateException("both ends of the range are open");
        if (openBegin) return readOpenSide(rightText, false);
        if (openEnd) return readOpenSide(leftText, true);
        Side left = parseSide(leftText);
        Side right = parseSide(rightText);
        Span begin = left.point().completeFrom(right.point()).toSpan();
        Span end = right.point().completeFrom(left.point()).toSpan();
        LocalDate first = begin.begin();
        LocalDate last = end.end();
        if (first != null && last != null && last.isBefore(first)) {
            throw new UnreadableDateException("range end " + rightText + " is before begin " + leftText);
        }
        return new Reading(new Span(first, last), left.approximate() || right.approximate());
    }

    /** One side of a range is open: the other, {@code known}, gives the begin (or the end) of the result. */
    private static Reading readOpenSide(String known, boolean knownIsBegin) {
        Reading reading = readSide(known);
        Span span = reading.span();
        Span result = knownIsBegin ? new Span(span.begin(), null) : new Span(null, span.end());
        return new Reading(result, reading.approximate());
    }

    private static Reading readOpenEnd(Markers.Matched open) {
        Reading reading = readSide(open.date());
        Span span = reading.span();
        Span result;
        if (open.opensEnd()) {
            result = new Span(open.inclusive() ? span.begin() : dayAfter(span.end()), null);
        } else {
            result = new Span(null, open.inclusive() ? span.end() : dayBefore(span.begin()));
        }
        return new Reading(result, reading.approximate());
    }

    private static Reading readSide(String text) {
        Side side = parseSide(text);
        return new Reading(side.point().toSpan(), side.approximate());
    }

    /**
     * One side of an expression with its qualifiers read.
     *
     * @param point what the side names
     * @param approximate whether it was marked circa, or the point is conventional
     */
    private record Side(Point point, boolean approximate) {}

    private static Side parseSide(String text) {
        Markers.Stripped stripped = Markers.stripQualifiers(text);
        if (stripped.text().isEmpty()) throw new UnreadableDateException("unrecognised date expression");
        Point point = PointParser.parse(stripped.text());
        return new Side(point, stripped.approximate() || point.approximate());
    }

    private static LocalDate dayAfter(@Nullable LocalDate day) {
        if (day == null || day.getYear() == Span.MAX_YEAR && day.getDayOfYear() == day.lengthOfYear()) {
            throw new UnreadableDateException("no dates come after year " + Span.MAX_YEAR);
        }
        return day.plusDays(1);
    }

    private static LocalDate dayBefore(@Nullable LocalDate day) {
        if (day == null || day.getYear() == Span.MIN_YEAR && day.getDayOfYear() == 1) {
            throw new UnreadableDateException("no dates come before year " + Span.MIN_YEAR);
        }
        return day.minusDays(1);
    }

    private static String stripSuffix(String text, String suffix) {
        return text.endsWith(suffix) && text.length() > suffix.length()
                ? text.substring(0, text.length() - suffix.length()) : text;
    }
}
