package org.archivekit.core.internal.dates;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words and signs around a date that qualify it rather than name it: undated markers, BCE, circa, open ends,
 * present-day ends and the 公元 / A.D. prefixes. All tables work on {@link TextNormalizer normalized} text.
 */
final class Markers {
    private static final Set<String> UNDATED = Set.of(
            "n.d", "n.d.", "nd", "s.d", "s.d.", "s.a", "s.a.", "sine dato", "sine anno", "undated", "not dated",
            "no date", "date unknown", "unknown", "不详", "日期不详", "年代不详", "时间不详", "无日期", "无年代", "未注明日期");
    private static final Pattern BCE = Pattern.compile("公元前|(?<![a-z])b\\.?\\s?c\\.?(?:e\\.?)?(?![a-z])");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\[\\]]*)]");
    private static final List<Pattern> APPROXIMATE = List.of(
            Pattern.compile("^(?:circa|ca\\.|ca(?=[\\s\\d])|c\\.|c(?=\\s\\d)|approx\\.|approximately|about|around)"
                    + "\\s*(.+)$"),
            Pattern.compile("^(?:大约|大概|约)(.+)$"),
            Pattern.compile("^(.+?)(?:左右|前后)$"),
            Pattern.compile("^(.+?)\\s*\\?$"));
    private static final Pattern ERA_NEUTRAL =
            Pattern.compile("^(?:公元|a\\.?d\\.?\\s+)(.+)$|^(.+?)\\s+(?:a\\.?d\\.?|c\\.?e\\.?)$");
    private static final Pattern RANGE_LEAD = Pattern.compile("^(?:(?:from|between)\\s+|自|从)(.+)$");
    private static final Set<String> OPEN = Set.of("", "..", "?");
    private static final Set<String> PRESENT = Set.of("present", "now", "today", "date", "今", "现在", "目前");
    private static final List<OpenEnd> OPEN_ENDS = List.of(
            OpenEnd.prefix("no earlier than", true, true), OpenEnd.prefix("not before", true, true),
            OpenEnd.prefix("no later than", false, true), OpenEnd.prefix("not after", false, true),
            OpenEnd.prefix("since", true, true), OpenEnd.prefix("from", true, true),
            OpenEnd.prefix("after", true, false), OpenEnd.prefix("before", false, false),
            OpenEnd.prefix("prior to", false, false), OpenEnd.prefix("up to", false, true),
            OpenEnd.prefix("until", false, true), OpenEnd.prefix("till", false, true),
            OpenEnd.prefix("自", true, true), OpenEnd.prefix("从", true, true),
            OpenEnd.suffix("onwards", true, true), OpenEnd.suffix("onward", true, true),
            OpenEnd.suffix("or later", true, true), OpenEnd.suffix("or earlier", false, true),
            OpenEnd.suffix("以后", true, true), OpenEnd.suffix("以来", true, true), OpenEnd.suffix("起", true, true),
            OpenEnd.suffix("之后", true, false), OpenEnd.suffix("以前", false, true), OpenEnd.suffix("为止", false, true),
            OpenEnd.suffix("止", false, true), OpenEnd.suffix("之前", false, false));

    private Markers() {}

    /**
     * A marker that leaves one end of the range open, with the date it is attached to.
     *
     * @param pattern matches the whole text, group 1 being the date
     * @param opensEnd {@code true} when the range runs on after the date (since 1949), {@code false} when it ran
     *     up to it (before 1900)
     * @param inclusive whether the named date itself is covered (since, 以后) or not (before, after, 之前)
     */
    record OpenEnd(Pattern pattern, boolean opensEnd, boolean inclusive) {
        static OpenEnd prefix(String word, boolean opensEnd, boolean inclusive) {
            String gap = word.chars().allMatch(c -> c < 0x80) ? "\\s+" : "";
            return new OpenEnd(Pattern.compile("^" + Pattern.quote(word) + gap + "(.+)$"), opensEnd, inclusive);
        }

        static OpenEnd suffix(String word, boolean opensEnd, boolean inclusive) {
            String gap = word.chars().allMatch(c -> c < 0x80) ? "\\s+" : "";
            return new OpenEnd(Pattern.compile("^(.+?)" + gap + Pattern.quote(word) + "$"), opensEnd, inclusive);
        }
    }

    /**
     * Text with its qualifiers taken off.
     *
     * @param text what remains, trimmed
     * @param approximate whether a circa marker was among them
     */
    record Stripped(String text, boolean approximate) {}

    /** Whether {@code text} says the material is undated (n.d., s.d., 不详, 无日期), brackets or not. */
    static boolean isUndated(String text) {
        return UNDATED.contains(unbracket(text).trim());
    }

    /** Whether {@code text} names a year before the common era (公元前, BC, B.C.E.). */
    static boolean isBce(String text) {
        return BCE.matcher(text).find();
    }

    /** {@code text} without one pair of square brackets around all of it (a date supplied by the cataloguer). */
    static String unbracket(String text) {
        Matcher matcher = BRACKETED.matcher(text);
        return matcher.matches() ? matcher.group(1).trim() : text;
    }

    /** Strips brackets, circa markers (circa, ca., c., 约, 左右, ?) and 公元 / A.D. / CE, repeatedly. */
    static Stripped stripQualifiers(String text) {
        String current = text.trim();
        boolean approximate = false;
        while (true) {
            String next = unbracket(current);
            next = stripFirst(ERA_NEUTRAL, next);
            String withoutCirca = stripApproximation(next);
            approximate |= !withoutCirca.equals(next);
            if (withoutCirca.equals(current)) return new Stripped(current, approximate);
            current = withoutCirca;
        }
    }

    /**
     * The open-end marker around {@code text} (since 1949, 1900年以前), if there is one. A second marker pointing
     * the same way is taken off too ({@code 自1949年起}); the date is then inclusive only if both markers say so.
     */
    static Optional<Matched> openEnd(String text) {
        Optional<Matched> outer = firstOpenEnd(text);
        if (outer.isEmpty()) return outer;
        Matched first = outer.get();
        return firstOpenEnd(first.date())
                .filter(second -> second.opensEnd() == first.opensEnd())
                .map(second -> new Matched(first.opensEnd(), first.inclusive() && second.inclusive(), second.date()))
                .or(() -> outer);
    }

    private static Optional<Matched> firstOpenEnd(String text) {
        for (OpenEnd end : OPEN_ENDS) {
            Matcher matcher = end.pattern().matcher(text);
            if (matcher.matches()) {
                return Optional.of(new Matched(end.opensEnd(), end.inclusive(), matcher.group(1).trim()));
            }
        }
        return Optional.empty();
    }

    /**
     * A date found inside one or two open-end markers.
     *
     * @param opensEnd {@code true} when the range runs on after the date, {@code false} when it runs up to it
     * @param inclusive whether the date itself is covered
     * @param date the date the markers qualify
     */
    record Matched(boolean opensEnd, boolean inclusive, String date) {}

    /** {@code text} without a leading from / between / 自 / 从, which introduce a range. */
    static String stripRangeLead(String text) {
        Matcher matcher = RANGE_LEAD.matcher(text);
        return matcher.matches() ? matcher.group(1).trim() : text;
    }

    /** Whether {@code text} starts with between, the one lead after which "and" divides a range. */
    static boolean startsWithBetween(String text) {
        return text.startsWith("between ");
    }

    /** Whether a range side is left open: empty, {@code ..} (ISO 8601-2) or {@code ?}. */
    static boolean isOpen(String side) {
        return OPEN.contains(side);
    }

    /** Whether a range end means "to the present": present, now, 今 (至今), 现在. */
    static boolean isPresent(String side) {
        return PRESENT.contains(side);
    }

    private static String stripApproximation(String text) {
        for (Pattern pattern : APPROXIMATE) {
            Matcher matcher = pattern.matcher(text);
            if (matcher.matches()) return matcher.group(1).trim();
        }
        return text;
    }

    private static String stripFirst(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.matches()) return text;
        String kept = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        return kept.trim();
    }
}
