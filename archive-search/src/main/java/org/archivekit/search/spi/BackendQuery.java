package org.archivekit.search.spi;

import java.util.Objects;
import java.util.Set;
import org.archivekit.search.FacetField;
import org.archivekit.search.SearchFilters;
import org.archivekit.search.SearchSort;
import org.jspecify.annotations.Nullable;

/**
 * One search as a backend receives it: validated query, filters, the caller's access filter, order and page.
 *
 * @param query the parsed query
 * @param filters the caller's filters (already checked: the access-level filter only reaches staff queries)
 * @param access who may see what; applied inside the query
 * @param sort the order; ties break by id so paging is stable
 * @param limit hits per page, 1 to 1000
 * @param after the backend's cursor from the previous page, or {@code null} for the first page
 * @param facets the facets to count over every visible match
 * @param facetLimit the most values per facet
 * @param highlight whether to return highlighted fragments of the fields the hit shows
 * @param forgiveTypos whether words also match words a typo or two away, and a text of several words or Chinese
 *     characters matches when most of them do (the search service asks for this when the plain query finds too
 *     little); a backend that cannot may ignore it
 * @param exactTotalUpTo count the total exactly up to this many matches (at least 1); beyond it a backend may stop
 *     counting and report a lower bound of at least this many ({@link BackendResult#totalExact()} false), so it can
 *     skip matches that cannot make the page. {@link Integer#MAX_VALUE} asks for an exact total. With facets a
 *     backend counts every match anyway.
 * @since 0.1
 */
public record BackendQuery(QueryNode query, SearchFilters filters, AccessFilter access, SearchSort sort, int limit,
        @Nullable String after, Set<FacetField> facets, int facetLimit, boolean highlight, boolean forgiveTypos,
        int exactTotalUpTo) {
    public BackendQuery {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(sort, "sort");
        facets = Set.copyOf(facets);
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be 1-1000, got " + limit);
        if (exactTotalUpTo < 1) throw new IllegalArgumentException("exactTotalUpTo must be positive, got "
                + exactTotalUpTo);
    }

    /** A query matching words exactly (as analysed), counting the total exactly. */
    public BackendQuery(QueryNode query, SearchFilters filters, AccessFilter access, SearchSort sort, int limit,
            @Nullable String after, Set<FacetField> facets, int facetLimit, boolean highlight) {
        this(query, filters, access, sort, limit, after, facets, facetLimit, highlight, false, Integer.MAX_VALUE);
    }

    /** This query forgiving typos. */
    public BackendQuery forgivingTypos() {
        return new BackendQuery(query, filters, access, sort, limit, after, facets, facetLimit, highlight, true,
                exactTotalUpTo);
    }

    /** This query counting the total exactly up to {@code n} matches (see {@code exactTotalUpTo}). */
    public BackendQuery exactTotalUpTo(int n) {
        return new BackendQuery(query, filters, access, sort, limit, after, facets, facetLimit, highlight,
                forgiveTypos, n);
    }
}
