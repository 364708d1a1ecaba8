package org.archivekit.core.internal.dates;

import java.time.LocalDate;
import java.time.YearMonth;
import org.jspecify.annotations.Nullable;

/**
 * An inclusive range of days, either end open ({@code null}); the parser's working form of a date.
 *
 * @param begin first day covered, or {@code null} when open at the start
 * @param end last day covered, or {@code null} when open at the end
 */
record Span(@Nullable LocalDate begin, @Nullable LocalDate end) {
    /** The earliest year an expression may name. */
    static final int MIN_YEAR = 1;
    /** The latest year an expression may name. */
    static final int MAX_YEAR = 9999;

    /** Whole years {@code first} to {@code last}, both checked against {@link #MIN_YEAR}..{@link #MAX_YEAR}. */
    static Span years(int first, int last) {
        checkYear(first);
        checkYear(last);
        return new Span(LocalDate.of(first, 1, 1), LocalDate.of(last, 12, 31));
    }

    /** Every day of one month. */
    static Span month(YearMonth month) {
        checkYear(month.getYear());
        return new Span(month.atDay(1), month.atEndOfMonth());
    }

    /** A single day. */
    static Span day(LocalDate day) {
        checkYear(day.getYear());
        return new Span(day, day);
    }

    /** Fails unless {@code year} lies in {@link #MIN_YEAR}..{@link #MAX_YEAR}. */
    static void checkYear(int year) {
        if (year == 0) throw new UnreadableDateException("year 0 does not exist");
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new UnreadableDateException("year " + year + " is out of range (" + MIN_YEAR + "–" + MAX_YEAR + ")");
        }
    }

    /** Whether every day of {@code other} lies in this span; an open end reaches without limit. */
    boolean contains(Span other) {
        boolean beginCovers = begin == null || (other.begin != null && !other.begin.isBefore(begin));
        boolean endCovers = end == null || (other.end != null && !other.end.isAfter(end));
        return beginCovers && endCovers;
    }

    /** This span as an ISO 8601 interval with {@code ..} for an open end, for messages. */
    String describe() {
        return (begin == null ? ".." : begin.toString()) + "/" + (end == null ? ".." : end.toString());
    }
}
