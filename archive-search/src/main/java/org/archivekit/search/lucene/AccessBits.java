package org.archivekit.search.lucene;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * Per-segment bitsets of the access filter, one per audience (who is asking, without the time), reused across
 * queries. A cached set stays valid from the instant it was computed until the next embargo end or opening date
 * (the indexed {@link Fields#RESTRICTED_UNTIL} and {@link Fields#CAMPUS_UNTIL} values) that passes in that
 * segment: only those make a record's visibility depend on time, so in between the filter matches the same
 * documents, and once one passes the set is computed again. An expiring embargo therefore still shows up without
 * reindexing. Segments never change (deleted documents are left out by Lucene's live-docs check at search time), so
 * a set is keyed by the segment's core. Thread-safe.
 */
final class AccessBits {
    /** The indexed fields whose values are instants at which visibility changes. */
    private static final String[] TIME_FIELDS = {Fields.RESTRICTED_UNTIL, Fields.CAMPUS_UNTIL};
    private final int maxEntries;
    private final Map<Key, Entry> entries;

    AccessBits(int maxEntries) {
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    private record Key(Object audience, IndexReader.CacheKey segment) {}

    /** The documents of one segment the filter matched, valid for {@code from <= now < until}. */
    private record Entry(FixedBitSet bits, int cardinality, long from, long until) {}

    /**
     * A non-scoring query matching what {@code filter} matches at {@code nowMillis}; {@code audience} must equal
     * for two filters exactly when they match the same documents at the same instant (the access filter without its
     * time).
     */
    Query filter(Query filter, Object audience, long nowMillis) {
        return new Cached(filter, audience, nowMillis);
    }

    private synchronized Entry get(Key key) {
        return entries.get(key);
    }

    private synchronized void put(Key key, Entry entry) {
        entries.put(key, entry);
        if (entries.size() > maxEntries) {
            var it = entries.entrySet().iterator();
            it.next();
            it.remove();
        }
    }

    /** The first instant after {@code now} at which a record of {@code reader} changes visibility. */
    static long nextChange(LeafReader reader, long now) throws IOException {
        long next = Long.MAX_VALUE;
        for (String field : TIME_FIELDS) {
            PointValues values = reader.getPointValues(field);
            if (values == null || LongPoint.decodeDimension(values.getMaxPackedValue(), 0) <= now) continue;
            long[] best = {next};
            values.intersect(new PointValues.IntersectVisitor() {
                @Override
                public void visit(int docID) {
                    // never called: compare() never answers CELL_INSIDE_QUERY
                }

                @Override
                public void visit(int docID, byte[] packed) {
                    long v = LongPoint.decodeDimension(packed, 0);
                    if (v > now && v < best[0]) best[0] = v;
                }

                @Override
                public PointValues.Relation compare(byte[] min, byte[] max) {
                    long lo = LongPoint.decodeDimension(min, 0);
                    long hi = LongPoint.decodeDimension(max, 0);
                    return hi <= now || lo >= best[0] ? PointValues.Relation.CELL_OUTSIDE_QUERY
                            : PointValues.Relation.CELL_CROSSES_QUERY;
                }
            });
            next = best[0];
        }
        return next;
    }

    /** The filter's weight, made on first use (a search whose segments' sets are all cached never needs it). */
    @FunctionalInterface
    private interface InnerWeight {
        Weight get() throws IOException;
    }

    private final class Cached extends Query {
        private final Query filter;
        private final Object audience;
        private final long now;

        Cached(Query filter, Object audience, long now) {
            this.filter = filter;
            this.audience = audience;
            this.now = now;
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
            return new ConstantScoreWeight(this, boost) {
                /** The filter's own weight, made only when a segment's set is missing or expired. */
                private Weight inner;

                private synchronized Weight inner() throws IOException {
                    if (inner == null) {
                        inner = searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
                    }
                    return inner;
                }

                @Override
                public Scorer scorer(LeafReaderContext context) throws IOException {
                    DocIdSetIterator it = bitsOf(this::inner, context);
                    return it == null ? null : new ConstantScoreScorer(this, score(), scoreMode, it);
                }

                @Override
                public boolean isCacheable(LeafReaderContext ctx) {
                    return false; // cached here, by audience and time window
                }
            };
        }

        private DocIdSetIterator bitsOf(InnerWeight inner, LeafReaderContext context) throws IOException {
            IndexReader.CacheHelper helper = context.reader().getCoreCacheHelper();
            if (helper == null) {
                Scorer s = inner.get().scorer(context);
                return s == null ? null : s.iterator();
            }
            Key key = new Key(audience, helper.getKey());
            Entry e = get(key);
            if (e == null || now < e.from() || now >= e.until()) {
                long until = nextChange(context.reader(), now);
                FixedBitSet bits = new FixedBitSet(context.reader().maxDoc());
                Scorer s = inner.get().scorer(context);
                if (s != null) bits.or(s.iterator());
                e = new Entry(bits, bits.cardinality(), now, until);
                put(key, e);
            }
            return e.cardinality() == 0 ? null : new BitSetIterator(e.bits(), e.cardinality());
        }

        @Override
        public void visit(QueryVisitor visitor) {
            visitor.visitLeaf(this);
        }

        @Override
        public String toString(String field) {
            return "AccessBits(" + filter.toString(field) + ")";
        }

        @Override
        public boolean equals(Object o) {
            return sameClassAs(o) && ((Cached) o).owner() == owner() && audience.equals(((Cached) o).audience)
                    && now == ((Cached) o).now;
        }

        private AccessBits owner() {
            return AccessBits.this;
        }

        @Override
        public int hashCode() {
            return Objects.hash(classHash(), audience, now);
        }
    }
}
