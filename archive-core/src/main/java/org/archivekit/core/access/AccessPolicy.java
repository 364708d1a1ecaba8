package org.archivekit.core.access;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.jspecify.annotations.Nullable;

/**
 * The one access policy: decides, for a caller and a record, whether the record may be seen; immutable and
 * thread-safe.
 *
 * <h2>Effective level</h2>
 * The most restrictive of, over the record and every ancestor:
 * <ul>
 *   <li>the assigned {@link AccessLevel};</li>
 *   <li>the opening decision (开放标识): controlled → at least CAMPUS, not open → at least RESTRICTED;</li>
 *   <li>a secrecy marking (密级) other than none → CONFIDENTIAL;</li>
 *   <li>an active embargo (now before {@code embargoUntil}) → at least RESTRICTED;</li>
 *   <li>an opening date not yet reached → at least CAMPUS. The opening date is the explicit one when set (it
 *       applies to the record and its descendants), otherwise, for files and items only, {@code openingAfter}
 *       (25 years, the 2020 Archives Law) after the end of the record's dates; an open-ended record is not yet
 *       open; an undated one has no default opening date. Fonds and series get no default opening date, since
 *       their date range spans their whole content.</li>
 * </ul>
 * Every comparison with time uses the injected clock at the instant of the decision, so an embargo or opening
 * date takes effect at its instant with no rewrite. Opening dates start at midnight in the policy's zone.
 *
 * <h2>Visibility</h2>
 * A principal sees a record when the record and all its ancestors are published (otherwise staff of the
 * institution only) and the effective level is within the principal's clearance in that institution (outside its
 * institutions a principal counts as the public). A live {@link Grant} on the record or an ancestor opens a
 * published record whatever its level, unless any of the chain carries a secrecy marking.
 *
 * @since 0.1
 */
public final class AccessPolicy {

    private final Clock clock;
    private final ZoneId zone;
    private final Period openingAfter;

    private AccessPolicy(Clock clock, ZoneId zone, Period openingAfter) {
        this.clock = clock;
        this.zone = zone;
        this.openingAfter = openingAfter;
    }

    /** The policy on the system clock, UTC, opening 25 years after the end date. */
    public static AccessPolicy standard() {
        return builder().build();
    }

    /** Starts a policy; every setting has the default of {@link #standard()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The clock decisions are made against. */
    public Clock clock() {
        return clock;
    }

    /** The zone in which opening dates start at midnight. */
    public ZoneId zone() {
        return zone;
    }

    /** The current instant on the policy's clock. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * The opening date that applies to {@code record} itself: its explicit one, or the default for files and
     * items with an end date; empty when none applies (fonds and series without override, undated records).
     * An open-ended file or item yields {@link LocalDate#MAX}: not open yet.
     */
    public Optional<LocalDate> openingDate(Description record) {
        if (record.access().openingDate() != null) return Optional.of(record.access().openingDate());
        if (record.level() != Level.FILE && record.level() != Level.ITEM) return Optional.empty();
        ArchivalDate hull = record.dateHull();
        if (hull == null) return Optional.empty();
        if (hull.end() == null) return Optional.of(LocalDate.MAX);
        return Optional.of(hull.end().plus(openingAfter));
    }

    /** The access facts of a fonds (a record without ancestors) evaluated at {@code at}. */
    public Lineage root(Description record, Instant at) {
        return extend(null, record, Objects.requireNonNull(at, "at"));
    }

    /**
     * The access facts of {@code record} given its ancestors, root first (as {@code ArchiveStore.ancestors}
     * returns them), evaluated now.
     */
    public Lineage lineage(List<Description> ancestors, Description record) {
        Instant now = now();
        Lineage l = null;
        for (Description a : ancestors) l = extend(l, a, now);
        return extend(l, record, now);
    }

    /** The access facts of {@code child} whose parent has {@code parent}, evaluated at {@code parent.at()}. */
    public Lineage child(Lineage parent, Description child) {
        Objects.requireNonNull(parent, "parent");
        return extend(parent, child, parent.at());
    }

