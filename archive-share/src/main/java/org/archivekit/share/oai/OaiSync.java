package org.archivekit.share.oai;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Grant;
import org.archivekit.core.access.Lineage;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Level;
import org.archivekit.core.spi.ArchiveStore;
import org.jspecify.annotations.Nullable;

/**
 * Brings an audience's ledger up to date with the store and the clock; see docs/oai-pmh.md ("Datestamps").
 * One sync at a time per provider (the caller holds the lock).
 */
final class OaiSync {
    private static final int PAGE = 500;

    private final ArchiveStore store;
    private final AccessPolicy policy;
    private final OaiLedger ledger;
    private final Principal audience;
    private final Duration lookback;

    OaiSync(ArchiveStore store, AccessPolicy policy, OaiLedger ledger, Principal audience, Duration lookback) {
        this.store = store;
        this.policy = policy;
        this.ledger = ledger;
        this.audience = audience;
        this.lookback = lookback;
    }

    /** The audience key of the ledger: the principal's id. */
    static String audienceKey(Principal p) {
        return p.id();
    }

    /** What, besides the id, decides what the principal sees: a change forces a full re-evaluation. */
    static String fingerprint(Principal p) {
        return p.kind() + "|" + p.clearance() + "|" + new java.util.TreeSet<>(p.institutions().stream()
                .map(Object::toString).toList()) + "|" + p.grants();
    }

    void run(Instant now) {
        String key = audienceKey(audience);
        String fp = fingerprint(audience);
        Optional<OaiLedger.SyncState> state = ledger.syncState(key);
        Instant floor = state.map(s -> OaiTime.ofKey(s.syncedAt())).orElse(null);
        boolean full = state.isEmpty() || !state.get().fingerprint().equals(fp);
        Resolver resolver = new Resolver(store, policy, now);
        try {
            Instant since = full ? null : floor.minus(lookback);
            DescriptionId after = null;
            while (true) {
                List<Description> page = store.changes(since, after, PAGE);
                for (Description d : page) {
                    Optional<OaiLedger.Entry> prior = ledger.find(key, d.id());
                    process(d, prior, resolver, now, floor);
                    if (!full && prior.isPresent() && prior.get().version() != d.version()) {
                        // an ancestor's change may hide, show or move everything below it
                        try (Stream<Description> below = store.descendants(d.id())) {
                            below.forEach(x -> process(x, ledger.find(key, x.id()), resolver, now, floor));
                        }
                    }
                }
                if (page.size() < PAGE) break;
                Description last = page.get(page.size() - 1);
                since = last.info().updatedAt();
                after = last.id();
            }
            for (OaiLedger.Entry e : ledger.due(key, OaiTime.key(now))) {
                Optional<Description> d = store.find(e.id());
                if (d.isPresent()) process(d.get(), Optional.of(e), resolver, now, floor);
            }
            ledger.saveSync(key, new OaiLedger.SyncState(fp, OaiTime.key(now)));
            ledger.commit();
        } catch (RuntimeException e) {
            ledger.rollback();
            throw e;
        }
    }

    private void process(Description d, Optional<OaiLedger.Entry> prior, Resolver resolver, Instant now,
            @Nullable Instant floor) {
        String key = audienceKey(audience);
        Lineage l = resolver.lineage(d);
        boolean visible = policy.canSee(audience, l);
        String setPath = visible ? setPath(l, resolver) : prior.map(OaiLedger.Entry::setPath).orElse("");
        Instant[] times = transitions(l, resolver, now);
        Instant cause = times[0];
        String next = times[1] == null ? null : OaiTime.key(times[1]);
        String stamp = OaiTime.key(floor != null && floor.isAfter(cause) ? floor : cause);
        boolean isSet = isSetLevel(d.level());
        if (prior.isEmpty()) {
            ledger.put(key, new OaiLedger.Entry(d.id(), stamp, visible, visible, d.version(), setPath, isSet, next));
            return;
        }
        OaiLedger.Entry p = prior.get();
        boolean changed = p.visible() != visible
                || (visible && (p.version() != d.version() || !p.setPath().equals(setPath)));
        if (changed) {
            if (p.visible() && visible && !p.setPath().equals(setPath)) {
                // moved to another set: a selective harvest of the set it left reports it deleted there
                ledger.moved(key, d.id(), p.setPath(), stamp);
            }
            ledger.put(key, new OaiLedger.Entry(d.id(), stamp, visible, p.exposed() || visible, d.version(), setPath,
                    isSet, next));
        } else if (p.version() != d.version() || !java.util.Objects.equals(p.nextChange(), next)
                || p.isSet() != isSet) {
            ledger.put(key, new OaiLedger.Entry(d.id(), p.datestamp(), visible, p.exposed(), d.version(),
                    p.setPath(), isSet, next));
        }
    }

