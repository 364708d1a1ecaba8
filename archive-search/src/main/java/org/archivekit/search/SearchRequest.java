package org.archivekit.search;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One search: the user's query, filters, order, page and facets.
 *
 * <h2>Query syntax</h2>
 * <ul>
 *   <li>{@code 北京大学 校史}: words; every word must match (Chinese and English, traditional or simplified).</li>
 *   <li>{@code "国立北平大学"}: a phrase.</li>
 *   <li>{@code +word}, {@code -word}: must (the default) or must not match; {@code a OR b}: either.</li>
 *   <li>{@code field:value} or {@code field:"a phrase"} on {@code title}, {@code scope}, {@code creator},
 *       {@code subject}, {@code code} (档号), {@code context} (fonds and series titles).</li>
 *   <li>{@code year:1937}, {@code year:1930..1949}: records whose dates overlap those years.</li>
 *   <li>{@code word*}: words starting with at least two given characters. There are no leading wildcards and no
 *       regular expressions; parentheses group, at most 4 deep.</li>
 * </ul>
 * At most 500 characters and 32 clauses; anything else gives an {@link org.archivekit.core.InvalidRequestException}
 * naming the problem. An empty query matches everything.
 *
 * @param query the user's query (see above); empty for every record
 * @param filters filters; {@link SearchFilters#NONE} for none
 * @param sort the order
 * @param limit hits per page, 1 to 1000
 * @param after the {@code next} cursor of the previous page, or {@code null} for the first
 * @param facets facets to count over every visible match
 * @param highlight whether hits carry highlighted fragments
 * @param exactTotal whether the total must be exact however many records match; otherwise (the default) it is
 *     exact up to the search service's threshold ({@link ArchiveSearch#DEFAULT_EXACT_TOTAL_UP_TO}) and beyond it a
 *     lower bound ({@link SearchResult#totalExact()} says which), which lets the engine skip hits that cannot make the
 *     page. A request with facets always counts exactly (every match is visited for the facets anyway).
 * @since 0.1
 */
public record SearchRequest(String query, SearchFilters filters, SearchSort sort, int limit, @Nullable String after,
        Set<FacetField> facets, boolean highlight, boolean exactTotal) {
    public SearchRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(sort, "sort");
        facets = Set.copyOf(facets);
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be 1-1000, got " + limit);
    }

    /** A request whose total may be a lower bound beyond the service's threshold (see {@code exactTotal}). */
    public SearchRequest(String query, SearchFilters filters, SearchSort sort, int limit, @Nullable String after,
            Set<FacetField> facets, boolean highlight) {
        this(query, filters, sort, limit, after, facets, highlight, false);
    }

    /** A first page of ten by relevance for {@code query}, with highlights and no facets. */
    public static SearchRequest of(String query) {
        return builder(query).build();
    }

    /** Starts a request for {@code query}. */
    public static Builder builder(String query) {
        return new Builder(query);
    }

    /** A copy asking for the page after {@code cursor}. */
    public SearchRequest after(@Nullable String cursor) {
        return new SearchRequest(query, filters, sort, limit, cursor, facets, highlight, exactTotal);
    }

    /** Builds a {@link SearchRequest}; not thread-safe. */
    public static final class Builder {
        private final String query;
        private SearchFilters filters = SearchFilters.NONE;
        private SearchSort sort = SearchSort.RELEVANCE;
        private int limit = 10;
        private @Nullable String after;
        private final Set<FacetField> facets = EnumSet.noneOf(FacetField.class);
        private boolean highlight = true;
        private boolean exactTotal;

        private Builder(String query) {
            this.query = Objects.requireNonNull(query, "query");
        }

        /** The filters. */
        public Builder filters(SearchFilters filters) {
            this.filters = Objects.requireNonNull(filters, "filters");
            return this;
        }

        /** The order. */
        public Builder sort(SearchSort sort) {
            this.sort = Objects.requireNonNull(sort, "sort");
            return this;
        }

        /** Hits per page, 1 to 1000; default 10. */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /** The cursor of the previous page. */
        public Builder after(@Nullable String cursor) {
            this.after = cursor;
            return this;
        }

        /** Adds facets to count. */
        public Builder facets(FacetField... fields) {
            for (FacetField f : fields) facets.add(Objects.requireNonNull(f, "facet"));
            return this;
        }

        /** Whether hits carry highlights; default true. */
        public Builder highlight(boolean highlight) {
            this.highlight = highlight;
            return this;
        }

        /**
         * Whether the total must be exact however many records match; default false: exact up to the service's
         * threshold, a lower bound beyond it (requests with facets always count exactly).
         */
        public Builder exactTotal(boolean exact) {
            this.exactTotal = exact;
            return this;
        }

        /** The request. */
        public SearchRequest build() {
            return new SearchRequest(query, filters, sort, limit, after, facets, highlight, exactTotal);
        }
    }
}
