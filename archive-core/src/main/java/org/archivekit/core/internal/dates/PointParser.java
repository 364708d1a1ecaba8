package org.archivekit.core.internal.dates;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads one side of an expression, stripped of its qualifiers, with an ordered table of patterns; the first
 * pattern that matches the whole text and accepts it wins.
 *
 * <p>The table, in order: numeric dates (1931-05-12, 1931.5.12, 1931/05/12, 1931-05); digits alone (1931,
 * 19310512, or a bare day on one side of a range); Chinese calendar dates with an optional era (1931年5月12日,
 * 民国二十年五月, 光绪三十年闰五月初五, 8月, 15日); Chinese decades and centuries (20世纪30年代, 1930年代, 20世纪);
 * English decades and centuries (the 1930s, early 1930s, 19th century); English dates with month names
 * (May 12, 1931; 12 May 1931; 1931 May 12; May 1931; and the partial forms May 12, 12 May, May).
 */
final class PointParser {
    private static final String NUMBER = Numerals.CHARS + "+";
    private static final String ORDINAL = "(?:st|nd|rd|th)?";
    private static final String PART_EN = "(?:the\\s+)?(?:(?<part>early|mid|late)\\s+)?(?:the\\s+)?";
    private static final String PART_CN = "(?<part>初期|初|前期|上半叶|前半叶|中期|中叶|下半叶|后半叶|末期|末|后期)?";
    private static final Map<String, PeriodPoint.Part> PARTS = parts();
    private static final Map<String, Integer> MONTH_NAMES = monthNames();
    private static final List<Rule> RULES = List.of(
            new Rule("(?<year>\\d{4})(?<sep>[-./])(?<month>\\d{1,2})(?:\\k<sep>(?<day>\\d{1,2}))?",
                    PointParser::numericDate),
            new Rule("\\d+", PointParser::digits),
            new Rule("(?<era>" + Era.PATTERN + ")?(?:(?<year>元|" + NUMBER + ")年)?"
                    + "(?:(?<leap>闰)?(?<month>正|元|冬|腊|" + NUMBER + ")月份?(?:(?<day>初?" + NUMBER + ")[日号]?)?"
                    + "|(?<dayonly>初?" + NUMBER + ")[日号])?",
                    PointParser::chineseDate),
            new Rule("(?:(?<century>" + NUMBER + ")世纪)?(?<decade>" + NUMBER + ")年代" + PART_CN,
                    PointParser::chineseDecade),
            new Rule("(?<century>" + NUMBER + ")世纪" + PART_CN, PointParser::chineseCentury),
            new Rule(PART_EN + "(?<decade>\\d{3}0)'?s", PointParser::englishDecade),
            new Rule(PART_EN + "(?<century>\\d{1,2})(?:st|nd|rd|th)\\s+(?:century|cent\\.?|c\\.?)",
                    PointParser::englishCentury),
            new Rule("(?<month>[a-z]+)\\.?\\s+(?<day>\\d{1,2})" + ORDINAL + ",?\\s+(?<year>\\d{4})",
                    PointParser::englishDate),
            new Rule("(?<day>\\d{1,2})" + ORDINAL + "\\s+(?:of\\s+)?(?<month>[a-z]+)\\.?,?\\s+(?<year>\\d{4})",
                    PointParser::englishDate),
            new Rule("(?<year>\\d{4}),?\\s+(?<month>[a-z]+)\\.?(?:\\s+(?<day>\\d{1,2})" + ORDINAL + ")?",
                    PointParser::englishDate),
            new Rule("(?<month>[a-z]+)\\.?,?\\s+(?<year>\\d{4})", PointParser::englishDate),
            new Rule("(?<month>[a-z]+)\\.?(?:\\s+(?<day>\\d{1,2})" + ORDINAL + ")?", PointParser::englishDate),
            new Rule("(?<day>\\d{1,2})" + ORDINAL + "(?:\\s+(?:of\\s+)?(?<month>[a-z]+)\\.?)?",
                    PointParser::englishDate),
            new Rule("(?<day>\\d{1,2})" + ORDINAL + ",?\\s+(?<year>\\d{4})", PointParser::englishDate));

    private PointParser() {}

    /**
     * One row of the table: a pattern for the whole text and the reader that turns a match into a point, or
     * declines it with {@code null} (an English word that is not a month name).
     */
    private record Rule(Pattern pattern, Function<Matcher, @Nullable Point> reader) {
        Rule(String regex, Function<Matcher, @Nullable Point> reader) {
            this(Pattern.compile(regex), reader);
        }

        @Nullable Point read(String text) {
            Matcher matcher = pattern.matcher(text);
            return matcher.matches() ? reader.apply(matcher) : null;
        }
    }

    /** The point {@code text} names; fails with "unrecognised date expression" when no pattern accepts it. */
    static Point parse(String text) {
        for (Rule rule : RULES) {
            Point point = rule.read(text);
            if (point != null) return point;
        }
        throw new UnreadableDateException("unrecognised date expression");
    }

    private static Point numericDate(Matcher m) {
        return CalendarPoint.gregorian(m.group(), gregorianYear(m.group("year")), Integer.valueOf(m.group("month")),
                optionalNumber(m.group("day")));
    }

