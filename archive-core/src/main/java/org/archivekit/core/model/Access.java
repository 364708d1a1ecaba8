package org.archivekit.core.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The access elements of one record, as recorded; the effective level that decides visibility also looks at the
 * record's ancestors and the clock (see {@code org.archivekit.core.access.AccessPolicy}).
 *
 * @param level the level the archivist assigned
 * @param secrecy 密级
 * @param disclosure 公开属性
 * @param openStatus 开放标识
 * @param openingDate an explicit opening date overriding the default (25 years after the record's end date), or
 *     {@code null} for the default
 * @param embargoUntil the instant an explicit embargo ends, or {@code null} for none
 * @since 0.1
 */
public record Access(
        AccessLevel level,
        SecrecyMarking secrecy,
        Disclosure disclosure,
        OpenStatus openStatus,
        @Nullable LocalDate openingDate,
        @Nullable Instant embargoUntil) {

    /** Public, unclassified, proactively disclosed, open, default opening date, no embargo. */
    public static final Access PUBLIC = of(AccessLevel.PUBLIC);

    public Access {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(secrecy, "secrecy");
        Objects.requireNonNull(disclosure, "disclosure");
        Objects.requireNonNull(openStatus, "openStatus");
    }

    /** Access at {@code level}, with no marking, embargo or opening-date override. */
    public static Access of(AccessLevel level) {
        return new Access(level, SecrecyMarking.NONE, Disclosure.PROACTIVE, OpenStatus.OPEN, null, null);
    }

    /** A copy with another assigned level. */
    public Access withLevel(AccessLevel l) {
        return new Access(l, secrecy, disclosure, openStatus, openingDate, embargoUntil);
    }

    /** A copy with another secrecy marking. */
    public Access withSecrecy(SecrecyMarking s) {
        return new Access(level, s, disclosure, openStatus, openingDate, embargoUntil);
    }

    /** A copy with another disclosure attribute. */
    public Access withDisclosure(Disclosure d) {
        return new Access(level, secrecy, d, openStatus, openingDate, embargoUntil);
    }

    /** A copy with another opening decision. */
    public Access withOpenStatus(OpenStatus o) {
        return new Access(level, secrecy, disclosure, o, openingDate, embargoUntil);
    }

    /** A copy with an explicit opening date, or {@code null} for the default. */
    public Access withOpeningDate(@Nullable LocalDate d) {
        return new Access(level, secrecy, disclosure, openStatus, d, embargoUntil);
    }

    /** A copy embargoed until {@code until}, or {@code null} for no embargo. */
    public Access withEmbargoUntil(@Nullable Instant until) {
        return new Access(level, secrecy, disclosure, openStatus, openingDate, until);
    }
}