    private Lineage extend(@Nullable Lineage parent, Description d, Instant now) {
        Objects.requireNonNull(d, "record");
        AccessLevel local = AccessLevel.strictest(d.access().level(), d.access().openStatus().floor());
        boolean classified = d.access().secrecy().isClassified();
        if (classified) local = AccessLevel.CONFIDENTIAL;
        Instant embargo = d.access().embargoUntil();
        if (embargo != null && now.isBefore(embargo)) local = AccessLevel.strictest(local, AccessLevel.RESTRICTED);
        Optional<LocalDate> opening = openingDate(d);
        if (opening.isPresent() && !isReached(opening.get(), now)) {
            local = AccessLevel.strictest(local, AccessLevel.CAMPUS);
        }
        boolean published = d.status() == LifecycleStatus.PUBLISHED;
        if (parent == null) {
            return new Lineage(d, local, published, classified, List.of(d.id()), now);
        }
        List<org.archivekit.core.model.DescriptionId> path = new java.util.ArrayList<>(parent.path());
        path.add(d.id());
        return new Lineage(d, AccessLevel.strictest(parent.effectiveLevel(), local),
                parent.isPublished() && published, parent.isClassified() || classified, path, now);
    }

    private boolean isReached(LocalDate opening, Instant now) {
        if (opening.equals(LocalDate.MAX)) return false;
        return !now.isBefore(opening.atStartOfDay(zone).toInstant());
    }

    /** Whether {@code principal} may see the record whose facts are {@code lineage}. */
    public boolean canSee(Principal principal, Lineage lineage) {
        return decide(principal, lineage).isVisible();
    }

    /** The decision, with its reason (kept for the audit log, never shown to the caller). */
    public Decision decide(Principal principal, Lineage lineage) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(lineage, "lineage");
        boolean member = principal.belongsTo(lineage.record().institution());
        AccessLevel clearance = member ? principal.clearance() : AccessLevel.PUBLIC;
        if (!lineage.isPublished()) {
            if (!(member && principal.isStaff())) return Decision.hidden("not published and caller is not staff");
            if (lineage.effectiveLevel().compareTo(clearance) > 0) {
                return Decision.hidden("effective " + lineage.effectiveLevel() + " above clearance " + clearance);
            }
            return Decision.VISIBLE;
        }
        if (lineage.effectiveLevel().compareTo(clearance) <= 0) return Decision.VISIBLE;
        if (!lineage.isClassified()) {
            for (Grant g : principal.grants()) {
                if (g.isActiveAt(lineage.at()) && lineage.path().contains(g.record())) return Decision.GRANTED;
            }
        }
        return Decision.hidden("effective " + lineage.effectiveLevel() + " above clearance " + clearance);
    }

    /**
     * Whether {@code principal} may change the record: staff or administrator of its institution who can see it
     * by clearance (grants never give write access).
     */
    public boolean canWrite(Principal principal, Lineage lineage) {
        return principal.isStaff() && principal.belongsTo(lineage.record().institution())
                && lineage.effectiveLevel().compareTo(principal.clearance()) <= 0;
    }

    /**
     * The outcome of one decision.
     *
     * @param isVisible whether the record may be shown
     * @param reason why, for the audit log only
     */
    public record Decision(boolean isVisible, String reason) {
        static final Decision VISIBLE = new Decision(true, "within clearance");
        static final Decision GRANTED = new Decision(true, "by grant");

        static Decision hidden(String reason) {
            return new Decision(false, reason);
        }
    }

    /** Builds an {@link AccessPolicy}; not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneOffset.UTC;
        private Period openingAfter = Period.ofYears(25);

        private Builder() {}

        /** The clock to decide against (tests pass a fixed or mutable one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The zone in which opening dates start at midnight; default UTC. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** How long after a record's end date it opens by default; default 25 years. */
        public Builder openingAfter(Period period) {
            Objects.requireNonNull(period, "period");
            if (period.isNegative()) throw new IllegalArgumentException("opening period is negative: " + period);
            this.openingAfter = period;
            return this;
        }

        /** The policy. */
        public AccessPolicy build() {
            return new AccessPolicy(clock, zone, openingAfter);
        }
    }
}
