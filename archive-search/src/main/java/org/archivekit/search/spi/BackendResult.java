package org.archivekit.search.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.search.FacetCount;
import org.archivekit.search.FacetField;
import org.jspecify.annotations.Nullable;

/**
 * What a backend answers to a {@link BackendQuery}.
 *
 * @param hits the page of hits in order
 * @param total how many visible records match: exactly when {@code totalExact}; otherwise a lower bound, which
 *     is then at least the query's {@link BackendQuery#exactTotalUpTo()}
 * @param totalExact whether {@code total} is exact
 * @param facets counts per requested facet, most frequent first
 * @param next the cursor of the next page, or {@code null} after the last page
 * @since 0.1
 */
public record BackendResult(List<Hit> hits, long total, boolean totalExact, Map<FacetField, List<FacetCount>> facets,
        @Nullable String next) {
    public BackendResult {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
    }

    /** A result with an exact total. */
    public BackendResult(List<Hit> hits, long total, Map<FacetField, List<FacetCount>> facets,
            @Nullable String next) {
        this(hits, total, true, facets, next);
    }

    /**
     * One hit.
     *
     * @param id the record
     * @param score its relevance score (0 when sorted by another order)
     * @param highlights fragments by field ({@code title}, {@code scope}, ...), matches marked with 【 and 】
     * @param path the ids from the fonds down to the record as indexed: a hint that lets the search service read
     *     the hits and their ancestors from the store in one go (it re-checks against the store whatever it says)
     */
    public record Hit(DescriptionId id, float score, Map<String, List<String>> highlights, List<DescriptionId> path) {
        public Hit {
            Objects.requireNonNull(id, "id");
            highlights = Map.copyOf(highlights);
            path = List.copyOf(path);
        }

        /** A hit whose indexed path is unknown. */
        public Hit(DescriptionId id, float score, Map<String, List<String>> highlights) {
            this(id, score, highlights, List.of(id));
        }
    }
}
