package org.archivekit.search.spi;

import static org.archivekit.search.spi.SearchFixture.ADMIN;
import static org.archivekit.search.spi.SearchFixture.PKU;
import static org.archivekit.search.spi.SearchFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.Page;
import org.archivekit.core.access.Grant;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.Title;
import org.archivekit.search.BrowseEntry;
import org.archivekit.search.FacetCount;
import org.archivekit.search.FacetField;
import org.archivekit.search.IndexReport;
import org.archivekit.search.SearchFilters;
import org.archivekit.search.SearchHit;
import org.archivekit.search.SearchRequest;
import org.archivekit.search.SearchResult;
import org.archivekit.search.SearchSort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every {@link SearchBackend} must show behind {@code ArchiveSearch}: Chinese and English matching,
 * access decided inside the query (canaries above each role's clearance never surface, in hits, totals, facets or
 * suggestions), time-dependent access without reindexing, stale entries that cannot leak, sync, paging, sorting,
 * browsing and consistency checks. A backend's test extends this class and implements {@link #newBackend}.
 */
public abstract class SearchBackendContract {

    @TempDir
    Path dir;

    protected SearchFixture fx;

    /** A new, empty backend storing its files under {@code dir}. */
    protected abstract SearchBackend newBackend(Path dir);

    @BeforeEach
    void open() {
        fx = new SearchFixture(newBackend(dir.resolve("index")));
    }

    @AfterEach
    void closeFixture() {
        fx.close();
    }

    protected List<String> ids(Principal p, String query) {
        return ids(fx.search.search(p, SearchRequest.builder(query).limit(100).build()));
    }

    protected static List<String> ids(SearchResult r) {
        return r.hits().stream().map(h -> h.view().id().value()).toList();
    }

    @Nested
    final class Matching {
        @Test
        void findsChineseWords() {
            assertThat(ids(ADMIN, "迁校")).contains("I1");
            assertThat(ids(ADMIN, "西南联合大学")).first().isEqualTo("I1");
        }

        @Test
        void stemsEnglishAndFoldsCase() {
            assertThat(ids(ADMIN, "MOVED kunming")).containsExactly("I1");
        }

        @Test
        void foldsTraditionalToSimplified() {
            assertThat(ids(ADMIN, "北京大学校务会议")).contains("I2");
            assertThat(ids(ADMIN, "國立北京大學")).contains("I2");
        }

        @Test
        void foldsDiacriticsAndFullWidth() {
            assertThat(ids(ADMIN, "cafe resume")).containsExactly("I2");
            assertThat(ids(ADMIN, "ｃａｆé")).containsExactly("I2");
        }

        @Test
        void exactReferenceCodeRanksFirst() {
            assertThat(ids(ADMIN, "Z001-WS·1937-Y-0002")).first().isEqualTo("I2");
            assertThat(ids(ADMIN, "code:\"Z001-WS·1937-Y-0001\"")).first().isEqualTo("I1");
        }

        @Test
        void findsItemsThroughTheirFondsAndSeries() {
            assertThat(ids(ADMIN, "校长办公室 迁校")).containsExactly("I1");
        }

        @Test
        void titleBeatsScopeNote() {
            // 图书馆 is in I11's scope note only; "library" in its title: both match I11, the title decides
            assertThat(ids(ADMIN, "library")).first().isEqualTo("I11");
        }

        @Test
        void phrasesKeepWordOrder() {
            assertThat(ids(ADMIN, "\"moving the university\"")).containsExactly("I1");
            assertThat(ids(ADMIN, "\"university the moving\"")).isEmpty();
        }

        @Test
        void mustNotAndFieldsAndYears() {
            assertThat(ids(ADMIN, "1937年文书 -迁校 year:1937")).doesNotContain("I1");
            assertThat(ids(ADMIN, "creator:蒋梦麟")).containsExactly("I1");
            assertThat(ids(ADMIN, "year:1938..1940")).containsExactly("I1");
        }

        @Test
        void longChineseQueriesDoNotExplode() {
            String q = "北京大学校务会议记录".repeat(12);
            try {
                assertThat(ids(ADMIN, q)).containsExactly("I2"); // every character and pair of it is in I2
            } catch (InvalidRequestException refused) {
                assertThat(refused.violations()).extracting(InvalidRequestException.Violation::path)
                        .containsExactly("query");
            }
            assertThat(ids(ADMIN, "北京大学校务会议")).contains("I2");
        }

        @Test
        void rejectsCostlySyntaxWithATypedError() {
            assertThatThrownBy(() -> fx.search.search(ADMIN, SearchRequest.of("*ing")))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("leading wildcard");
        }
    }

