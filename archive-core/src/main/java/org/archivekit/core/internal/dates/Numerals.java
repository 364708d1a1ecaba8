package org.archivekit.core.internal.dates;

import java.util.Map;

/**
 * Reads the numbers in a date: Arabic digits, Chinese digits written one by one (一九三一, 二〇〇八) and Chinese
 * positional numerals (二十, 三十一, 廿五, 一百零五).
 *
 * <p>Also knows the special first numbers of dates: 元 (元年, 元月) and 正 (正月) for 1, 冬 (冬月) for 11, 腊 (腊月)
 * for 12, and the day prefix 初 (初五 = 5).
 */
final class Numerals {
    /** Regular-expression class for one character of a number in any of the supported spellings. */
    static final String CHARS = "[0-9〇零一二两三四五六七八九十百千廿卅]";

    private static final int MAX_DIGITS = 9;
    private static final Map<Character, Integer> DIGITS = Map.ofEntries(
            Map.entry('〇', 0), Map.entry('零', 0), Map.entry('一', 1), Map.entry('二', 2), Map.entry('两', 2),
            Map.entry('三', 3), Map.entry('四', 4), Map.entry('五', 5), Map.entry('六', 6), Map.entry('七', 7),
            Map.entry('八', 8), Map.entry('九', 9));
    private static final Map<Character, Integer> UNITS = Map.of('十', 10, '百', 100, '千', 1000);
    private static final Map<Character, Integer> TENS = Map.of('廿', 20, '卅', 30);
    private static final Map<String, Integer> MONTH_WORDS = Map.of("正", 1, "元", 1, "冬", 11, "腊", 12);

    private Numerals() {}

    /** The value of {@code text}, in Arabic digits, Chinese digits or Chinese positional numerals. */
    static int value(String text) {
        if (text.isEmpty()) throw new UnreadableDateException("missing number");
        if (text.chars().allMatch(Numerals::isAsciiDigit)) return arabic(text);
        if (text.chars().allMatch(c -> DIGITS.containsKey((char) c))) return digitByDigit(text);
        return positional(text);
    }

    /** The value of a year number: {@link #value} plus 元 (元年) for 1. */
    static int year(String text) {
        return text.equals("元") ? 1 : value(text);
    }

    /** The value of a month number: {@link #value} plus 正 / 元 (1), 冬 (11) and 腊 (12). */
    static int month(String text) {
        Integer word = MONTH_WORDS.get(text);
        return word != null ? word : value(text);
    }

    /** The value of a day number: {@link #value}, or 初一 to 初十 for 1 to 10. */
    static int day(String text) {
        if (!text.startsWith("初")) return value(text);
        int day = value(text.substring(1));
        if (day < 1 || day > 10) throw new UnreadableDateException("初 days run from 初一 to 初十, not " + text);
        return day;
    }

    /** Whether {@code text} writes exactly four digits (1931, 一九三一), which marks a Gregorian year. */
    static boolean isFourDigits(String text) {
        return text.length() == 4 && text.chars().allMatch(c -> isAsciiDigit(c) || DIGITS.containsKey((char) c));
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static int arabic(String text) {
        if (text.length() > MAX_DIGITS) throw new UnreadableDateException("number " + text + " is too large");
        return Integer.parseInt(text);
    }

    private static int digitByDigit(String text) {
        if (text.length() > MAX_DIGITS) throw new UnreadableDateException("number " + text + " is too large");
        int value = 0;
        for (char c : text.toCharArray()) value = value * 10 + DIGITS.get(c);
        return value;
    }

    /** 二十 = 20, 三十一 = 31, 一百零五 = 105, 廿五 = 25: digits multiply the unit that follows them. */
    private static int positional(String text) {
        int total = 0;
        int pending = -1;
        int lastUnit = Integer.MAX_VALUE;
        for (char c : text.toCharArray()) {
            Integer digit = DIGITS.get(c);
            Integer unit = UNITS.get(c);
            Integer tens = TENS.get(c);
            if (digit != null) {
                if (pending > 0) throw malformed(text);
                pending = digit;
            } else if (unit != null || tens != null) {
                int place = unit != null ? unit : 10;
                if (place >= lastUnit) throw malformed(text);
                if (tens != null && pending >= 0) throw malformed(text);
                total += tens != null ? tens : Math.max(pending, 1) * unit;
                pending = -1;
                lastUnit = place;
            } else {
                throw malformed(text);
            }
        }
        return pending > 0 ? total + pending : total;
    }

    private static UnreadableDateException malformed(String text) {
        return new UnreadableDateException("'" + text + "' is not a well-formed number");
    }
}
