package org.archivekit.search.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.FixedBitSet;
import org.archivekit.search.FacetCount;
import org.archivekit.search.FacetField;

/**
 * Counts facet values over every document the query matches (which already passed the access filter): by ordinal
 * per segment (read from {@link FacetOrdinals}' arrays where a field has one value per document, else from the doc
 * values), turned into values once per segment. One collector per slice of the index when slices are searched
 * in parallel ({@link #manager}), merged by value at the end.
 */
final class FacetCollector extends SimpleCollector {
    private final FacetField[] facets;
    private final FacetOrdinals ordinals;
    /** The cached ordinals of each facet in the current segment, or null where it is read from the doc values. */
    private final short[][] cached;
    private final List<Map<String, Long>> totals = new ArrayList<>();
    private SortedSetDocValues[] values;
    /** The same values where a segment holds at most one per document (level, carrier, decade...), else null. */
    private SortedDocValues[] single;
    private long[][] counts;
    private long total;
    /** Whether to keep the matches, per segment (by its ordinal in the top reader). */
    private final boolean keep;
    private final Map<Integer, FixedBitSet> matches = new HashMap<>();
    private FixedBitSet current;

    /**
     * The exact number of matches and the facet counts, most frequent first, of a search; with the matches of each
     * segment (by its ordinal in the top reader; live documents only) when asked for, else an empty map.
     */
    record Counts(long total, Map<FacetField, List<FacetCount>> facets, Map<Integer, FixedBitSet> matches) {}

    FacetCollector(Set<FacetField> facets, FacetOrdinals ordinals, boolean keep) {
        this.facets = facets.toArray(FacetField[]::new);
        this.keep = keep;
        this.ordinals = ordinals;
        this.cached = new short[this.facets.length][];
        for (int i = 0; i < this.facets.length; i++) totals.add(new HashMap<>());
        this.values = new SortedSetDocValues[this.facets.length];
        this.single = new SortedDocValues[this.facets.length];
        this.counts = new long[this.facets.length][];
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        flush();
        if (keep) {
            current = new FixedBitSet(context.reader().maxDoc());
            matches.put(context.ord, current);
        }
        for (int i = 0; i < facets.length; i++) {
            values[i] = DocValues.getSortedSet(context.reader(), Fields.facet(facets[i]));
            single[i] = DocValues.unwrapSingleton(values[i]);
            cached[i] = ordinals.single(context.reader(), Fields.facet(facets[i]));
            counts[i] = new long[(int) values[i].getValueCount()];
        }
    }

    @Override
    public void collect(int doc) throws IOException {
        total++;
        if (keep) current.set(doc);
        for (int i = 0; i < facets.length; i++) {
            short[] ords = cached[i];
            if (ords != null) {
                int ord = ords[doc];
                if (ord >= 0) counts[i][ord]++;
                continue;
            }
            SortedDocValues one = single[i];
            if (one != null) {
                if (one.advanceExact(doc)) counts[i][one.ordValue()]++;
                continue;
            }
            SortedSetDocValues dv = values[i];
            if (dv.advanceExact(doc)) {
                for (int k = 0; k < dv.docValueCount(); k++) counts[i][(int) dv.nextOrd()]++;
            }
        }
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    private void flush() throws IOException {
        for (int i = 0; i < facets.length; i++) {
            if (counts[i] == null) continue;
            for (int ord = 0; ord < counts[i].length; ord++) {
                if (counts[i][ord] > 0) totals.get(i).merge(values[i].lookupOrd(ord).utf8ToString(), counts[i][ord],
                        Long::sum);
            }
            counts[i] = null;
        }
    }

    /**
     * A manager counting the matches and {@code facets} (with the cached {@code ordinals}) with one collector per
     * slice; its result merges theirs, most frequent first (ties by value), at most {@code limit} values per facet,
     * and keeps the matches of each segment when {@code keepMatches}.
     */
    static CollectorManager<FacetCollector, Counts> manager(Set<FacetField> facets, int limit,
            FacetOrdinals ordinals, boolean keepMatches) {
        return new CollectorManager<>() {
            @Override
            public FacetCollector newCollector() {
                return new FacetCollector(facets, ordinals, keepMatches);
            }

            @Override
            public Counts reduce(Collection<FacetCollector> collectors) throws IOException {
                Iterator<FacetCollector> it = collectors.iterator();
                FacetCollector first = it.next();
                first.flush();
                long total = first.total;
                Map<Integer, FixedBitSet> matches = new HashMap<>(first.matches);
                while (it.hasNext()) {
                    FacetCollector c = it.next();
                    c.flush();
                    total += c.total;
                    matches.putAll(c.matches);
                    for (int i = 0; i < first.facets.length; i++) {
                        Map<String, Long> into = first.totals.get(i);
                        c.totals.get(i).forEach((k, v) -> into.merge(k, v, Long::sum));
                    }
                }
                return new Counts(total, first.result(limit), matches);
            }
        };
    }

    /** The counts, most frequent first (ties by value), at most {@code limit} per facet. */
    Map<FacetField, List<FacetCount>> result(int limit) throws IOException {
        flush();
        Map<FacetField, List<FacetCount>> out = new EnumMap<>(FacetField.class);
        for (int i = 0; i < facets.length; i++) {
            out.put(facets[i], totals.get(i).entrySet().stream()
                    .map(e -> new FacetCount(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingLong(FacetCount::count).reversed()
                            .thenComparing(FacetCount::value))
                    .limit(limit).toList());
        }
        return out;
    }
}