    /** Fonds, sub-fonds, series and sub-series are sets. */
    static boolean isSetLevel(Level level) {
        return level != Level.FILE && level != Level.ITEM;
    }

    /** The deepest set spec of a visible record: institution, then each visible set-bearing record on its path. */
    private String setPath(Lineage l, Resolver resolver) {
        StringBuilder sb = new StringBuilder(l.record().institution().value());
        for (DescriptionId id : l.path()) {
            Lineage a = id.equals(l.record().id()) ? l : resolver.lineage(id);
            if (a == null || !isSetLevel(a.record().level()) || !policy.canSee(audience, a)) continue;
            sb.append(':').append(SetSpecs.encode(id));
        }
        return sb.toString();
    }

    /**
     * {cause, next}: cause is the latest instant at or before now that the record's visibility or content could
     * have changed (any write on its path, any embargo end, opening date or grant expiry passed); next is the
     * earliest such instant after now, or null.
     */
    private Instant[] transitions(Lineage l, Resolver resolver, Instant now) {
        Instant cause = Instant.EPOCH;
        Instant next = null;
        for (DescriptionId id : l.path()) {
            Lineage a = id.equals(l.record().id()) ? l : resolver.lineage(id);
            if (a == null) continue;
            Description d = a.record();
            Instant[] candidates = new Instant[2];
            candidates[0] = d.access().embargoUntil();
            Optional<LocalDate> opening = policy.openingDate(d);
            if (opening.isPresent() && !opening.get().equals(LocalDate.MAX) && opening.get().getYear() > 0) {
                candidates[1] = opening.get().atStartOfDay(policy.zone()).toInstant();
            }
            if (d.info().updatedAt().isAfter(cause) && !d.info().updatedAt().isAfter(now)) {
                cause = d.info().updatedAt();
            }
            for (Instant t : candidates) {
                if (t == null) continue;
                if (t.isAfter(now)) next = next == null || t.isBefore(next) ? t : next;
                else if (t.isAfter(cause)) cause = t;
            }
            for (Grant g : audience.grants()) {
                if (!g.record().equals(id)) continue;
                Instant t = g.expiresAt();
                if (t.isAfter(now)) next = next == null || t.isBefore(next) ? t : next;
                else if (t.isAfter(cause)) cause = t;
            }
        }
        return new Instant[] {cause, next};
    }

    /** Lineages at one instant, with the parents cached; for one sync or one response. Not thread-safe. */
    static final class Resolver {
        private final ArchiveStore store;
        private final AccessPolicy policy;
        private final Instant at;
        private final Map<DescriptionId, Lineage> cache = new HashMap<>();
        private final Map<DescriptionId, Description> fetched = new HashMap<>();

        Resolver(ArchiveStore store, AccessPolicy policy, Instant at) {
            this.store = store;
            this.policy = policy;
            this.at = at;
        }

        /** The record when {@code who} may see it now; empty when missing or hidden. */
        Optional<Description> visible(Principal who, DescriptionId id) {
            return store.find(id).filter(x -> policy.canSee(who, lineage(x)));
        }

        /**
         * The records of {@code ids} that {@code who} may see now, by id: one store round trip for the records and
         * one per tree level for their ancestors, however scattered over the tree the records are.
         */
        Map<DescriptionId, Description> visible(Principal who, java.util.Collection<DescriptionId> ids) {
            Map<DescriptionId, Description> out = new HashMap<>();
            Map<DescriptionId, Description> records = store.findAll(ids);
            java.util.Collection<Description> level = records.values();
            while (true) {
                java.util.Set<DescriptionId> parents = new java.util.HashSet<>();
                for (Description d : level) {
                    DescriptionId p = d.parent();
                    if (p != null && !cache.containsKey(p) && !fetched.containsKey(p)) parents.add(p);
                }
                if (parents.isEmpty()) break;
                Map<DescriptionId, Description> got = store.findAll(parents);
                fetched.putAll(got);
                level = got.values();
            }
            records.forEach((id, d) -> {
                if (policy.canSee(who, lineage(d))) out.put(id, d);
            });
            return out;
        }

        Lineage lineage(Description d) {
            if (d.parent() == null) return policy.root(d, at);
            Lineage parent = lineage(d.parent());
            if (parent == null) { // a broken store: fail closed
                Lineage l = policy.root(d, at);
                return new Lineage(d, org.archivekit.core.model.AccessLevel.CONFIDENTIAL, false, true, l.path(), at);
            }
            return policy.child(parent, d);
        }

        @Nullable Lineage lineage(DescriptionId id) {
            Lineage l = cache.get(id);
            if (l != null) return l;
            Description known = fetched.get(id);
            Optional<Description> d = known != null ? Optional.of(known) : store.find(id);
            if (d.isEmpty()) return null;
            l = lineage(d.get());
            if (cache.size() > 8192) cache.clear();
            cache.put(id, l);
            return l;
        }
    }
}
