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
 * index gave for the hits and their ancestors are read in one store call ({@link ArchiveStore#findAll}); anything
 * the store then says differently (a record moved to another parent, a parent gone) is read on its own, so the
 * result is exactly what reading each record and its ancestors would give. Not thread-safe: one per request.
 */
public final class Recheck {
    private static final int CHUNK = 500;

    private final ArchiveStore store;
    private final AccessPolicy policy;
    private final Instant at;
    private final Map<DescriptionId, Optional<Description>> read = new HashMap<>();
    private final Map<DescriptionId, Optional<Lineage>> lineages = new HashMap<>();

    /** A re-check at the policy's current instant. */
    public Recheck(ArchiveStore store, AccessPolicy policy) {
        this.store = store;
        this.policy = policy;
        this.at = policy.now();
    }

    /** Reads {@code ids} from the store in as few calls as the store allows. */
    public void prefetch(Collection<DescriptionId> ids) {
        Set<DescriptionId> todo = new LinkedHashSet<>();
        for (DescriptionId id : ids) if (!read.containsKey(id)) todo.add(id);
        List<DescriptionId> chunk = new ArrayList<>(Math.min(CHUNK, todo.size()));
        for (DescriptionId id : todo) {
            chunk.add(id);
            if (chunk.size() == CHUNK) {
                fetch(chunk);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) fetch(chunk);
    }

    private void fetch(List<DescriptionId> ids) {
        Map<DescriptionId, Description> found = store.findAll(ids);
        for (DescriptionId id : ids) read.put(id, Optional.ofNullable(found.get(id)));
    }

    /** The lineage of {@code id} now, or empty when the record does not exist. */
    public Optional<Lineage> lineage(DescriptionId id) {
        Optional<Lineage> known = lineages.get(id);
        if (known != null) return known;
        Optional<Description> d = read.computeIfAbsent(id, store::find);
        Optional<Lineage> out = d.map(this::lineage);
        lineages.put(id, out);
        return out;
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
