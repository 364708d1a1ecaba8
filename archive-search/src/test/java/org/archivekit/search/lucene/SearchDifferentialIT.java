package org.archivekit.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Grant;
import org.archivekit.core.access.Lineage;
import org.archivekit.core.access.Principal;
import org.archivekit.core.internal.LineageResolver;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Carrier;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.SecrecyMarking;
import org.archivekit.core.model.Title;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.search.ArchiveSearch;
import org.archivekit.search.FacetCount;
import org.archivekit.search.FacetField;
import org.archivekit.search.SearchFilters;
import org.archivekit.search.SearchHit;
import org.archivekit.search.SearchRequest;
import org.archivekit.search.SearchResult;
import org.archivekit.search.SearchSort;
import org.archivekit.search.internal.QuerySyntax;
import org.archivekit.search.spi.AccessFilter;
import org.archivekit.search.spi.BackendQuery;
import org.archivekit.search.spi.BackendResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test of security trimming: for each role, thousands of random queries (words, phrases, fields,
 * years, prefixes, negations, filters, facets, sorts, deep pages, suggestions) compared with a brute-force
 * reference computed from the store through {@link AccessPolicy}: no hit, total, facet count, snippet or
 * suggestion may reveal a record the role cannot see, and totals and facet counts must equal the reference.
 * Canary records with unique words sit above each role's clearance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SearchDifferentialIT {
    private static final int QUERIES_PER_ROLE = 2000;
    private static final InstitutionCode U = SampleArchive.DEFAULT_INSTITUTION;
    private static final InstitutionCode OTHER = InstitutionCode.of("CN-OTHER-U");
    private static final Principal ADMIN = Principal.admin("admin");
    private static final Instant NOW = Instant.parse("2027-06-01T00:00:00Z");
    private static final Set<FacetField> CHECKED_FACETS = Set.of(FacetField.LEVEL, FacetField.CARRIER,
            FacetField.INSTITUTION, FacetField.DECADE);

    @TempDir
    static Path dir;

    private ArchiveStore store;
    private AccessPolicy policy;
    private ArchiveSearch search;
    private final Map<String, Set<DescriptionId>> visible = new HashMap<>();
    private final Map<DescriptionId, Description> records = new HashMap<>();
    private final List<String> vocabulary = new ArrayList<>();
    private final List<DescriptionId> containers = new ArrayList<>();
    private final Map<String, String> canaries = new HashMap<>(); // word -> minimum role name that may see it

    static Stream<String> roles() {
        return Stream.of("public", "campus", "campus-other", "staff-campus", "staff-restricted", "granted", "admin");
    }

    private Principal principal(String role) {
        return switch (role) {
            case "public" -> Principal.anonymous();
            case "campus" -> Principal.campus("c", U);
            case "campus-other" -> Principal.campus("o", OTHER);
            case "staff-campus" -> Principal.staff("sc", AccessLevel.CAMPUS, U);
            case "staff-restricted" -> Principal.staff("sr", AccessLevel.RESTRICTED, U);
            case "granted" -> Principal.campus("g", U).withGrant(new Grant(containers.get(7), NOW.plusSeconds(3600)))
                    .withGrant(new Grant(containers.get(3), NOW.minusSeconds(1)));
            case "admin" -> ADMIN;
            default -> throw new IllegalArgumentException(role);
        };
    }

    @BeforeAll
    void build() {
        policy = AccessPolicy.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        store = new InMemoryArchiveStore();
        search = ArchiveSearch.builder().store(store).policy(policy)
                .backend(LuceneSearchBackend.builder().directory(dir.resolve("index")).build()).build();
        Archive archive = Archive.builder().store(store).policy(policy).listener(search.listener()).build();
        SampleArchive sample = SampleArchive.builder().items(2000).seed(11).build();
        archive.putInstitution(ADMIN, sample.institution());
        archive.putInstitution(ADMIN, new Institution(OTHER, "另一所大学", null, null));
        archive.importAll(ADMIN, sample.iterator());
        try (Stream<Description> all = store.all(null)) {
            all.forEach(d -> {
                records.put(d.id(), d);
                if (d.level() == Level.SERIES || d.level() == Level.FILE) containers.add(d.id());
            });
        }
        containers.sort(null);
        plantCanaries(archive);
        search.awaitIndexed();
        Random rnd = new Random(5);
        for (Description d : records.values()) {
            if (rnd.nextInt(8) != 0) continue;
            String t = d.title().text();
            for (int i = 0; i + 2 <= t.length() && vocabulary.size() < 4000; i += 3) {
                vocabulary.add(t.substring(i, Math.min(t.length(), i + 2 + rnd.nextInt(3))));
            }
            for (Title p : d.parallelTitles()) {
                for (String w : p.text().split("[^A-Za-z]+")) if (w.length() > 3) vocabulary.add(w);
            }
        }
        vocabulary.addAll(canaries.keySet());
        vocabulary.addAll(canaries.keySet()); // canaries come up often
        LineageResolver resolver = new LineageResolver(store, policy);
        for (String role : roles().toList()) {
            Principal p = principal(role);
            Set<DescriptionId> v = new HashSet<>();
            for (Description d : records.values()) {
                Lineage l = resolver.lineage(d);
                if (policy.canSee(p, l)) v.add(d.id());
            }
            visible.put(role, v);
        }
    }

    private void plantCanaries(Archive archive) {
        Description file = records.get(containers.get(5));
        Map<String, Access> planted = new java.util.LinkedHashMap<>();
        planted.put("zqcampus", Access.of(AccessLevel.CAMPUS));
        planted.put("zqrestricted", Access.of(AccessLevel.RESTRICTED));
        planted.put("zqconfidential", Access.of(AccessLevel.CONFIDENTIAL));
        planted.put("zqsecret", Access.PUBLIC.withSecrecy(SecrecyMarking.SECRET));
        planted.put("zqembargo", Access.PUBLIC.withEmbargoUntil(NOW.plusSeconds(86_400)));
        int n = 0;
        for (Map.Entry<String, Access> e : planted.entrySet()) {
            Description d = Description.builder().id(DescriptionId.of("CANARY-" + n++)).institution(U)
                    .parent(file.id()).level(Level.ITEM).title(Title.zh("金丝雀 " + e.getKey()))
                    .scopeAndContent("canary note " + e.getKey()).access(e.getValue()).build();
            records.put(d.id(), archive.create(ADMIN, d));
            canaries.put(e.getKey(), e.getKey());
        }
        Description draft = Description.builder().id(DescriptionId.of("CANARY-" + n)).institution(U)
                .parent(file.id()).level(Level.ITEM).title(Title.zh("金丝雀 zqdraft")).status(LifecycleStatus.DRAFT)
                .build();
        records.put(draft.id(), archive.create(ADMIN, draft));
        canaries.put("zqdraft", "zqdraft");
    }

    @AfterAll
    void close() {
        search.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void noLeaksAndExactCountsAgainstTheBruteForceReference(String role) {
        Principal p = principal(role);
        Set<DescriptionId> v = visible.get(role);
        Random rnd = new Random(role.hashCode());
        boolean exact = !role.equals("granted"); // grant-only records match without ancestors' context
        int queries = 0;
        int deepPages = 0;
        int lowerBounds = 0;
        long hitsSeen = 0;
        long tSearch = 0;
        long tMatch = 0;
        long tSuggest = 0;
        Set<String> visibleTitles = v.stream().map(id -> records.get(id).title().text())
                .collect(Collectors.toSet());
        for (DescriptionId id : v) { // suggestions also offer the names and subjects of visible records
            records.get(id).agents().forEach(a -> visibleTitles.add(a.name()));
            visibleTitles.addAll(records.get(id).subjects());
        }
        while (queries < QUERIES_PER_ROLE) {
            SearchRequest req = randomRequest(rnd, p.isStaff());
            SearchResult r;
            long t0 = System.nanoTime();
            try {
                r = search.search(p, req);
            } catch (org.archivekit.core.InvalidRequestException e) {
                continue; // a random query the syntax refuses (such as a too-short prefix)
            }
            queries++;
            long t1 = System.nanoTime();
            Set<DescriptionId> expected = everyMatch(req, false).stream().filter(v::contains)
                    .collect(Collectors.toSet());
            if (expected.size() < ArchiveSearch.TYPO_FALLBACK_BELOW && QuerySyntax.hasWords(QuerySyntax.parse(
                    req.query()))) {
                // the service's rule, over what this role may see: too few visible matches -> forgive typos
                Set<DescriptionId> loose = everyMatch(req, true).stream().filter(v::contains)
                        .collect(Collectors.toSet());
                if (loose.size() > expected.size()) expected = loose;
            }
            tMatch += System.nanoTime() - t1;
            tSearch += t1 - t0;
            for (SearchHit h : r.hits()) {
                assertThat(v).as(role + " leaked hit for " + req).contains(h.view().id());
                hitsSeen++;
                Description d = records.get(h.view().id());
                String own = d.title().text() + d.parallelTitles() + d.scopeAndContent() + d.agents() + d.subjects()
                        + d.arrangement() + d.classification() + d.notes() + d.customFields();
                h.highlights().values().forEach(frags -> frags.forEach(f -> assertThat(own)
                        .as("snippet of a visible hit").contains(f.replace("【", "").replace("】", "")
                                .replace("…", "").strip().lines().findFirst().orElse(""))));
            }
            if (!r.totalExact()) {
                // beyond the threshold the total is a lower bound: the threshold itself, never more than the role sees
                lowerBounds++;
                assertThat(req.facets()).as("a request with facets counts exactly: " + req).isEmpty();
                assertThat(r.total()).as(role + " lower bound for " + req).isEqualTo(ArchiveSearch
                        .DEFAULT_EXACT_TOTAL_UP_TO);
                assertThat(r.total()).as(role + " lower bound for " + req).isLessThanOrEqualTo(expected.size());
            } else if (exact) {
                assertThat(r.total()).as(role + " total for " + req).isEqualTo(expected.size());
                assertFacets(role, req, r, expected);
            } else {
                assertThat(r.total()).as(role + " total for " + req).isLessThanOrEqualTo(expected.size());
            }
            if (exact && expected.size() <= ArchiveSearch.DEFAULT_EXACT_TOTAL_UP_TO) {
                assertThat(r.totalExact()).as(role + " exact up to the threshold: " + req).isTrue();
            }
            if (r.next().isPresent() && rnd.nextInt(3) == 0) {
                SearchResult page = r;
                for (int k = 0; k < 3 && page.next().isPresent(); k++) {
                    page = search.search(p, req.after(page.next().get()));
                    for (SearchHit h : page.hits()) assertThat(v).as(role + " deep page").contains(h.view().id());
                }
                deepPages++;
            }
            String prefix = vocabulary.get(rnd.nextInt(vocabulary.size()));
            prefix = prefix.substring(0, Math.min(prefix.length(), 1 + rnd.nextInt(3)));
            long t2 = System.nanoTime();
            for (String s : search.suggest(p, prefix, 10)) {
                assertThat(visibleTitles).as(role + " suggestion for " + prefix).contains(s);
            }
            tSuggest += System.nanoTime() - t2;
        }
        for (String canary : canaries.keySet()) {
            boolean mayCanary = records.values().stream().anyMatch(d -> v.contains(d.id())
                    && d.title().text().contains(canary));
            SearchResult r = search.search(p, SearchRequest.builder(canary).facets(FacetField.LEVEL).build());
            assertThat(r.total() > 0).as(role + " canary " + canary).isEqualTo(mayCanary);
            assertThat(search.suggest(p, canary, 10).isEmpty()).isEqualTo(!mayCanary);
        }
        System.out.printf("differential %-16s queries=%d deepPages=%d lowerBounds=%d hitsChecked=%d visible=%d/%d"
                + " search=%dms reference=%dms suggest=%dms%n", role, queries, deepPages, lowerBounds, hitsSeen,
                v.size(), records.size(), tSearch / 1_000_000, tMatch / 1_000_000, tSuggest / 1_000_000);
    }

    private void assertFacets(String role, SearchRequest req, SearchResult r, Set<DescriptionId> expected) {
        for (FacetField f : req.facets()) {
            if (!CHECKED_FACETS.contains(f)) continue;
            Map<String, Long> want = new HashMap<>();
            for (DescriptionId id : expected) {
                for (String value : facetValues(records.get(id), f)) want.merge(value, 1L, Long::sum);
            }
            if (want.size() > 20) continue; // only the top 20 come back
            Map<String, Long> got = r.facets().get(f).stream()
                    .collect(Collectors.toMap(FacetCount::value, FacetCount::count));
            assertThat(got).as(role + " facet " + f + " for " + req).isEqualTo(want);
        }
    }

    private static List<String> facetValues(Description d, FacetField f) {
        return switch (f) {
            case LEVEL -> List.of(d.level().name());
            case CARRIER -> List.of(d.carrier().name());
            case INSTITUTION -> List.of(d.institution().value());
            case DECADE -> {
                var hull = d.dateHull();
                Integer from = hull == null ? null : hull.begin() != null ? hull.begin().getYear()
                        : hull.end() != null ? hull.end().getYear() : null;
                yield from == null ? List.of() : List.of(Math.floorDiv(from, 10) * 10 + "s");
            }
            default -> List.of();
        };
    }

    /** Every record matching {@code req} whoever asks: the backend with no access filter, all pages. */
    private Set<DescriptionId> everyMatch(SearchRequest req, boolean forgiveTypos) {
        Set<DescriptionId> out = new HashSet<>();
        String after = null;
        do {
            BackendResult r = search.backend().search(new BackendQuery(QuerySyntax.parse(req.query()),
                    req.filters(), AccessFilter.unrestricted(NOW.toEpochMilli()), SearchSort.RELEVANCE, 1000, after,
                    Set.of(), 0, false, forgiveTypos, Integer.MAX_VALUE));
            r.hits().forEach(h -> out.add(h.id()));
            after = r.next();
        } while (after != null);
        return out;
    }

    private SearchRequest randomRequest(Random rnd, boolean staff) {
        StringBuilder q = new StringBuilder();
        int words = rnd.nextInt(4);
        for (int w = 0; w < words; w++) {
            String word = vocabulary.get(rnd.nextInt(vocabulary.size())).replace("\"", "");
            switch (rnd.nextInt(10)) {
                case 0 -> q.append('"').append(word).append("\" ");
                case 1 -> q.append('-').append(word).append(' ');
                case 2 -> q.append("title:").append(word).append(' ');
                case 3 -> q.append(word, 0, Math.min(word.length(), 3)).append("* ");
                case 4 -> q.append(word).append(" OR ");
                default -> q.append(word).append(' ');
            }
        }
        if (q.toString().endsWith(" OR ")) q.setLength(q.length() - 4);
        if (rnd.nextInt(6) == 0) {
            int from = 1920 + rnd.nextInt(100);
            q.append("year:").append(from).append("..").append(from + rnd.nextInt(20));
        }
        SearchFilters.Builder f = SearchFilters.builder();
        switch (rnd.nextInt(8)) {
            case 0 -> f.level(Level.values()[rnd.nextInt(Level.values().length)]);
            case 1 -> f.carrier(Carrier.values()[rnd.nextInt(Carrier.values().length)]);
            case 2 -> f.within(containers.get(rnd.nextInt(containers.size())));
            case 3 -> f.hasDigitalObject(rnd.nextBoolean());
            case 4 -> f.years(1930 + rnd.nextInt(60), 1990 + rnd.nextInt(30));
            case 5 -> {
                if (staff) f.accessLevel(AccessLevel.values()[rnd.nextInt(AccessLevel.values().length)]);
            }
            default -> { }
        }
        SearchRequest.Builder b = SearchRequest.builder(q.toString().strip()).filters(f.build())
                .sort(SearchSort.values()[rnd.nextInt(SearchSort.values().length)])
                .limit(1 + rnd.nextInt(30)).highlight(rnd.nextBoolean());
        if (rnd.nextBoolean()) {
            List<FacetField> all = new ArrayList<>(List.of(FacetField.values()));
            java.util.Collections.shuffle(all, rnd);
            b.facets(all.subList(0, 1 + rnd.nextInt(3)).toArray(FacetField[]::new));
        }
        return b.build();
    }
}
