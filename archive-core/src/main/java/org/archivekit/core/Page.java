package org.archivekit.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of results and the cursor for the next page, if there is one.
 *
 * @param items the results, in order
 * @param next an opaque cursor to pass back for the next page, empty on the last page
 * @param <T> the kind of result
 * @since 0.1
 */
public record Page<T>(List<T> items, Optional<String> next) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}