    static Stream<Arguments> canaries() {
        return Stream.of(
                Arguments.of("public", Principal.anonymous(), Set.of()),
                Arguments.of("campus", SearchFixture.campus(), Set.of("canarycampus", "canaryopening")),
                Arguments.of("staff", SearchFixture.staff(), Set.of("canarycampus", "canaryopening",
                        "canaryrestricted", "canaryembargo", "canarydraft", "canaryseries")),
                Arguments.of("admin", ADMIN, Set.of("canarycampus", "canaryopening", "canaryrestricted",
                        "canaryembargo", "canarydraft", "canaryseries", "canaryconfidential", "canarythu")));
    }

    @Nested
    final class Trimming {
        private final List<String> all = List.of("canarycampus", "canaryopening", "canaryrestricted",
                "canaryembargo", "canarydraft", "canaryseries", "canaryconfidential", "canarythu");

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.archivekit.search.spi.SearchBackendContract#canaries")
        void canariesAboveClearanceNeverSurface(String role, Principal p, Set<String> visible) {
            for (String canary : all) {
                SearchResult r = fx.search.search(p, SearchRequest.builder(canary).facets(FacetField.LEVEL).build());
                long expected = visible.contains(canary) ? 1 : 0;
                // the series' canary also finds its item, through the item's context
                long hits = canary.equals("canaryseries") ? 2 * expected : expected;
                assertThat(r.total()).as(role + " " + canary).isEqualTo(hits);
                assertThat(r.hits()).hasSize((int) hits);
                assertThat(r.facets().get(FacetField.LEVEL).stream().mapToLong(FacetCount::count).sum())
                        .isEqualTo(hits);
                assertThat(fx.search.suggest(p, canary, 10)).as(role + " suggest " + canary)
                        .hasSize((int) expected);
            }
        }

        @Test
        void totalsAndFacetsCountOnlyVisibleRecords() {
            SearchResult pub = fx.search.search(Principal.anonymous(),
                    SearchRequest.builder("").limit(100).facets(FacetField.LEVEL, FacetField.INSTITUTION).build());
            // F1 S1 I1 I2 I11 F2: everything else is above public or a draft
            assertThat(ids(pub)).containsExactlyInAnyOrder("F1", "S1", "I1", "I2", "I11", "F2");
            assertThat(pub.total()).isEqualTo(6);
            assertThat(pub.facets().get(FacetField.LEVEL)).containsExactly(new FacetCount("ITEM", 3),
                    new FacetCount("FONDS", 2), new FacetCount("SERIES", 1));
        }

        @Test
        void aTotalBeyondTheThresholdIsALowerBoundOfVisibleRecordsOnly() {
            // the public sees 6 records; the administrator 20 and more, which a bound must never reflect
            AccessFilter pub = fx.search.accessFilter(Principal.anonymous());
            BackendQuery all = new BackendQuery(new QueryNode.MatchAll(), SearchFilters.NONE, pub,
                    SearchSort.RELEVANCE, 1, null, Set.of(), 10, false);
            for (int threshold = 1; threshold <= 8; threshold++) {
                BackendResult r = fx.search.backend().search(all.exactTotalUpTo(threshold));
                if (r.totalExact()) {
                    assertThat(r.total()).as("exact, threshold " + threshold).isEqualTo(6);
                } else {
                    assertThat(threshold).as("a bound only beyond the threshold").isLessThan(6);
                    assertThat(r.total()).as("bound, threshold " + threshold).isBetween((long) threshold, 6L);
                }
                assertThat(r.hits()).hasSize(1);
            }
            BackendResult faceted = fx.search.backend().search(new BackendQuery(new QueryNode.MatchAll(),
                    SearchFilters.NONE, pub, SearchSort.RELEVANCE, 1, null, Set.of(FacetField.LEVEL), 10, false)
                    .exactTotalUpTo(1));
            assertThat(faceted.totalExact()).as("facets count every match").isTrue();
            assertThat(faceted.total()).isEqualTo(6);
        }

        @Test
        void anEmbargoThatEndsShowsUpWithoutReindexing() {
            assertThat(ids(Principal.anonymous(), "canaryembargo")).isEmpty();
            fx.clock.advance(Duration.ofDays(10));
            assertThat(ids(Principal.anonymous(), "canaryembargo")).containsExactly("I5");
            // a backend may cache what a caller sees between such instants; a clock set back must still count
            fx.clock.advance(Duration.ofDays(-10));
            assertThat(ids(Principal.anonymous(), "canaryembargo")).isEmpty();
            assertThat(fx.search.search(Principal.anonymous(), SearchRequest.of("")).total()).isEqualTo(6);
            fx.clock.advance(Duration.ofDays(10));
            assertThat(ids(Principal.anonymous(), "canaryembargo")).containsExactly("I5");
            assertThat(fx.search.search(Principal.anonymous(), SearchRequest.of("")).total()).isEqualTo(7);
        }

