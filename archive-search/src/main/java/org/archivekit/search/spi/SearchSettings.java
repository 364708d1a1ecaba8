package org.archivekit.search.spi;

import org.jspecify.annotations.Nullable;

/**
 * Configuration of a backend as keys and values ({@code Map.of(...)::get} fits); each backend documents its keys.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface SearchSettings {

    /** The value of {@code key}, or {@code null} when it is not set. */
    @Nullable String get(String key);
}
