package org.archivekit.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.search.ArchiveSearch;
import org.archivekit.search.FacetField;
import org.archivekit.search.SearchFilters;
import org.archivekit.search.SearchSort;
import org.archivekit.search.spi.AccessFilter;
import org.archivekit.search.spi.BackendQuery;
import org.archivekit.search.spi.BackendResult;
import org.archivekit.search.spi.QueryNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layout 3: a hit's id comes from its sort values and its path from doc values, with no stored field read. Over an
 * index of several segments, every route to a page (a sort, the first page by id without words, the faceted first
 * page, a later page) gives each hit the id and the path (fonds first, the record last) of the record in the store.
 */
final class LuceneHitsIT {
    @TempDir
    Path dir;

    @Test
    void everyHitCarriesItsIdAndPathOnEveryRoute() {
        ArchiveStore store = new InMemoryArchiveStore();
        AccessPolicy policy = AccessPolicy.standard();
        SampleArchive sample = SampleArchive.builder().items(3000).seed(11).build();
        // a tiny buffer, so the reindex flushes several segments
        LuceneSearchBackend backend = LuceneSearchBackend.builder().directory(dir).ramBufferMb(0.5)
                .bulkRamBufferMb(0.5).build();
        try (ArchiveSearch search = ArchiveSearch.builder().store(store).policy(policy).backend(backend).build()) {
            org.archivekit.core.Archive archive = org.archivekit.core.Archive.builder().store(store).policy(policy)
                    .build();
            archive.putInstitution(Principal.admin("admin"), sample.institution());
            archive.importAll(Principal.admin("admin"), sample.iterator());
            long n = search.reindex(x -> { });
            assertThat(n).isEqualTo(sample.size());
            backend.refresh();
            assertThat(segments(dir)).as("segments").isGreaterThan(1);

            AccessFilter all = AccessFilter.unrestricted(System.currentTimeMillis());
            Set<String> seen = new HashSet<>();
            int checked = 0;
            for (QueryNode query : List.of(new QueryNode.MatchAll(), new QueryNode.Text(QueryNode.Field.ALL, "会议"),
                    new QueryNode.Text(QueryNode.Field.ALL, "minutes"))) {
                for (SearchSort sort : SearchSort.values()) {
                    for (boolean facets : new boolean[] {false, true}) {
                        String after = null;
                        for (int page = 0; page < 3; page++) {
                            BackendQuery q = new BackendQuery(query, SearchFilters.NONE, all, sort, 25, after,
                                    facets ? Set.of(FacetField.LEVEL) : Set.of(), 0, false);
                            BackendResult r = backend.search(q);
                            assertThat(r.hits()).as(query + " " + sort + " page " + page).isNotEmpty();
                            for (BackendResult.Hit h : r.hits()) {
                                assertThat(h.path()).as(h.id().value()).isEqualTo(path(store, h.id()));
                                seen.add(h.id().value());
                                checked++;
                            }
                            if (r.next() == null) break;
                            after = r.next();
                        }
                    }
                }
            }
            assertThat(checked).isGreaterThan(500);
            assertThat(seen).hasSizeGreaterThan(100);

            // totals: exact up to the threshold, the threshold itself as a lower bound beyond it; the page the same
            for (QueryNode query : List.of(new QueryNode.Text(QueryNode.Field.ALL, "会议"),
                    new QueryNode.Phrase(QueryNode.Field.ALL, "会议记录"), new QueryNode.Text(QueryNode.Field.ALL,
                    "minutes"), new QueryNode.Text(QueryNode.Field.TITLE, "照片"))) {
                long matches = walk(backend, query, all);
                assertThat(matches).as(query.toString()).isGreaterThan(12);
                List<DescriptionId> firstPage = null;
                for (int upTo : new int[] {1, 5, 11, 12, (int) matches - 1, (int) matches, (int) matches + 1, 1000,
                        Integer.MAX_VALUE}) {
                    BackendResult r = backend.search(new BackendQuery(query, SearchFilters.NONE, all,
                            SearchSort.RELEVANCE, 10, null, Set.of(), 0, false).exactTotalUpTo(upTo));
                    String what = query + " up to " + upTo + " of " + matches;
                    if (matches <= upTo) {
                        assertThat(r.totalExact()).as(what).isTrue();
                        assertThat(r.total()).as(what).isEqualTo(matches);
                    } else {
                        assertThat(r.totalExact()).as(what).isFalse();
                        assertThat(r.total()).as(what).isEqualTo(upTo);
                    }
                    List<DescriptionId> ids = r.hits().stream().map(BackendResult.Hit::id).toList();
                    if (firstPage == null) firstPage = ids;
                    assertThat(ids).as(what).hasSize(10).isEqualTo(firstPage);
                }
            }
        }
    }

    /** The number of matches of {@code query}, by walking every page (no count of the backend's involved). */
    private static long walk(LuceneSearchBackend backend, QueryNode query, AccessFilter all) {
        Set<DescriptionId> ids = new HashSet<>();
        String after = null;
        do {
            BackendResult r = backend.search(new BackendQuery(query, SearchFilters.NONE, all, SearchSort.DATE, 97,
                    after, Set.of(), 0, false).exactTotalUpTo(1));
            r.hits().forEach(h -> assertThat(ids.add(h.id())).as("seen once: " + h.id()).isTrue());
            after = r.next();
        } while (after != null);
        return ids.size();
    }

    /** The path of {@code id} as the store has it: fonds first, the record last. */
    private static List<DescriptionId> path(ArchiveStore store, DescriptionId id) {
        List<DescriptionId> up = new ArrayList<>();
        for (Description d = store.find(id).orElseThrow(); d != null;
                d = d.parent() == null ? null : store.find(d.parent()).orElseThrow()) {
            up.add(0, d.id());
        }
        return up;
    }

    private static int segments(Path dir) {
        try (org.apache.lucene.index.DirectoryReader r = org.apache.lucene.index.DirectoryReader.open(
                org.apache.lucene.store.FSDirectory.open(dir))) {
            return r.leaves().size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
