package org.archivekit.core.model;

import java.time.LocalDate;
import java.util.Objects;
import org.archivekit.core.InvalidDateException;
import org.archivekit.core.internal.dates.DateExpressionParser;
import org.jspecify.annotations.Nullable;

/**
 * A date of description: the expression as written (民国二十年, "circa 1930s", 1931-05/1932) next to its
 * normalized range.
 *
 * <p>{@code begin} and {@code end} are inclusive days in the proleptic ISO calendar; either may be {@code null} for
 * an open end ("1949-", "before 1900"), but not both. {@code approximate} is set for circa / 约 / 左右 forms.
 *
 * @param expression the original expression, never blank; kept byte for byte
 * @param begin first day covered, or {@code null} when open at the start
 * @param end last day covered, or {@code null} when open at the end
 * @param approximate whether the expression said circa / 约
 * @since 0.1
 */
public record ArchivalDate(String expression, @Nullable LocalDate begin, @Nullable LocalDate end, boolean approximate) {

    public ArchivalDate {
        Objects.requireNonNull(expression, "expression");
        if (expression.isBlank()) throw new IllegalArgumentException("expression is blank");
        if (begin == null && end == null) throw new IllegalArgumentException("begin and end are both open");
        if (begin != null && end != null && end.isBefore(begin)) {
            throw new IllegalArgumentException("end " + end + " is before begin " + begin);
        }
    }

    /**
     * Parses a Chinese or English date expression into its range.
     *
     * <p>Reads ISO days, months and years; ranges ({@code 1931-1935}, {@code 1931/1935}, {@code 1931至1935});
     * open ends; circa / 约; decades ({@code 1930s}, {@code 20世纪30年代}); centuries; 民国 and the late Qing
     * reigns (光绪, 宣统) with Chinese or Arabic numerals; 公元 forms.
     *
     * @throws InvalidDateException naming the expression and the reason when it cannot be read
     */
    public static ArchivalDate parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        return DateExpressionParser.parse(expression);
    }

    /** A single day, written as its ISO form. */
    public static ArchivalDate ofDay(LocalDate day) {
        return new ArchivalDate(day.toString(), day, day, false);
    }

    /** Whole years {@code from} to {@code to} inclusive, written as {@code "from-to"} or {@code "from"}. */
    public static ArchivalDate ofYears(int from, int to) {
        String text = from == to ? Integer.toString(from) : from + "-" + to;
        return new ArchivalDate(text, LocalDate.of(from, 1, 1), LocalDate.of(to, 12, 31), false);
    }

    /**
     * The normalized range as an ISO 8601 interval, {@code begin/end}, with {@code ..} for an open end
     * (ISO 8601-2): {@code 1931-01-01/1931-12-31}, {@code 1949-10-01/..}.
     */
    public String normalized() {
        return (begin == null ? ".." : begin.toString()) + "/" + (end == null ? ".." : end.toString());
    }
}
