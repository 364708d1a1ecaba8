package org.archivekit.core.model;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Where the physical material is: a place (库房, shelf) and a container (box, folder).
 *
 * @param place repository, room, shelf, or {@code null}
 * @param container box / folder, or {@code null}
 * @since 0.1
 */
public record Location(@Nullable @Size(max = 1000) String place, @Nullable @Size(max = 1000) String container) {
    /** No location recorded. */
    public static final Location NONE = new Location(null, null);

    /** Whether nothing is recorded. */
    public boolean isEmpty() {
        return place == null && container == null;
    }
}
