package org.archivekit.core.spi;

import java.util.Objects;
import org.archivekit.core.model.Description;
import org.jspecify.annotations.Nullable;

/**
 * One record of an {@link ArchiveStore#renderedSubtree} walk: its depth below the walk's root and either its stored
 * rendition or, when it has no valid one, the whole record.
 *
 * <p>When {@link #rendition} is present, {@link #description} may hold only the record's access facts: its id,
 * institution, parent, level, title, sequence, status, version, access elements and dates (at least their hull),
 * everything {@code AccessPolicy} looks at; its other fields may be empty and its info may hold only the version. Use the rendition, not the description,
 * to write the record. When the rendition is null the description is the whole record.
 *
 * @param description the record, or its access facts when a rendition is present
 * @param depth 0 for the walk's root, 1 for its children, and so on
 * @param rendition the record's stored rendition in the requested format and version, or null
 * @since 0.3
 */
public record RenderedEntry(Description description, int depth, byte @Nullable [] rendition) {
    /** Checks the arguments. */
    public RenderedEntry {
        Objects.requireNonNull(description, "description");
        if (depth < 0) throw new IllegalArgumentException("depth is negative: " + depth);
    }
}
