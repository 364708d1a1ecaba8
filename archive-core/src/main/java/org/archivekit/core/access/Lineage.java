package org.archivekit.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;

/**
 * The access facts of one record with its ancestors, evaluated at one instant; made by {@link AccessPolicy}.
 *
 * @param record the record
 * @param effectiveLevel the most restrictive level over the chain at {@code at}
 * @param isPublished whether the record and every ancestor are published
 * @param isClassified whether the record or an ancestor carries a secrecy marking
 * @param path ids from the fonds down to the record itself
 * @param at the instant the facts were evaluated
 * @since 0.1
 */
public record Lineage(Description record, AccessLevel effectiveLevel, boolean isPublished, boolean isClassified,
        List<DescriptionId> path, Instant at) {
    public Lineage {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(effectiveLevel, "effectiveLevel");
        Objects.requireNonNull(at, "at");
        path = List.copyOf(path);
    }
}
