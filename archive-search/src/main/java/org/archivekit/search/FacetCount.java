package org.archivekit.search;

import java.util.Objects;

/**
 * One facet value and how many visible matches carry it.
 *
 * @param value the value
 * @param count how many
 * @since 0.1
 */
public record FacetCount(String value, long count) {
    public FacetCount {
        Objects.requireNonNull(value, "value");
        if (count < 0) throw new IllegalArgumentException("negative count " + count);
    }
}
