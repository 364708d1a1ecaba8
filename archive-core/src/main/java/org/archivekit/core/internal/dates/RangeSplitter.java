package org.archivekit.core.internal.dates;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the one place where an expression divides into the begin and end of a range.
 *
 * <p>Some separators always divide: the en dash, {@code ~}, 至, 到 and the words to / through / thru / until /
 * till (and "and" after "between"). The hyphen and the slash also join the parts of a single numeric date
 * ({@code 1931-05-12}, {@code 1931/05/12}), so they divide a range unless they stand between a four-digit year (or
 * year and month) and a one- or two-digit number: {@code 1931-05} is May 1931, {@code 1931-1935} a range,
 * {@code 1931-05/1932-02} a range of months. A hyphen with a space on either side always divides.
 */
final class RangeSplitter {
    private static final Pattern WORDS = Pattern.compile("\\s*[\u2013~至到]\\s*|\\s+(?:to|through|thru|until|till)\\s+");
    private static final Pattern WORDS_OR_AND =
            Pattern.compile("\\s*[\u2013~至到]\\s*|\\s+(?:to|through|thru|until|till|and)\\s+");
    private static final Pattern YEAR_BEFORE_HYPHEN = Pattern.compile("(?:^|\\D)\\d{4}(?:-\\d{1,2})?$");
    private static final Pattern YEAR_BEFORE_SLASH = Pattern.compile("(?:^|\\D)\\d{4}(?:/\\d{1,2})?$");
    private static final Pattern MONTH_OR_DAY_AFTER = Pattern.compile("^\\d{1,2}(?!\\d)");

    private RangeSplitter() {}

    /**
     * The two sides of a range, each trimmed; either may be empty for an open end.
     *
     * @param left the begin side as written
     * @param right the end side as written
     */
    record Split(String left, String right) {}

    /** Splits {@code text} at its range separator, if it has one; fails if it has more than one. */
    static Optional<Split> split(String text, boolean andDivides) {
        List<int[]> separators = new ArrayList<>();
        Matcher words = (andDivides ? WORDS_OR_AND : WORDS).matcher(text);
        while (words.find()) separators.add(new int[] {words.start(), words.end()});
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '-' || c == '/') && dividesAt(text, i)) separators.add(new int[] {i, i + 1});
        }
        if (separators.isEmpty()) return Optional.empty();
        if (separators.size() > 1) throw new UnreadableDateException("more than one range separator");
        int[] at = separators.get(0);
        return Optional.of(new Split(text.substring(0, at[0]).trim(), text.substring(at[1]).trim()));
    }

    private static boolean dividesAt(String text, int index) {
        String before = text.substring(0, index);
        String after = text.substring(index + 1);
        if (before.endsWith(" ") || after.startsWith(" ")) return true;
        Pattern yearBefore = text.charAt(index) == '-' ? YEAR_BEFORE_HYPHEN : YEAR_BEFORE_SLASH;
        return !(yearBefore.matcher(before).find() && MONTH_OR_DAY_AFTER.matcher(after).find());
    }
}
