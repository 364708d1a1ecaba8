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
 * <p>Totals are exact up to a threshold (by default {@link ArchiveSearch#DEFAULT_EXACT_TOTAL_UP_TO}); when more
 * visible records match, the engine stops counting and {@code total} is a lower bound with {@code totalExact}
 * false, shown to people as "1,000+" (the way Lucene's {@code TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO} and
 * Elasticsearch's {@code track_total_hits} do). A request with facets or {@link SearchRequest#exactTotal()} always
 * gets an exact total. A lower bound, like an exact total, counts visible records only.
 *
 * @param hits the hits of this page
 * @param total how many visible records match: exactly when {@code totalExact}, else at least this many
 * @param totalExact whether {@code total} is exact (false: a lower bound, "at least {@code total}")
 * @param facets requested facet counts, most frequent first
 * @param next the cursor of the next page, empty after the last
 * @since 0.1
 */
public record SearchResult(List<SearchHit> hits, long total, boolean totalExact,
        Map<FacetField, List<FacetCount>> facets, Optional<String> next) {
    public SearchResult {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
        if (total < 0) throw new IllegalArgumentException("negative total " + total);
    }

    /** The total as people read it: {@code 1,234} when exact, {@code 1,000+} when a lower bound. */
    public String totalText() {
        return String.format(java.util.Locale.ROOT, "%,d", total) + (totalExact ? "" : "+");
    }
}
