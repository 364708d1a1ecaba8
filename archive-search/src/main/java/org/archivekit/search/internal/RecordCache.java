package org.archivekit.search.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.jspecify.annotations.Nullable;

/**
 * Records read from the store, kept by id and version so that a re-check need not read and decode again a record
 * the store still holds at the same version (versions only grow and records are never deleted, so a copy at the
 * stored version is the stored record). Holds at most a fixed number of records, the least recently used leaving
 * first: the ancestors shared by many hits (fonds, series, files) stay. A capacity of 0 keeps nothing.
 * Thread-safe.
 */
public final class RecordCache {
    private final int capacity;
    private final Map<DescriptionId, Description> records;

    /** A cache of up to {@code capacity} records (0 keeps none). */
    public RecordCache(int capacity) {
        if (capacity < 0) throw new IllegalArgumentException("negative capacity " + capacity);
        this.capacity = capacity;
        this.records = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<DescriptionId, Description> eldest) {
                return size() > RecordCache.this.capacity;
            }
        };
    }

    /** The copy of {@code id} at {@code version}, or {@code null} when none is kept at that version. */
    public synchronized @Nullable Description get(DescriptionId id, long version) {
        Description d = records.get(id);
        return d != null && d.version() == version ? d : null;
    }

    /** Keeps {@code d}, replacing an older copy (never a newer one: a slow reader may bring an older version). */
    public synchronized void put(Description d) {
        if (capacity == 0) return;
        Description had = records.get(d.id());
        if (had == null || had.version() <= d.version()) records.put(d.id(), d);
    }

    /** How many records are kept. */
    public synchronized int size() {
        return records.size();
    }
}
