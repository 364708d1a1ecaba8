package org.archivekit.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.search.internal.Documents;
import org.archivekit.search.spi.IndexDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend's indexing, which reuses the tokens of values that recur (context, creators, subjects), builds the
 * same index as a plain {@link IndexWriter} analysing every value of the same documents.
 */
final class AnalysedValuesTest {
    private static final String[] FIELDS = {Fields.CONTEXT, Fields.CREATOR, Fields.SUBJECT, Fields.SUGGEST_TERM,
        Fields.TITLE, Fields.SUGGEST_WORDS, Fields.SUGGEST_TITLE, Fields.SCOPE, Fields.CODE};

    @Test
    void sameTermsPositionsNormsAndStoredValuesAsAnalysingEachValue(@TempDir Path dir) throws IOException {
        sameIndexAsAnalysingEachValue(dir, false);
    }

    /**
     * The same through a bulk load as the reindex runs it: its writer settings (no compound files, which the
     * commit shows) and each loading thread flushing its share of the buffer at the end.
     */
    @Test
    void bulkLoadBuildsTheSameIndex(@TempDir Path dir) throws IOException {
        sameIndexAsAnalysingEachValue(dir, true);
    }

    private static void sameIndexAsAnalysingEachValue(Path dir, boolean bulk) throws IOException {
        List<IndexDocument> docs = documents(300);
        LuceneSearchBackend backend = LuceneSearchBackend.builder().directory(dir.resolve("ours")).build();
        try {
            backend.bulk(bulk);
            // twice over, in batches: later documents and the second pass take their tokens from the cache
            for (int i = 0; i < docs.size(); i += 100) backend.add(docs.subList(i, Math.min(docs.size(), i + 100)));
            backend.add(docs);
            if (bulk) {
                Thread other = new Thread(backend::flushAdded);
                other.start();
                backend.flushAdded();
                try {
                    other.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            backend.commit();
            if (bulk) {
                org.apache.lucene.index.SegmentInfos infos = org.apache.lucene.index.SegmentInfos.readLatestCommit(
                        FSDirectory.open(dir.resolve("ours")));
                assertThat(infos.size()).isPositive();
                for (org.apache.lucene.index.SegmentCommitInfo info : infos) {
                    assertThat(info.info.getUseCompoundFile()).as(info.info.name).isFalse();
                }
                backend.bulk(false);
            }
            try (IndexWriter w = new IndexWriter(FSDirectory.open(dir.resolve("plain")), backend.writerConfig())) {
                for (int pass = 0; pass < 2; pass++) {
                    for (IndexDocument d : docs) w.addDocument(backend.luceneDocument(d));
                }
                w.forceMerge(1);
                w.commit();
            }
        } finally {
            backend.close();
        }
        try (IndexWriter w = new IndexWriter(FSDirectory.open(dir.resolve("ours")), backend.writerConfig())) {
            w.forceMerge(1);
            w.commit();
        }
        try (DirectoryReader ours = DirectoryReader.open(FSDirectory.open(dir.resolve("ours")));
                DirectoryReader plain = DirectoryReader.open(FSDirectory.open(dir.resolve("plain")))) {
            assertThat(ours.leaves()).hasSize(1);
            assertThat(plain.leaves()).hasSize(1);
            LeafReader a = ours.leaves().get(0).reader();
            LeafReader b = plain.leaves().get(0).reader();
            assertThat(a.maxDoc()).isEqualTo(2 * docs.size()).isEqualTo(b.maxDoc());
            long contextPositions = 0;
            for (String field : FIELDS) {
                List<String> pa = postings(a, field);
                List<String> pb = postings(b, field);
                for (int i = 0; i < Math.min(pa.size(), pb.size()); i++) {
                    assertThat(pa.get(i)).as(field + " posting " + i).isEqualTo(pb.get(i));
                }
                assertThat(pa).as(field).hasSameSizeAs(pb);
                if (field.equals(Fields.CONTEXT)) contextPositions = pa.size();
                assertThat(norms(a, field)).as(field).isEqualTo(norms(b, field));
            }
            assertThat(contextPositions).isGreaterThan(1000);
            assertThat(sortKeys(a)).hasSize(a.maxDoc()).isEqualTo(sortKeys(b));
            StoredFields sa = a.storedFields();
            StoredFields sb = b.storedFields();
            List<String> da = new ArrayList<>();
            List<String> db = new ArrayList<>();
            for (int doc = 0; doc < a.maxDoc(); doc++) {
                da.add(sa.document(doc).toString());
                db.add(sb.document(doc).toString());
            }
            da.sort(null);
            db.sort(null);
            assertThat(da).isEqualTo(db);
        }
    }

    /** Every posting of {@code field}: term, document, frequency and positions. */
    private static List<String> postings(LeafReader r, String field) throws IOException {
        List<String> out = new ArrayList<>();
        Terms terms = r.terms(field);
        if (terms == null) return out;
        TermsEnum te = terms.iterator();
        for (BytesRef t = te.next(); t != null; t = te.next()) {
            PostingsEnum pe = te.postings(null, PostingsEnum.POSITIONS);
            for (int doc = pe.nextDoc(); doc != PostingsEnum.NO_MORE_DOCS; doc = pe.nextDoc()) {
                StringBuilder b = new StringBuilder(t.utf8ToString()).append(' ').append(id(r, doc)).append(' ')
                        .append(pe.freq()).append(':');
                for (int i = 0; i < pe.freq(); i++) b.append(' ').append(pe.nextPosition());
                out.add(b.toString());
            }
        }
        out.sort(null); // segments may have merged out of order: documents are known by their ids
        return out;
    }

    private static List<String> norms(LeafReader r, String field) throws IOException {
        List<String> out = new ArrayList<>();
        NumericDocValues n = r.getNormValues(field);
        if (n == null) return out;
        for (int doc = n.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = n.nextDoc()) {
            out.add(id(r, doc) + " " + n.longValue());
        }
        out.sort(null);
        return out;
    }

    /** Each document's title order key, by id. */
    private static List<String> sortKeys(LeafReader r) throws IOException {
        List<String> out = new ArrayList<>();
        org.apache.lucene.index.SortedDocValues dv = r.getSortedDocValues(Fields.SORT_TITLE);
        for (int doc = dv.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = dv.nextDoc()) {
            out.add(id(r, doc) + " " + dv.lookupOrd(dv.ordValue()).toString());
        }
        out.sort(null);
        return out;
    }

    private static final Map<LeafReader, String[]> IDS = new java.util.IdentityHashMap<>();

    private static String id(LeafReader r, int doc) throws IOException {
        String[] ids = IDS.get(r);
        if (ids == null) {
            ids = new String[r.maxDoc()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = r.storedFields().document(i, java.util.Set.of(Fields.ID)).get(Fields.ID);
            }
            IDS.put(r, ids);
        }
        return ids[doc];
    }

    /** The documents of a generated archive (parents before children). */
    private static List<IndexDocument> documents(int items) {
        Documents documents = new Documents(AccessPolicy.standard());
        Map<DescriptionId, Documents.Inherited> inherited = new HashMap<>();
        List<IndexDocument> out = new ArrayList<>();
        Iterator<Description> it = SampleArchive.builder().items(items).seed(5).build().iterator();
        while (it.hasNext()) {
            Description d = it.next();
            Documents.Inherited up = d.parent() == null ? null : inherited.get(d.parent());
            if (d.parent() != null && up == null) throw new IllegalStateException("child before parent: " + d.id());
            inherited.put(d.id(), documents.inherit(up, d));
            out.add(documents.of(up, d));
        }
        return out;
    }
}
