package org.archivekit.search.lucene;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.jspecify.annotations.Nullable;

/**
 * A page of a query's matches by a collector, with the matches counted first, without scores, up to one past a
 * limit. Counting first lets the page's collector skip whatever cannot make it from its first full page on, where a
 * single pass counting exactly up to the limit must score every match until then. Both passes share one
 * {@link Weight} (building a query's weight looks up every term in every segment, a large share of a cheap query),
 * and while the matches are few the count keeps which documents they are, so that the page is collected from them
 * alone (a phrase whose words are common but rarely adjacent has many candidates and few matches, each candidate's
 * positions checked once per pass).
 */
final class Matches {
    /** Up to this many matches, their documents are kept. */
    static final int KEPT = 4096;

    private final long count;
    private final int @Nullable [][] docs;

    private Matches(long count, int @Nullable [][] docs) {
        this.count = count;
        this.docs = docs;
    }

    /**
     * Counts the matches of {@code weight} (made by {@code searcher} with its collector's score mode) in
     * {@code searcher}'s reader up to one more than {@code limit} ({@link Integer#MAX_VALUE}: all), live documents
     * only, then collects {@code collector} from the same weight.
     */
    static Matches collect(IndexSearcher searcher, Weight weight, int limit, Collector collector) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int[][] docs = new int[leaves.size()][];
        int[] sizes = new int[leaves.size()];
        long count = 0;
        boolean keeping = true;
        for (LeafReaderContext leaf : leaves) {
            if (count > limit) break;
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) continue;
            Bits live = leaf.reader().getLiveDocs();
            DocIdSetIterator it = scorer.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS && count <= limit; doc = it.nextDoc()) {
                if (live != null && !live.get(doc)) continue;
                count++;
                if (!keeping) continue;
                if (count > KEPT) {
                    keeping = false;
                    continue;
                }
                int[] d = docs[leaf.ord];
                if (d == null) d = docs[leaf.ord] = new int[16];
                if (sizes[leaf.ord] == d.length) d = docs[leaf.ord] = Arrays.copyOf(d, d.length * 2);
                d[sizes[leaf.ord]++] = doc;
            }
        }
        Matches m;
        if (keeping && count <= limit) {
            for (int i = 0; i < docs.length; i++) if (docs[i] != null) docs[i] = Arrays.copyOf(docs[i], sizes[i]);
            m = new Matches(count, docs);
        } else {
            m = new Matches(count, null);
        }
        m.page(leaves, weight, collector);
        return m;
    }

    /** How many matches were counted: the exact number when at most the limit, else one more than the limit. */
    long count() {
        return count;
    }

    /** Feeds {@code collector} the matches: the kept ones, or every segment's through its bulk scorer. */
    private void page(List<LeafReaderContext> leaves, Weight weight, Collector collector) throws IOException {
        for (LeafReaderContext leaf : leaves) {
            int[] kept = docs == null ? null : docs[leaf.ord];
            if (docs != null && kept == null) continue;
            LeafCollector lc;
            try {
                lc = collector.getLeafCollector(leaf);
            } catch (CollectionTerminatedException e) {
                continue;
            }
            try {
                if (kept == null) {
                    BulkScorer bulk = weight.bulkScorer(leaf);
                    if (bulk != null) bulk.score(lc, leaf.reader().getLiveDocs());
                } else {
                    Scorer scorer = weight.scorer(leaf);
                    if (scorer != null) {
                        lc.setScorer(scorer);
                        DocIdSetIterator it = scorer.iterator();
                        for (int doc : kept) {
                            // the scorer may skip what cannot make the page any more
                            int at = it.docID() < doc ? it.advance(doc) : it.docID();
                            if (at == DocIdSetIterator.NO_MORE_DOCS) break;
                            if (at == doc) lc.collect(doc);
                        }
                    }
                }
            } catch (CollectionTerminatedException e) {
                // this segment is done
            }
            lc.finish();
        }
    }
}
