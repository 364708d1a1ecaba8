package org.archivekit.core.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Lineage;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.spi.ArchiveStore;

/**
 * Computes lineages for one request at one instant, caching the lineages of parents (a bounded LRU), so walking
 * many records costs one store read per distinct parent. Not thread-safe: one per request.
 */
public final class LineageResolver {
    private static final int CACHE_SIZE = 4096;

    private final ArchiveStore store;
    private final AccessPolicy policy;
    private final Instant at;
    private final Map<DescriptionId, Lineage> parents = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<DescriptionId, Lineage> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    /** A resolver evaluating at the policy's current instant. */
    public LineageResolver(ArchiveStore store, AccessPolicy policy) {
        this.store = store;
        this.policy = policy;
        this.at = policy.now();
    }

    /** The lineage of {@code record}, reading its ancestors as needed. */
    public Lineage lineage(Description record) {
        if (record.parent() == null) return policy.root(record, at);
        Optional<Lineage> parent = lineage(record.parent());
        // A record whose parent vanished (a broken store) gets no lineage of its own: fail closed.
        return parent.map(p -> policy.child(p, record)).orElseGet(() -> orphan(record));
    }

    /** The lineage of the record {@code id}, or empty when it does not exist. */
    public Optional<Lineage> lineage(DescriptionId id) {
        Lineage cached = parents.get(id);
        if (cached != null) return Optional.of(cached);
        Optional<Description> d = store.find(id);
        if (d.isEmpty()) return Optional.empty();
        Lineage l = lineage(d.get());
        parents.put(id, l);
        return Optional.of(l);
    }

    private Lineage orphan(Description record) {
        Lineage l = policy.root(record, at);
        return new Lineage(record, org.archivekit.core.model.AccessLevel.CONFIDENTIAL, false, true, l.path(), at);
    }
}