        @Test
        void anOpeningDateReachedShowsUpWithoutReindexing() {
            assertThat(ids(Principal.anonymous(), "canaryopening")).isEmpty();
            fx.clock.advance(Duration.ofDays(19));
            assertThat(ids(Principal.anonymous(), "canaryopening")).isEmpty();
            fx.clock.advance(Duration.ofDays(1));
            assertThat(ids(Principal.anonymous(), "canaryopening")).containsExactly("I8");
        }

        @Test
        void grantsOpenTheGrantedSubtreeButNotTheContextAboveIt() {
            Principal granted = Principal.anonymous().withGrant(new Grant(id("I9"), SearchFixture.T0.plus(
                    Duration.ofDays(1))));
            assertThat(ids(granted, "薪酬名册")).containsExactly("I9");
            assertThat(ids(granted, "canaryseries")).isEmpty();
            assertThat(ids(granted, "canaryseries 薪酬")).isEmpty();
            fx.clock.advance(Duration.ofDays(2));
            assertThat(ids(granted, "薪酬名册")).isEmpty();
        }

        @Test
        void staffMayFilterByAccessLevelOthersMayNot() {
            SearchResult r = fx.search.search(SearchFixture.staff(), SearchRequest.builder("").limit(100)
                    .filters(SearchFilters.builder().accessLevel(AccessLevel.RESTRICTED).build()).build());
            assertThat(ids(r)).containsExactlyInAnyOrder("I3", "I5", "S2", "I9");
            assertThatThrownBy(() -> fx.search.search(SearchFixture.campus(), SearchRequest.builder("")
                    .filters(SearchFilters.builder().accessLevel(AccessLevel.PUBLIC).build()).build()))
                    .isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void aStaleIndexEntryCannotLeak() {
            // a write the index never hears about: the archive below has no listener
            Archive deaf = Archive.builder().store(fx.store).policy(fx.policy).build();
            Description i1 = deaf.get(ADMIN, id("I1"));
            deaf.update(ADMIN, i1.toBuilder().access(Access.of(AccessLevel.CONFIDENTIAL)).build());
            SearchResult r = fx.search.search(Principal.anonymous(), SearchRequest.of("迁校"));
            assertThat(ids(r)).isEmpty();
            assertThat(r.total()).isZero();
            fx.search.awaitIndexed(); // the dropped hit was queued for reindexing
            assertThat(fx.search.search(Principal.anonymous(), SearchRequest.of("迁校")).total()).isZero();
        }

        @Test
        void aRecordKeptFromAnEarlierSearchIsReadAgainOnceTheStoreChangesIt() {
            // the first search keeps I1 and its ancestors (the re-check's record cache)
            assertThat(ids(Principal.anonymous(), "迁校")).containsExactly("I1");
            Archive deaf = Archive.builder().store(fx.store).policy(fx.policy).build();
            Description s1 = deaf.get(ADMIN, id("S1"));
            deaf.update(ADMIN, s1.toBuilder().access(Access.of(AccessLevel.RESTRICTED)).build());
            // the index still shows I1 to the public; the store's new version of its series hides it
            SearchResult r = fx.search.search(Principal.anonymous(), SearchRequest.of("迁校"));
            assertThat(ids(r)).isEmpty();
            assertThat(ids(SearchFixture.staff(), "迁校")).containsExactly("I1");
        }
    }

    @Nested
    final class Sync {
        @Test
        void writesReachSearchesAfterTheSyncQueueDrains() {
            Description i2 = fx.archive.get(ADMIN, id("I2"));
            fx.archive.update(ADMIN, i2.toBuilder().title(Title.zh("新题名 zebrafish")).build());
            fx.search.awaitIndexed();
            assertThat(ids(ADMIN, "zebrafish")).containsExactly("I2");
        }

        @Test
        void anAccessChangeOnASeriesReachesItsItems() {
            Description s1 = fx.archive.get(ADMIN, id("S1"));
            fx.archive.update(ADMIN, s1.toBuilder().access(Access.of(AccessLevel.RESTRICTED)).build());
            fx.search.awaitIndexed();
            assertThat(ids(Principal.anonymous(), "迁校")).isEmpty();
            assertThat(ids(SearchFixture.staff(), "迁校")).containsExactly("I1");
        }