    private static Point digits(Matcher m) {
        String digits = m.group();
        return switch (digits.length()) {
            case 1, 2 -> CalendarPoint.gregorian(digits, null, null, Integer.valueOf(digits));
            case 4 -> CalendarPoint.gregorian(digits, gregorianYear(digits), null, null);
            case 8 -> CalendarPoint.gregorian(digits, gregorianYear(digits.substring(0, 4)),
                    Integer.valueOf(digits.substring(4, 6)), Integer.valueOf(digits.substring(6)));
            case 3 -> throw new UnreadableDateException("a year must be written with four digits, not " + digits);
            default -> throw new UnreadableDateException(
                    "year " + digits + " is out of range (" + Span.MIN_YEAR + "–" + Span.MAX_YEAR + ")");
        };
    }

    private static @Nullable Point chineseDate(Matcher m) {
        String eraText = m.group("era");
        String year = m.group("year");
        String month = m.group("month");
        String day = m.group("day") != null ? m.group("day") : m.group("dayonly");
        if (year == null && month == null && day == null) {
            if (eraText != null) throw new UnreadableDateException(eraText + " needs a year number");
            return null;
        }
        if (eraText == null && "元".equals(year)) throw new UnreadableDateException("元年 needs an era, such as 民国元年");
        Era era = eraText == null ? null : Era.named(eraText);
        Integer yearNumber = year == null ? null : Numerals.year(year);
        boolean fourDigits = year != null && Numerals.isFourDigits(year);
        if (fourDigits && era == null) rejectPlaceholder(yearNumber);
        return new CalendarPoint(m.group(), era, yearNumber, fourDigits, month == null ? null : Numerals.month(month),
                m.group("leap") != null, day == null ? null : Numerals.day(day));
    }

    private static Point chineseDecade(Matcher m) {
        String decadeText = m.group("decade");
        int decade = Numerals.value(decadeText);
        String centuryText = m.group("century");
        int firstYear;
        if (centuryText != null) {
            if (decade % 10 != 0 || decade > 90) throw new UnreadableDateException(decadeText + "年代 is not a decade");
            firstYear = PeriodPoint.century(Numerals.value(centuryText)).firstYear() - 1 + decade;
        } else if (Numerals.isFourDigits(decadeText)) {
            if (decade % 10 != 0) throw new UnreadableDateException(decadeText + "年代 is not a decade");
            firstYear = decade;
        } else {
            throw new UnreadableDateException(decadeText + "年代 needs its century, as in 20世纪" + decadeText + "年代");
        }
        return narrowed(PeriodPoint.decade(firstYear), m.group("part"));
    }

    private static Point chineseCentury(Matcher m) {
        return narrowed(PeriodPoint.century(Numerals.value(m.group("century"))), m.group("part"));
    }

    private static Point englishDecade(Matcher m) {
        return narrowed(PeriodPoint.decade(Integer.parseInt(m.group("decade"))), m.group("part"));
    }

    private static Point englishCentury(Matcher m) {
        return narrowed(PeriodPoint.century(Integer.parseInt(m.group("century"))), m.group("part"));
    }

    private static @Nullable Point englishDate(Matcher m) {
        String monthName = group(m, "month");
        Integer month = null;
        if (monthName != null) {
            month = MONTH_NAMES.get(monthName);
            if (month == null) return null;
        }
        String year = group(m, "year");
        return CalendarPoint.gregorian(m.group(), year == null ? null : gregorianYear(year), month,
                optionalNumber(group(m, "day")));
    }

    private static Point narrowed(PeriodPoint period, @Nullable String part) {
        return part == null ? period : period.narrow(PARTS.get(part));
    }

    /** A four-digit Gregorian year, written in Arabic digits. */
    private static int gregorianYear(String digits) {
        int year = Numerals.value(digits);
        rejectPlaceholder(year);
        return year;
    }

    /** Refuses year {@code 0000}, which EAD and MARC data use as a placeholder for "no date". */
    private static void rejectPlaceholder(@Nullable Integer fourDigitYear) {
        if (fourDigitYear != null && fourDigitYear == 0) {
            throw new UnreadableDateException("0000 is a placeholder, not a year");
        }
    }

    private static @Nullable Integer optionalNumber(@Nullable String digits) {
        return digits == null ? null : Integer.valueOf(digits);
    }

    /** The named group, or {@code null} when it did not take part or the rule's pattern has no such group. */
    private static @Nullable String group(Matcher m, String name) {
        return m.pattern().pattern().contains("(?<" + name + ">") ? m.group(name) : null;
    }

    private static Map<String, PeriodPoint.Part> parts() {
        Map<String, PeriodPoint.Part> parts = new HashMap<>();
        for (String word : List.of("early", "初", "初期", "前期")) parts.put(word, PeriodPoint.Part.EARLY);
        for (String word : List.of("mid", "中期", "中叶")) parts.put(word, PeriodPoint.Part.MID);
        for (String word : List.of("late", "末", "末期", "后期")) parts.put(word, PeriodPoint.Part.LATE);
        for (String word : List.of("上半叶", "前半叶")) parts.put(word, PeriodPoint.Part.FIRST_HALF);
        for (String word : List.of("下半叶", "后半叶")) parts.put(word, PeriodPoint.Part.SECOND_HALF);
        return Map.copyOf(parts);
    }

    private static Map<String, Integer> monthNames() {
        List<String> names = List.of("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december");
        Map<String, Integer> months = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            months.put(names.get(i), i + 1);
            months.put(names.get(i).substring(0, 3), i + 1);
        }
        months.put("sept", 9);
        return Map.copyOf(months);
    }
}
