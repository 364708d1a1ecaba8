package org.archivekit.search.lucene;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * The ordinals of single-valued facet fields with few values (level, carrier, decade, institution), one array per
 * segment and field, read from the doc values once and kept while the segment is open: counting a match is then an
 * array read instead of a doc-values lookup. The values of a segment never change (this backend replaces whole
 * documents and never updates doc values in place), so an array is keyed by the segment's core and dropped when the
 * core closes. Memory: two bytes per document per cached field. Thread-safe.
 */
final class FacetOrdinals {
    /** A field with more distinct values than a {@code short} holds is read from the doc values instead. */
    private static final int MAX_VALUES = Short.MAX_VALUE;

    private record Key(IndexReader.CacheKey core, String field) {}

    /** The per-document ordinals (-1 where a document has none); an empty array marks a field that cannot be cached. */
    private final ConcurrentHashMap<Key, short[]> arrays = new ConcurrentHashMap<>();
    private final Set<IndexReader.CacheKey> watched = ConcurrentHashMap.newKeySet();
    private static final short[] NOT_CACHED = new short[0];

    /**
     * The ordinals of {@code field} in {@code reader}, indexed by document, or {@code null} when the field has
     * several values per document or too many values in this segment (or the segment cannot be cached).
     */
    short[] single(LeafReader reader, String field) throws IOException {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        if (helper == null) return null;
        IndexReader.CacheKey core = helper.getKey();
        Key key = new Key(core, field);
        short[] known = arrays.get(key);
        if (known == null) {
            if (watched.add(core)) {
                helper.addClosedListener(closed -> {
                    arrays.keySet().removeIf(k -> k.core() == closed);
                    watched.remove(closed);
                });
            }
            known = load(reader, field);
            // two threads may load the same array at once; either copy is right
            arrays.putIfAbsent(key, known);
        }
        return known == NOT_CACHED ? null : known;
    }

    private static short[] load(LeafReader reader, String field) throws IOException {
        SortedSetDocValues set = DocValues.getSortedSet(reader, field);
        SortedDocValues one = DocValues.unwrapSingleton(set);
        if (one == null || one.getValueCount() > MAX_VALUES) return NOT_CACHED;
        short[] ords = new short[reader.maxDoc()];
        java.util.Arrays.fill(ords, (short) -1);
        for (int doc = one.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = one.nextDoc()) {
            ords[doc] = (short) one.ordValue();
        }
        return ords;
    }
}
