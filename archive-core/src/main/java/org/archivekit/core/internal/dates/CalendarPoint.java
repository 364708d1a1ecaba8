package org.archivekit.core.internal.dates;

import java.time.LocalDate;
import java.time.YearMonth;
import org.jspecify.annotations.Nullable;

/**
 * A calendar date named to the year, month or day, in the Gregorian calendar or a Chinese {@link Era}.
 *
 * <p>A point may be partial on one side of a range ({@code 8月}, {@code 15日}, {@code May 12}); it is completed
 * from the other side before it becomes days. Qing reign dates with a month are lunisolar and become the window
 * from 1 January of the reign year's Gregorian equivalent to the end of February of the next year, which always
 * holds the true day (the lunar year starts between 21 January and 20 February); see
 * {@link DateExpressionParser}.
 *
 * @param text the side of the expression this point was read from, for messages
 * @param era the era its year counts in, or {@code null} for the Gregorian calendar
 * @param year the year number as written (in {@code era} if set), or {@code null} when not given
 * @param fourDigitYear whether the year was written with four digits (1931, 一九三一), so is never an era year
 * @param month the month, 1–12, or {@code null} when not given
 * @param leapMonth whether the month is an intercalary lunar month (闰五月)
 * @param day the day of the month, or {@code null} when not given
 */
record CalendarPoint(String text, @Nullable Era era, @Nullable Integer year, boolean fourDigitYear,
                     @Nullable Integer month, boolean leapMonth, @Nullable Integer day) implements Point {

    private static final int LUNAR_MONTH_DAYS = 30;

    /** A Gregorian point written with a four-digit year. */
    static CalendarPoint gregorian(String text, @Nullable Integer year, @Nullable Integer month,
                                   @Nullable Integer day) {
        return new CalendarPoint(text, null, year, year != null, month, false, day);
    }

    @Override
    public Point completeFrom(Point other) {
        if (!(other instanceof CalendarPoint that)) return this;
        Era fullEra = era;
        Integer fullYear = year;
        boolean fourDigits = fourDigitYear;
        if (fullYear == null) {
            fullEra = that.era;
            fullYear = that.year;
            fourDigits = that.fourDigitYear;
        } else if (fullEra == null && !fourDigits) {
            fullEra = that.era;
        }
        boolean takeMonth = month == null && day != null;
        return new CalendarPoint(text, fullEra, fullYear, fourDigits, takeMonth ? that.month : month,
                takeMonth ? that.leapMonth : leapMonth, day);
    }

    @Override
    public Span toSpan() {
        if (year == null) throw new UnreadableDateException("no year given in '" + text + "'");
        if (month == null && day != null) throw new UnreadableDateException("day " + day + " is given without a month");
        int gregorianYear = era == null ? year : era.toGregorian(year);
        Span.checkYear(gregorianYear);
        if (month == null) return Span.years(gregorianYear, gregorianYear);
        return era != null && era.lunar() ? lunarWindow(gregorianYear) : gregorianSpan(gregorianYear, month);
    }

    private Span gregorianSpan(int gregorianYear, int month) {
        if (leapMonth) throw new UnreadableDateException("闰 (intercalary) months exist only in lunar reign dates");
        if (month < 1 || month > 12) throw new UnreadableDateException("month " + month + " is out of range (1–12)");
        YearMonth yearMonth = YearMonth.of(gregorianYear, month);
        if (day == null) return Span.month(yearMonth);
        int length = yearMonth.lengthOfMonth();
        if (day < 1 || day > length) {
            throw new UnreadableDateException(
                    "day " + day + " is out of range for " + yearMonth + " (1–" + length + ")");
        }
        return Span.day(yearMonth.atDay(day));
    }

    /** Lunar month and day are checked, then widened to a Gregorian window that surely holds them. */
    private Span lunarWindow(int gregorianYear) {
        if (month == null || month < 1 || month > 12) {
            throw new UnreadableDateException("lunar month " + month + " is out of range (1–12)");
        }
        if (day != null && (day < 1 || day > LUNAR_MONTH_DAYS)) {
            throw new UnreadableDateException("lunar day " + day + " is out of range (1–" + LUNAR_MONTH_DAYS + ")");
        }
        LocalDate lastDay = YearMonth.of(gregorianYear + 1, 2).atEndOfMonth();
        return new Span(LocalDate.of(gregorianYear, 1, 1), lastDay);
    }
}
