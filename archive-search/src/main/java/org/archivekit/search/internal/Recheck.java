package org.archivekit.search.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Lineage;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.spi.ArchiveStore;

/**
 * Lineages of a page of hits computed from the store's current state, for one request at one instant. The ids the
 * index gave for the hits and their ancestors are looked up in one store call that reads only their versions
 * ({@link ArchiveStore#versions}); a record the {@link RecordCache} holds at that version is taken from it, the
 * others are read in one more call ({@link ArchiveStore#findAll}) and kept. Anything the store then says
 * differently (a record moved to another parent, a parent gone) is read on its own, so the result is exactly what
 * reading each record and its ancestors would give. Not thread-safe: one per request.
 */
public final class Recheck {
    private final ArchiveStore store;
    private final AccessPolicy policy;
    private final RecordCache cache;
    private final Instant at;
    private final Map<DescriptionId, Optional<Description>> read = new HashMap<>();
    private final Map<DescriptionId, Optional<Lineage>> lineages = new HashMap<>();

    /** A re-check at the policy's current instant, taking current records from {@code cache} and keeping reads there. */
    public Recheck(ArchiveStore store, AccessPolicy policy, RecordCache cache) {
        this.store = store;
        this.policy = policy;
        this.cache = cache;
        this.at = policy.now();
    }

    /** Reads {@code ids} from the store (or the cache, where it holds the stored version) in as few calls as it can. */
    public void prefetch(Collection<DescriptionId> ids) {
        Set<DescriptionId> todo = new LinkedHashSet<>();
        for (DescriptionId id : ids) if (!read.containsKey(id)) todo.add(id);
        if (todo.isEmpty()) return;
        Map<DescriptionId, Long> versions = store.versions(todo);
        List<DescriptionId> fetch = new ArrayList<>();
        for (DescriptionId id : todo) {
            Long v = versions.get(id);
            Description kept = v == null ? null : cache.get(id, v);
            if (v == null) {
                read.put(id, Optional.empty());
            } else if (kept != null) {
                read.put(id, Optional.of(kept));
            } else {
                fetch.add(id);
            }
        }
        if (fetch.isEmpty()) return;
        Map<DescriptionId, Description> found = store.findAll(fetch);
        for (DescriptionId id : fetch) {
            Description d = found.get(id);
            if (d != null) cache.put(d);
            read.put(id, Optional.ofNullable(d));
        }
    }

    /** The lineage of {@code id} now, or empty when the record does not exist. */
    public Optional<Lineage> lineage(DescriptionId id) {
        Optional<Lineage> known = lineages.get(id);
        if (known != null) return known;
        Optional<Description> d = read.computeIfAbsent(id, this::find);
        Optional<Lineage> out = d.map(this::lineage);
        lineages.put(id, out);
        return out;
    }

    private Optional<Description> find(DescriptionId id) {
        Optional<Description> d = store.find(id);
        d.ifPresent(cache::put);
        return d;
    }

    private Lineage lineage(Description d) {
        if (d.parent() == null) return policy.root(d, at);
        // a record whose parent vanished (a broken store) gets no lineage of its own: fail closed
        return lineage(d.parent()).map(p -> policy.child(p, d)).orElseGet(() -> {
            Lineage l = policy.root(d, at);
            return new Lineage(d, AccessLevel.CONFIDENTIAL, false, true, l.path(), at);
        });
    }
}