        @Test
        void checkIndexFindsAndRepairsDrift() {
            Archive deaf = Archive.builder().store(fx.store).policy(fx.policy).build();
            Description i2 = deaf.get(ADMIN, id("I2"));
            deaf.update(ADMIN, i2.toBuilder().title(Title.zh("无人知晓 okapi")).build());
            deaf.create(ADMIN, Description.builder().id(id("I12")).institution(PKU).parent(id("S1"))
                    .level(Level.ITEM).titleZh("新件 narwhal").build());
            fx.search.backend().delete(List.of(id("I11")));
            fx.search.backend().refresh();
            IndexReport r = fx.search.checkIndex(1000, true);
            assertThat(r.missing()).isEqualTo(2); // I12 and I11
            assertThat(r.stale()).isEqualTo(1); // I2
            assertThat(fx.search.checkIndex(1000, false).isConsistent()).isTrue();
            assertThat(ids(ADMIN, "okapi")).containsExactly("I2");
            assertThat(ids(ADMIN, "narwhal")).containsExactly("I12");
        }

        @Test
        void reindexRebuildsEverything() {
            fx.search.backend().deleteAll();
            fx.search.backend().refresh();
            List<Long> progress = new ArrayList<>();
            long n = fx.search.reindex(progress::add);
            assertThat(n).isEqualTo(SearchFixture.records().size());
            assertThat(progress).last().isEqualTo(n);
            assertThat(fx.search.health().documents()).isEqualTo(n);
        }
    }

    @Nested
    final class Results {
        @Test
        void searchAfterVisitsEveryVisibleRecordOnce() {
            for (SearchSort sort : SearchSort.values()) {
                List<String> seen = new ArrayList<>();
                SearchRequest req = SearchRequest.builder("").sort(sort).limit(2).build();
                String cursor = null;
                do {
                    SearchResult r = fx.search.search(SearchFixture.campus(), req.after(cursor));
                    seen.addAll(ids(r));
                    cursor = r.next().orElse(null);
                } while (cursor != null);
                long total = fx.search.search(SearchFixture.campus(), req).total();
                assertThat(seen).as(sort.name()).doesNotHaveDuplicates().hasSize((int) total);
            }
        }

        @Test
        void referenceCodesSortInNaturalOrder() {
            List<String> ids = ids(fx.search.search(ADMIN, SearchRequest.builder("").limit(100)
                    .sort(SearchSort.REFERENCE_CODE).filters(SearchFilters.builder().within(id("S1"))
                            .level(Level.ITEM).build()).build()));
            assertThat(ids).startsWith("I1", "I2", "I3").endsWith("I8", "I11");
        }

        @Test
        void chineseTitlesSortByPinyin() {
            List<String> ids = ids(fx.search.search(ADMIN, SearchRequest.builder("").limit(100)
                    .sort(SearchSort.TITLE).filters(SearchFilters.builder().institution(SearchFixture.THU)
                            .build()).build()));
            // 清华档案 (qinghua dang'an) before 清华校内 (qinghua xiaonei)
            assertThat(ids).containsExactly("F2", "I10");
            List<String> pinyin = ids(fx.search.search(ADMIN, SearchRequest.builder("").limit(100)
                    .sort(SearchSort.TITLE).filters(SearchFilters.builder().within(id("S1")).build()).build()));
            // 草稿 (cao) < 待解密 (dai) < 关于 (guan) < 國立 (guo)
            assertThat(pinyin.indexOf("I7")).isLessThan(pinyin.indexOf("I5"));
            assertThat(pinyin.indexOf("I5")).isLessThan(pinyin.indexOf("I1"));
            assertThat(pinyin.indexOf("I1")).isLessThan(pinyin.indexOf("I2"));
        }

        @Test
        void hitsCarryBreadcrumbAndHighlights() {
            SearchHit h = fx.search.search(Principal.anonymous(), SearchRequest.of("迁校")).hits().get(0);
            assertThat(h.view().breadcrumb()).extracting(c -> c.id().value()).containsExactly("F1", "S1");
            assertThat(h.highlights().get("title")).singleElement().asString().contains("【");
        }

        @Test
        void highlightsComeFromNamesAndSubjectsToo() {
            SearchHit byName = fx.search.search(Principal.anonymous(), SearchRequest.of("蒋梦麟")).hits().get(0);
            assertThat(byName.view().id().value()).isEqualTo("I1");
            assertThat(byName.highlights().get("creator")).singleElement().asString().contains("【");
            SearchHit bySubject = fx.search.search(Principal.anonymous(), SearchRequest.of("抗日战争")).hits()
                    .get(0);
            assertThat(bySubject.highlights().get("subject")).singleElement().asString().contains("【");
        }

