package org.archivekit.core.internal.dates;

/**
 * What one side of an expression names, before it becomes days: a calendar date ({@link CalendarPoint}) or a
 * period of whole years such as a decade or century ({@link PeriodPoint}).
 */
sealed interface Point permits CalendarPoint, PeriodPoint {

    /** The days this point covers; fails with the reason when the point is incomplete or out of range. */
    Span toSpan();

    /** Whether the point itself is a convention rather than a statement (early / mid / late, 初 / 末). */
    default boolean approximate() {
        return false;
    }

    /**
     * This point with what it leaves out taken from the other side of its range: {@code 8月} after
     * {@code 1931年5月} is August 1931, {@code 二十五年} after {@code 民国二十年} is 民国二十五年.
     */
    default Point completeFrom(Point other) {
        return this;
    }
}
