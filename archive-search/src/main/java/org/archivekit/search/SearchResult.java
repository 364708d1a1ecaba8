package org.archivekit.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of search results.
 *
 * <p>{@code total} and the facet counts come from the access filter applied inside the query, so they count only
 * records the caller may see. Each hit is also re-checked against the store before it is returned; when a
 * re-check hides a hit (the index lagged behind a write), the hit is dropped from the page, the record is
 * reindexed at once, and the total is lowered by the number dropped. Such lag lasts at most until the next
 * index refresh.
 *
 * @param hits the hits of this page
 * @param total how many visible records match
 * @param facets requested facet counts, most frequent first
 * @param next the cursor of the next page, empty after the last
 * @since 0.1
 */
public record SearchResult(List<SearchHit> hits, long total, Map<FacetField, List<FacetCount>> facets,
        Optional<String> next) {
    public SearchResult {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
    }
}
