package org.archivekit.search.spi;

import java.util.Objects;

/**
 * The state of a backend.
 *
 * @param backend the backend's name
 * @param documents how many records it holds
 * @param isHealthy whether it answers queries
 * @param detail a line for operators (location, version)
 * @since 0.1
 */
public record Health(String backend, long documents, boolean isHealthy, String detail) {
    public Health {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(detail, "detail");
    }
}
