package org.archivekit.search.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.archivekit.search.FacetCount;
import org.archivekit.search.FacetField;

/** Counts facet values over every document the query matches (which already passed the access filter). */
final class FacetCollector extends SimpleCollector {
    private final FacetField[] facets;
    private final List<Map<String, Long>> totals = new ArrayList<>();
    private SortedSetDocValues[] values;
    /** The same values where a segment holds at most one per document (level, carrier, decade...), else null. */
    private SortedDocValues[] single;
    private long[][] counts;

    FacetCollector(Set<FacetField> facets) {
        this.facets = facets.toArray(FacetField[]::new);
        for (int i = 0; i < this.facets.length; i++) totals.add(new HashMap<>());
        this.values = new SortedSetDocValues[this.facets.length];
        this.single = new SortedDocValues[this.facets.length];
        this.counts = new long[this.facets.length][];
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        flush();
        for (int i = 0; i < facets.length; i++) {
            values[i] = DocValues.getSortedSet(context.reader(), Fields.facet(facets[i]));
            single[i] = DocValues.unwrapSingleton(values[i]);
            counts[i] = new long[(int) values[i].getValueCount()];
        }
    }

    @Override
    public void collect(int doc) throws IOException {
        for (int i = 0; i < facets.length; i++) {
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
