package org.archivekit.search;

import java.util.Objects;
import org.archivekit.core.RecordView;

/**
 * A child in a hierarchy browse, with how many of its descendants the caller may see.
 *
 * @param view the child as the caller sees it
 * @param visibleDescendants how many records below it the caller may see
 * @since 0.1
 */
public record BrowseEntry(RecordView view, long visibleDescendants) {
    public BrowseEntry {
        Objects.requireNonNull(view, "view");
    }
}
