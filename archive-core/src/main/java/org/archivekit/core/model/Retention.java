package org.archivekit.core.model;

import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record's retention: its period and, for fixed terms, the date its disposal is to be reviewed.
 *
 * @param period 保管期限
 * @param disposalReview when the disposal review is due, or {@code null} when none is set
 * @since 0.1
 */
public record Retention(RetentionPeriod period, @Nullable LocalDate disposalReview) {
    public Retention {
        Objects.requireNonNull(period, "period");
        if (period == RetentionPeriod.PERMANENT && disposalReview != null) {
            throw new IllegalArgumentException("a permanent record has no disposal review date");
        }
    }

    /** Retention for {@code period} with no review date. */
    public static Retention of(RetentionPeriod period) {
        return new Retention(period, null);
    }

    /** Retention for {@code period} whose review falls {@code years} after the end of {@code closingYear}. */
    public static Retention reviewedAfter(RetentionPeriod period, int closingYear) {
        return new Retention(period, period.years().map(y -> LocalDate.of(closingYear + y + 1, 1, 1)).orElse(null));
    }
}
