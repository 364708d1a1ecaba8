package org.archivekit.core.spi;

import java.util.Objects;
import org.archivekit.core.model.Description;

/**
 * One record of an {@link ArchiveStore#subtree} walk and its depth below the walk's root.
 *
 * @param description the record
 * @param depth 0 for the walk's root, 1 for its children, and so on
 * @since 0.1
 */
public record TreeEntry(Description description, int depth) {
    /** Checks the arguments. */
    public TreeEntry {
        Objects.requireNonNull(description, "description");
        if (depth < 0) throw new IllegalArgumentException("depth is negative: " + depth);
    }
}
