package org.archivekit.core.access;

import java.time.Instant;
import java.util.Objects;
import org.archivekit.core.model.DescriptionId;

/**
 * An explicit, expiring permission for one principal to see one record and its descendants, whatever their
 * access level — except classified material (密级) and drafts or withdrawn records, which no grant opens.
 *
 * @param record the record granted, with its descendants
 * @param expiresAt the instant the grant stops working (exclusive)
 * @since 0.1
 */
public record Grant(DescriptionId record, Instant expiresAt) {
    public Grant {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the grant still works at {@code now}. */
    public boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
