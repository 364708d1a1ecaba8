package org.archivekit.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.Page;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Grant;
import org.archivekit.core.access.Lineage;
import org.archivekit.core.access.Principal;
import org.archivekit.core.internal.LineageResolver;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.spi.ChangeListener;
import org.archivekit.search.internal.Documents;
import org.archivekit.search.internal.IndexSync;
import org.archivekit.search.internal.QuerySyntax;
import org.archivekit.search.internal.Recheck;
import org.archivekit.search.internal.RecordCache;
import org.archivekit.search.spi.AccessFilter;
import org.archivekit.search.spi.BackendQuery;
import org.archivekit.search.spi.BackendResult;
import org.archivekit.search.spi.Health;
import org.archivekit.search.spi.IndexDocument;
import org.archivekit.search.spi.QueryNode;
import org.archivekit.search.spi.SearchBackend;
import org.jspecify.annotations.Nullable;

/**
 * Search over one archive that shows each caller only what the caller may see: queries, facets, suggestions and
 * hierarchy browsing, backed by a {@link SearchBackend} kept in step with the store. Thread-safe; build one per
 * archive and share it; close it before the store.
 *
 * <pre>{@code
 * ArchiveStore store = SqliteArchiveStore.open(home.resolve("archive.db"));
 * ArchiveSearch search = ArchiveSearch.builder().store(store)
 *         .backend(LuceneSearchBackend.builder().directory(home.resolve("index")).build()).build();
 * Archive archive = Archive.builder().store(store).listener(search.listener()).build();
 * SearchResult r = search.search(Principal.anonymous(), SearchRequest.of("校史 year:1930..1949"));
 * }</pre>
 *
 * <p>Access is decided twice. The backend applies an {@link AccessFilter} built from the caller and the policy's
 * current instant inside the query, so totals, facet counts and suggestions only count visible records, and an
 * embargo or opening date that passes shows up with no reindexing. Then every hit is re-checked against the
 * store's current state through the {@link AccessPolicy}; a hit the index still showed but the store now hides is
 * dropped (and reindexed), so a stale index entry never leaks. The re-check reads the current versions of the hits
 * and their ancestors and reuses records it read before only at those versions (see {@link Builder#cachedRecords}).
 *
 * <p>Writes made through an {@link org.archivekit.core.Archive} built with {@link #listener()} reach searches
 * within about a second. {@link #reindex} rebuilds from the store; {@link #checkIndex} finds and repairs drift.
 *
 * @since 0.1
 */
public final class ArchiveSearch implements AutoCloseable {
    private static final int MAX_SUGGEST = 50;
    private static final int MAX_PAGE = 1000;
    /**
     * Below this many visible hits, a query is tried again forgiving typos: 1, so only a query that finds nothing the
     * caller may see (a precise query finding one or two records keeps exactly those).
     */
    public static final int TYPO_FALLBACK_BELOW = 1;
    /**
     * Totals are counted exactly up to this many visible matches by default; beyond it a search reports a lower
     * bound ({@link SearchResult#totalExact()} false), so the engine can skip matches that cannot make the page
     * (see {@link Builder#exactTotalUpTo}).
     */
    public static final int DEFAULT_EXACT_TOTAL_UP_TO = 1000;
    /** How many records the re-check keeps between requests by default (see {@link Builder#cachedRecords}). */
    public static final int DEFAULT_CACHED_RECORDS = 8192;

    private final ArchiveStore store;
    private final AccessPolicy policy;
    private final SearchBackend backend;
    private final Documents documents;
    private final IndexSync sync;
    private final int facetLimit;
    private final boolean forgiveTypos;
    private final int exactTotalUpTo;
    private final RecordCache records;

    private ArchiveSearch(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store: call Builder.store(...) first");
        this.backend = Objects.requireNonNull(b.backend, "backend: call Builder.backend(...) first");
        this.policy = b.policy;
        this.facetLimit = b.facetLimit;
        this.forgiveTypos = b.forgiveTypos;
        this.exactTotalUpTo = b.exactTotalUpTo;
        this.records = new RecordCache(b.cachedRecords);
        this.documents = new Documents(policy);
        this.sync = new IndexSync(store, documents, backend);
    }

    /** Starts a search service; a store and a backend are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The listener to register with {@code Archive.builder().listener(...)} so that writes reach the index. */
    public ChangeListener listener() {
        return sync;
    }