        @Test
        void typosAreForgivenWhenTheWordsAsTypedFindTooLittle() {
            Principal pub = Principal.anonymous();
            assertThat(ids(pub, "libary photgraphs")).containsExactly("I11");
            assertThat(ids(pub, "西南联和大学")).contains("I1");
            // the forgiving query runs under the same access filter: a hidden record stays hidden
            assertThat(ids(pub, "canaryrestrictd")).isEmpty();
            assertThat(ids(ADMIN, "canaryrestrictd")).containsExactly("I3");
            // enough exact hits: no fuzzy extras
            assertThat(ids(ADMIN, "photographs")).containsExactly("I11");
        }

        @Test
        void dateOrderUsesTheFullDate() {
            fx.archive.create(ADMIN, dated("D1", java.time.LocalDate.of(1937, 11, 5)));
            fx.archive.create(ADMIN, dated("D2", java.time.LocalDate.of(1937, 3, 1)));
            fx.search.awaitIndexed();
            List<String> order = ids(fx.search.search(ADMIN, SearchRequest.builder("postcard").sort(SearchSort.DATE)
                    .build()));
            assertThat(order).containsExactly("D2", "D1");
        }

        private Description dated(String id, java.time.LocalDate day) {
            return Description.builder().id(id(id)).institution(PKU).parent(id("S1")).level(Level.ITEM)
                    .title(Title.en("Postcard " + id)).status(org.archivekit.core.model.LifecycleStatus.PUBLISHED)
                    .access(Access.PUBLIC).dates(List.of(new org.archivekit.core.model.ArchivalDate(day.toString(),
                            day, day, false))).build();
        }

        @Test
        void filtersNarrow() {
            SearchFilters photos = SearchFilters.builder().carrier(org.archivekit.core.model.Carrier.PHOTO)
                    .build();
            assertThat(ids(fx.search.search(ADMIN, SearchRequest.builder("").filters(photos).build())))
                    .containsExactlyInAnyOrder("I2", "I11");
            SearchFilters subject = SearchFilters.builder().subject("迁校").years(1930, 1940).build();
            assertThat(ids(fx.search.search(ADMIN, SearchRequest.builder("").filters(subject).build())))
                    .containsExactly("I1");
        }

        @Test
        void malformedCursorIsATypedError() {
            assertThatThrownBy(() -> fx.search.search(ADMIN, SearchRequest.builder("").after("garbage!").build()))
                    .isInstanceOf(InvalidRequestException.class);
        }
    }

    @Nested
    final class Browsing {
        @Test
        void countsOnlyVisibleDescendants() {
            Page<BrowseEntry> pub = fx.search.browse(Principal.anonymous(), id("F1"), null, 10);
            Map<String, Long> counts = pub.items().stream()
                    .collect(Collectors.toMap(e -> e.view().id().value(), BrowseEntry::visibleDescendants));
            assertThat(counts).containsExactlyEntriesOf(Map.of("S1", 3L));
            Page<BrowseEntry> admin = fx.search.browse(ADMIN, id("F1"), null, 10);
            // siblings in reference-code order: S2 (Z001-RS…) before S1 (Z001-WS…)
            assertThat(admin.items()).extracting(e -> e.view().id().value(), BrowseEntry::visibleDescendants)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("S2", 1L),
                            org.assertj.core.groups.Tuple.tuple("S1", 9L));
        }

        @Test
        void aHiddenParentIsNotFound() {
            assertThatThrownBy(() -> fx.search.browse(Principal.anonymous(), id("S2"), null, 10))
                    .isInstanceOf(NotFoundException.class);
        }

        @Test
        void suggestsNamesAndSubjectsOfVisibleRecords() {
            assertThat(fx.search.suggest(Principal.anonymous(), "蒋", 5)).contains("蒋梦麟");
            assertThat(fx.search.suggest(Principal.anonymous(), "抗日", 5)).contains("抗日战争");
        }

        @Test
        void suggestsTitlesByPrefix() {
            assertThat(fx.search.suggest(Principal.anonymous(), "关于", 5)).containsExactly("关于西南联合大学迁校的报告");
            assertThat(fx.search.suggest(Principal.anonymous(), "libr", 5)).containsExactly(
                    "Library building photographs");
        }
    }

    /** The instant tests start at, for subclasses. */
    protected static Instant start() {
        return SearchFixture.T0;
    }

    /** The ids of {@code hits}. */
    protected static List<DescriptionId> idsOf(List<SearchHit> hits) {
        return hits.stream().map(h -> h.view().id()).toList();
    }
}
