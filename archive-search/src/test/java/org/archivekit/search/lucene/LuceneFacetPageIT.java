package org.archivekit.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.archivekit.core.access.Principal;
import org.archivekit.search.FacetField;
import org.archivekit.search.SearchHit;
import org.archivekit.search.SearchRequest;
import org.archivekit.search.SearchResult;
import org.archivekit.search.spi.SearchFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lucene backend's own paths: a first page by relevance without words is the same whether it comes with facets
 * (from the counting pass's matches, walking the id terms) or without (sorted by id); an index of an older layout
 * is emptied on open.
 */
final class LuceneFacetPageIT {
    @TempDir
    Path dir;

    private static List<String> page(SearchResult r) {
        return r.hits().stream().map(h -> h.view().id().value() + "@" + h.score()).toList();
    }

    @Test
    void aFacetedFirstPageEqualsThePlainOne() {
        try (SearchFixture fx = new SearchFixture(LuceneSearchBackend.builder().directory(dir).build())) {
            for (Principal p : List.of(SearchFixture.ADMIN, Principal.anonymous(), SearchFixture.campus(),
                    SearchFixture.staff())) {
                for (int limit = 1; limit <= 6; limit++) {
                    SearchResult faceted = fx.search.search(p, SearchRequest.builder("").limit(limit)
                            .facets(FacetField.LEVEL).build());
                    SearchResult plain = fx.search.search(p, SearchRequest.builder("").limit(limit)
                            .exactTotal(true).build());
                    assertThat(page(faceted)).as(p.kind() + " limit " + limit).isEqualTo(page(plain)).isNotEmpty();
                    assertThat(faceted.next()).isEqualTo(plain.next());
                    assertThat(faceted.total()).isEqualTo(plain.total());
                    assertThat(faceted.hits().stream().map(SearchHit::view).map(v -> v.id().value()).toList())
                            .as("ties by id").isSorted();
                    if (faceted.next().isPresent()) {
                        SearchResult second = fx.search.search(p, SearchRequest.builder("").limit(limit)
                                .after(faceted.next().get()).build());
                        assertThat(second.hits().get(0).view().id().value())
                                .isGreaterThan(faceted.hits().get(limit - 1).view().id().value());
                    }
                }
            }
        }
    }

    @Test
    void anIndexOfAnOlderLayoutIsEmptiedOnOpen() throws Exception {
        try (FSDirectory d = FSDirectory.open(dir); IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
            Document doc = new Document();
            doc.add(new StringField(Fields.ID, "old-1", Store.YES));
            w.addDocument(doc);
            w.setLiveCommitData(Map.of("archivekit.analysis", LuceneAnalysis.DEFAULT.name()).entrySet());
            w.commit();
        }
        try (LuceneSearchBackend b = LuceneSearchBackend.builder().directory(dir).build()) {
            b.refresh();
            assertThat(b.health().documents()).isZero();
        }
    }
}