    /** The access policy in force (the archive must use the same one). */
    public AccessPolicy policy() {
        return policy;
    }

    /** The backend underneath. */
    public SearchBackend backend() {
        return backend;
    }

    /**
     * One page of the records {@code caller} may see that match {@code request}. The total is exact up to the
     * service's threshold and a lower bound beyond it, unless the request has facets or asks for an exact total
     * (see {@link SearchResult}).
     *
     * @throws InvalidRequestException when the query syntax is wrong or too costly, the cursor is malformed, or a
     *     non-staff caller filters by access level
     */
    public SearchResult search(Principal caller, SearchRequest request) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(request, "request");
        QueryNode query = QuerySyntax.parse(request.query());
        if (!request.filters().accessLevels().isEmpty() && !caller.isStaff()) {
            throw new InvalidRequestException("filters.accessLevels", "only staff may filter by access level");
        }
        AccessFilter access = accessFilter(caller);
        BackendQuery plain = new BackendQuery(query, request.filters(), access, request.sort(), request.limit(),
                request.after(), request.facets(), facetLimit, request.highlight()).exactTotalUpTo(
                request.exactTotal() || !request.facets().isEmpty() ? Integer.MAX_VALUE : exactTotalUpTo);
        BackendResult r = backend.search(plain);
        if (forgiveTypos && r.total() < TYPO_FALLBACK_BELOW && QuerySyntax.hasWords(query)) {
            // too little: try again forgiving typos. The choice depends only on what the caller may see (so it
            // reveals nothing about hidden records) and is the same for every page of one query.
            BackendResult loose = backend.search(plain.forgivingTypos());
            if (loose.total() > r.total()) r = loose;
        }
        // every hit and its ancestors as the index knows them, their versions read in one go (and the records the
        // cache does not hold at that version in another); the re-check then follows the store
        Recheck recheck = new Recheck(store, policy, records);
        Set<DescriptionId> wanted = new LinkedHashSet<>();
        for (BackendResult.Hit h : r.hits()) {
            wanted.add(h.id());
            wanted.addAll(h.path());
        }
        recheck.prefetch(wanted);
        List<SearchHit> hits = new ArrayList<>(r.hits().size());
        Set<DescriptionId> stale = new LinkedHashSet<>();
        for (BackendResult.Hit h : r.hits()) {
            Optional<RecordView> v = recheck(caller, h.id(), recheck);
            if (v.isPresent()) {
                hits.add(new SearchHit(v.get(), h.score(), h.highlights()));
            } else {
                stale.add(h.id());
            }
        }
        if (!stale.isEmpty()) sync.changed(stale, false);
        // a dropped stale hit lowers an exact total and a lower bound alike (the bound stays a bound)
        return new SearchResult(hits, Math.max(0, r.total() - stale.size()), r.totalExact(), r.facets(),
                Optional.ofNullable(r.next()));
    }

    /**
     * Up to {@code limit} (1 to 50) suggestions for {@code prefix} from records {@code caller} may see: creators'
     * names and subject terms that start with it (up to half the list), then titles that start with it or have a
     * word that does.
     */
    public List<String> suggest(Principal caller, String prefix, int limit) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(prefix, "prefix");
        if (limit < 1 || limit > MAX_SUGGEST) throw new IllegalArgumentException("limit must be 1-50, got " + limit);
        if (prefix.isBlank()) return List.of();
        if (prefix.length() > 100) throw new InvalidRequestException("prefix", "longer than 100 characters");
        return backend.suggest(prefix.strip(), accessFilter(caller), limit);
    }

    /**
     * One page of the children of {@code parent} that {@code caller} may see, each with how many of its
     * descendants the caller may see.
     *
     * @param cursor {@code null} for the first page, else the {@code next} of the previous page
     * @param limit 1 to 1000
     * @throws NotFoundException when the parent is missing or hidden from the caller
     */
    public Page<BrowseEntry> browse(Principal caller, DescriptionId parent, @Nullable String cursor, int limit) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(parent, "parent");
        if (limit < 1 || limit > MAX_PAGE) throw new IllegalArgumentException("limit must be 1-1000, got " + limit);
        LineageResolver resolver = new LineageResolver(store, policy);
        Lineage parentLineage = resolver.lineage(parent).filter(l -> policy.canSee(caller, l))
                .orElseThrow(() -> NotFoundException.forId(parent.value()));
        DescriptionId scan = null;
        if (cursor != null) {
            if (!DescriptionId.isValid(cursor)) throw new InvalidRequestException("cursor", "malformed page cursor");
            scan = DescriptionId.of(cursor);
        }
        List<RecordView> page = new ArrayList<>(limit);
        Optional<String> next = Optional.empty();
        int batch = Math.min(MAX_PAGE, limit + 1);
        outer:
        while (true) {
            List<Description> kids = store.children(parent, scan, batch);
            for (Description k : kids) {
                scan = k.id();
                Lineage l = policy.child(parentLineage, k);
                if (!policy.canSee(caller, l)) continue;
                if (page.size() == limit) {
                    next = Optional.of(page.get(limit - 1).id().value());
                    break outer;
                }
                page.add(view(caller, l, resolver));
            }
            if (kids.size() < batch) break;
        }
        Map<DescriptionId, Long> counts = backend.countDescendants(
                page.stream().map(RecordView::id).toList(), accessFilter(caller));
        List<BrowseEntry> out = page.stream()
                .map(v -> new BrowseEntry(v, counts.getOrDefault(v.id(), 0L))).toList();
        return new Page<>(out, next);
    }

    /** Rebuilds the index from the store; {@code progress} hears how many records are done. */
    public long reindex(LongConsumer progress) {
        Objects.requireNonNull(progress, "progress");
        return sync.reindex(progress);
    }

    /**
     * Compares store and index: counts, every id both ways, and the checksums of up to {@code sample} records
     * chosen at random (all when {@code sample} is at least the store's size); reindexes or deletes whatever
     * differs when {@code repair} is true.
     */
    public IndexReport checkIndex(int sample, boolean repair) {
        if (sample < 0) throw new IllegalArgumentException("negative sample " + sample);
        long storeCount = store.countByLevel().values().stream().mapToLong(Long::longValue).sum();
        Set<DescriptionId> indexed;
        try (Stream<DescriptionId> ids = backend.ids()) {
            indexed = ids.collect(Collectors.toCollection(HashSet::new));
        }
        long indexedCount = indexed.size();
        Set<DescriptionId> missing = new LinkedHashSet<>();
        Set<DescriptionId> stale = new LinkedHashSet<>();
        double p = storeCount == 0 ? 0 : Math.min(1.0, (double) sample / storeCount);
        long sampled = 0;
        try (Stream<Description> all = store.all(null)) {
            for (Description d : (Iterable<Description>) all::iterator) {
                if (!indexed.remove(d.id())) {
                    missing.add(d.id());
                    continue;
                }
                if (p >= 1.0 || ThreadLocalRandom.current().nextDouble() < p) {
                    sampled++;
                    Optional<IndexDocument> want = sync.document(d.id());
                    Optional<String> have = backend.checksum(d.id());
                    if (want.isEmpty() || have.isEmpty() || !want.get().checksum().equals(have.get())) {
                        stale.add(d.id());
                    }
                }
            }
        }
        Set<DescriptionId> extra = indexed; // what is left was not in the store
        long repaired = 0;
        if (repair) {
            Set<DescriptionId> fix = new LinkedHashSet<>(missing);
            fix.addAll(stale);
            if (!fix.isEmpty()) sync.reindex(fix);
            if (!extra.isEmpty()) backend.delete(extra);
            backend.commit();
            backend.refresh();
            repaired = fix.size() + extra.size();
        }
        return new IndexReport(storeCount, indexedCount, missing.size(), extra.size(), stale.size(), sampled,
                repaired);
    }

    /** Blocks until every write announced so far is indexed and visible to searches. */
    public void awaitIndexed() {
        sync.awaitIdle();
    }

    /** The state of the backend. */
    public Health health() {
        return backend.health();
    }

    /** The access filter of {@code caller} at the policy's current instant. */
    public AccessFilter accessFilter(Principal caller) {
        long now = policy.now().toEpochMilli();
        Set<DescriptionId> grants = new HashSet<>();
        for (Grant g : caller.grants()) {
            if (g.isActiveAt(policy.now())) grants.add(g.record());
        }
        boolean member = caller.kind() != Principal.Kind.PUBLIC;
        boolean all = caller.kind() == Principal.Kind.ADMIN && caller.institutions().isEmpty();
        return new AccessFilter(now, member ? caller.institutions() : Set.of(), all, caller.clearance(),
                caller.isStaff(), grants, false);
    }

    private Optional<RecordView> recheck(Principal caller, DescriptionId id, Recheck recheck) {
        return recheck.lineage(id).filter(l -> policy.canSee(caller, l)).map(l -> {
            List<RecordView.Crumb> crumbs = new ArrayList<>();
            List<DescriptionId> path = l.path();
            for (int i = 0; i < path.size() - 1; i++) {
                recheck.lineage(path.get(i)).filter(a -> policy.canSee(caller, a))
                        .ifPresent(a -> crumbs.add(RecordView.Crumb.of(a.record())));
            }
            return new RecordView(l.record(), l.effectiveLevel(), crumbs);
        });
    }

    private RecordView view(Principal caller, Lineage l, LineageResolver resolver) {
        List<RecordView.Crumb> crumbs = new ArrayList<>();
        List<DescriptionId> path = l.path();
        for (int i = 0; i < path.size() - 1; i++) {
            resolver.lineage(path.get(i)).filter(a -> policy.canSee(caller, a))
                    .ifPresent(a -> crumbs.add(RecordView.Crumb.of(a.record())));
        }
        return new RecordView(l.record(), l.effectiveLevel(), crumbs);
    }

    /** Stops the sync thread (after it indexed what was queued) and closes the backend; the store stays open. */
    @Override
    public void close() {
        sync.close();
        backend.close();
    }

    /** Builds an {@link ArchiveSearch}; not thread-safe, used once. */
    public static final class Builder {
        private @Nullable ArchiveStore store;
        private @Nullable SearchBackend backend;
        private AccessPolicy policy = AccessPolicy.standard();
        private int facetLimit = 20;
        private boolean forgiveTypos = true;
        private int exactTotalUpTo = DEFAULT_EXACT_TOTAL_UP_TO;
        private int cachedRecords = DEFAULT_CACHED_RECORDS;

        private Builder() {}

        /**
         * Keep up to {@code n} records (0 or more) read by the re-check of hits between requests, the least recently
         * used leaving first; default {@link ArchiveSearch#DEFAULT_CACHED_RECORDS}. A kept record is used only while
         * the store still holds it at the same version (each request reads the versions), so the re-check decides on
         * the store's current state either way; the cache saves reading and decoding the records, above all the
         * ancestors many hits share. 0 reads every record each time.
         */
        public Builder cachedRecords(int n) {
            if (n < 0) throw new IllegalArgumentException("cachedRecords must not be negative, got " + n);
            this.cachedRecords = n;
            return this;
        }

        /**
         * Count totals exactly up to {@code n} visible matches (at least 1); beyond it a search reports {@code n} as
         * a lower bound. Default {@link ArchiveSearch#DEFAULT_EXACT_TOTAL_UP_TO}; {@link Integer#MAX_VALUE} always
         * counts exactly (every match is then scored, which costs time on large archives).
         */
        public Builder exactTotalUpTo(int n) {
            if (n < 1) throw new IllegalArgumentException("exactTotalUpTo must be positive, got " + n);
            this.exactTotalUpTo = n;
            return this;
        }

        /**
         * Whether a query whose words as typed find no record the caller may see is tried again forgiving typos (see
         * {@link ArchiveSearch#TYPO_FALLBACK_BELOW} and {@link org.archivekit.search.spi.BackendQuery}); default true.
         */
        public Builder forgiveTypos(boolean on) {
            this.forgiveTypos = on;
            return this;
        }

        /** The most values counted per facet (the most frequent first), 1 to 1000; default 20. */
        public Builder facetLimit(int limit) {
            if (limit < 1 || limit > 1000) {
                throw new IllegalArgumentException("facet limit must be 1-1000, got " + limit);
            }
            this.facetLimit = limit;
            return this;
        }

        /** The store to index and re-check against (the archive's own). */
        public Builder store(ArchiveStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The backend; the search service closes it. */
        public Builder backend(SearchBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /** The access policy; must be the archive's. Default {@link AccessPolicy#standard()}. */
        public Builder policy(AccessPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The search service, with its sync thread started. */
        public ArchiveSearch build() {
            return new ArchiveSearch(this);
        }
    }
}
