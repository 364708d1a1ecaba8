package org.archivekit.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Bookkeeping the store maintains: the version (for optimistic concurrency) and who created and last changed the
 * record, and when. A new, never-stored record has version 0.
 *
 * @param version 0 before the first save, then 1, 2, …
 * @param createdBy principal id of the creator
 * @param createdAt when it was created
 * @param updatedBy principal id of the last writer
 * @param updatedAt when it was last written
 * @since 0.1
 */
public record RecordInfo(long version, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {
    /** The info of a record never stored. */
    public static final RecordInfo NEW = new RecordInfo(0, "-", Instant.EPOCH, "-", Instant.EPOCH);

    public RecordInfo {
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 0) throw new IllegalArgumentException("version is negative: " + version);
    }
}
