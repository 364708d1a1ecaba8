package org.archivekit.search.lucene;

import com.ibm.icu.text.Collator;
import com.ibm.icu.text.RawCollationKey;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.search.SearchException;
import org.archivekit.search.SearchSort;
import org.archivekit.search.spi.AccessFacts;
import org.archivekit.search.spi.AccessFilter;
import org.archivekit.search.spi.BackendQuery;
import org.archivekit.search.spi.BackendResult;
import org.archivekit.search.spi.Health;
import org.archivekit.search.spi.IndexDocument;
import org.archivekit.search.spi.QueryNode;
import org.archivekit.search.spi.SearchBackend;
import org.jspecify.annotations.Nullable;

/**
 * The embedded Apache Lucene backend: an index in one directory, near-real-time searches (writes are visible
 * within half a second, with no commit per write), Chinese and English analysis per {@link LuceneAnalysis}.
 *
 * <pre>{@code
 * SearchBackend b = LuceneSearchBackend.builder().directory(home.resolve("index")).build();
 * }</pre>
 *
 * <p>The index is disposable: it holds nothing the store does not, and {@code ArchiveSearch.reindex} rebuilds it.
 * One process may open a directory at a time (Lucene's write lock). Thread-safe.
 *
 * @since 0.1
 */
public final class LuceneSearchBackend implements SearchBackend {
    /** The name of this backend. */
    public static final String NAME = "lucene";
    private static final String ANALYSIS_KEY = "archivekit.analysis";
    /** The layout of the documents (which fields, how indexed); an index of another layout is emptied on open. */
    private static final String LAYOUT_KEY = "archivekit.layout";
    /**
     * Layout 3: a hit's id comes from its sort values and its path from doc values ({@link Fields#PATH_IDS}), so a
     * page of hits reads no stored fields (layout 2 stored both); layout 2 put the id's sort values on the id field
     * itself (see {@link Fields#ID_SORT}).
     */
    private static final String LAYOUT = "3";

    private final Path path;
    private final LuceneAnalysis analysis;
    private final Directory directory;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final LuceneQueries queries;
    private final LuceneQueries typoQueries;
    private final Collator collator;
    private final ScheduledExecutorService refresher;
    /** Facet ordinals of the open segments, kept in arrays (see {@link FacetOrdinals}). */
    private final FacetOrdinals ordinals = new FacetOrdinals();
    /** Searches the slices of the index in parallel where a search visits every match (facets). */
    private final java.util.concurrent.ExecutorService pool;
    private final double ramBufferMb;
    private final double bulkRamBufferMb;
    private volatile boolean closed;
    private volatile boolean bulk;
    /** Each indexing thread's analysed values (see {@link #toDoc}). */
    private final ThreadLocal<Analysed> analysed = ThreadLocal.withInitial(Analysed::new);

    private LuceneSearchBackend(Builder b) {
        this.path = Objects.requireNonNull(b.directory, "directory: call Builder.directory(...) first");
        this.analysis = b.analysis;
        this.ramBufferMb = b.ramBufferMb;
        this.bulkRamBufferMb = b.bulkRamBufferMb > 0 ? b.bulkRamBufferMb
                : Math.max(ramBufferMb, Math.min(256, Runtime.getRuntime().maxMemory() / 8.0 / (1 << 20)));
        Analyzer text = analysis.text();
        Map<String, Analyzer> perField = new HashMap<>();
        perField.put(Fields.SUGGEST_WORDS, LuceneAnalysis.suggest(false));
        perField.put(Fields.SUGGEST_TITLE, LuceneAnalysis.suggest(true));
        perField.put(Fields.SUGGEST_TERM, LuceneAnalysis.suggest(true));
        this.analyzer = new PerFieldAnalyzerWrapper(text, perField);
        // words as typed: bigrams alone for runs of Chinese characters; the typo fallback adds the characters
        Analyzer queryAnalyzer = new PerFieldAnalyzerWrapper(analysis.query(false), perField);
        Analyzer looseAnalyzer = new PerFieldAnalyzerWrapper(analysis.query(true), perField);
        // access-filter bitsets per audience and segment, shared by both query builders (128 KB per 1M documents)
        AccessBits bits = new AccessBits(256);
        this.queries = new LuceneQueries(queryAnalyzer, false, bits);
        this.typoQueries = new LuceneQueries(looseAnalyzer, true, bits);
        this.collator = Collator.getInstance(ULocale.forLanguageTag("zh")).freeze();
        try {
            Files.createDirectories(path);
            this.directory = FSDirectory.open(path);
            IndexWriterConfig config = writerConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            IndexWriter w = new IndexWriter(directory, config);
            Map<String, String> built = w.getLiveCommitData() == null ? Map.of() : liveData(w);
            if (built.get(ANALYSIS_KEY) != null && (!built.get(ANALYSIS_KEY).equals(analysis.name())
                    || !LAYOUT.equals(built.get(LAYOUT_KEY)))) {
                // built with another analysis or layout: the terms or fields would not match; the index is
                // disposable ('archivekit reindex' rebuilds it)
                w.deleteAll();
            }
            w.setLiveCommitData(Map.of(ANALYSIS_KEY, analysis.name(), LAYOUT_KEY, LAYOUT).entrySet());
            this.writer = w;
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new SearchException("cannot open the Lucene index in " + path + ": " + e.getMessage()
                    + " (the index is disposable: delete the directory and run 'archivekit reindex')", e);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        this.pool = Executors.newFixedThreadPool(cores, r -> {
            Thread t = new Thread(r, "archivekit-lucene-search");
            t.setDaemon(true);
            return t;
        });
        this.refresher = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "archivekit-lucene-refresh-commit");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 500, 500, TimeUnit.MILLISECONDS);
        long every = b.commitInterval.toMillis();
        refresher.scheduleWithFixedDelay(this::commitQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * A fresh writer configuration with this backend's analyzer and settings (buffer); for benchmarks comparing
     * with a raw {@link IndexWriter} under identical settings.
     */
    public IndexWriterConfig writerConfig() {
        return new IndexWriterConfig(analyzer).setRAMBufferSizeMB(ramBufferMb);
    }

    /**
     * The configuration {@link #writerConfig()} with the settings a bulk load ({@link #bulk(boolean)}, the reindex)
     * changes to (see {@link #bulkSettings}); for benchmarks comparing with a raw {@link IndexWriter}.
     */
    public IndexWriterConfig bulkWriterConfig() {
        IndexWriterConfig c = writerConfig();
        bulkSettings(c, true);
        return c;
    }

    /**
     * Switches a writer's live settings to those of a bulk load or back: the larger buffer (fewer, larger flushed
     * segments and so less merging); segments written as separate files instead of being copied once more into a
     * compound file, flushed or merged (the index is rebuilt at once, so the few more open files are no concern);
     * and merges at full speed instead of under the merge scheduler's adaptive I/O limit, which otherwise lets a
     * backlog of merges build up until it stalls the indexing threads. None of these changes what is indexed.
     */
    private void bulkSettings(org.apache.lucene.index.LiveIndexWriterConfig c, boolean on) {
        c.setRAMBufferSizeMB(on ? bulkRamBufferMb : ramBufferMb);
        c.setUseCompoundFile(!on);
        if (c.getMergePolicy() instanceof org.apache.lucene.index.TieredMergePolicy tiered) {
            tiered.setNoCFSRatio(on ? 0.0 : org.apache.lucene.index.TieredMergePolicy.DEFAULT_NO_CFS_RATIO);
        }
        if (c.getMergeScheduler() instanceof org.apache.lucene.index.ConcurrentMergeScheduler cms) {
            if (on) cms.disableAutoIOThrottle();
            else cms.enableAutoIOThrottle();
        }
    }

    private static Map<String, String> liveData(IndexWriter w) {
        Map<String, String> m = new HashMap<>();
        for (Map.Entry<String, String> e : w.getLiveCommitData()) m.put(e.getKey(), e.getValue());
        return m;
    }

    /** Starts a backend; a directory is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The analysis in use. */
    public LuceneAnalysis analysis() {
        return analysis;
    }

    @Override
    public void index(Collection<IndexDocument> documents) {
        try {
            Analysed reuse = analysed.get();
            for (IndexDocument d : documents) {
                writer.updateDocument(new Term(Fields.ID, d.id().value()), toDoc(d, reuse));
            }
        } catch (IOException e) {
            throw failed("index", e);
        }
    }

    @Override
    public void add(Collection<IndexDocument> documents) {
        try {
            Analysed reuse = analysed.get();
            for (IndexDocument d : documents) writer.addDocument(toDoc(d, reuse));
        } catch (IOException e) {
            throw failed("index", e);
        }
    }

    @Override
    public void bulk(boolean on) {
        bulk = on;
        bulkSettings(writer.getConfig(), on);
        if (!on) refresh();
    }

    /**
     * Writes out buffered segments on the calling thread until none is left; with every loading thread doing so at
     * the end of a rebuild, the buffer is flushed in parallel instead of by the final commit alone.
     */
    @Override
    public void flushAdded() {
        try {
            while (writer.flushNextBuffer()) {
                // the next pending or largest buffer, written by this thread
            }
        } catch (IOException e) {
            throw failed("flush", e);
        }
    }

    @Override
    public void delete(Collection<DescriptionId> ids) {
        try {
            writer.deleteDocuments(ids.stream().map(id -> new Term(Fields.ID, id.value())).toArray(Term[]::new));
        } catch (IOException e) {
            throw failed("delete", e);
        }
    }

    @Override
    public void deleteAll() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw failed("clear", e);
        }
    }

    @Override
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw failed("refresh", e);
        }
    }

    private void refreshQuietly() {
        try {
            if (!closed && !bulk) searchers.maybeRefresh();
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(LuceneSearchBackend.class).warn("index refresh failed", e);
        }
    }

    private void commitQuietly() {
        try {
            if (!closed && !bulk && writer.hasUncommittedChanges()) writer.commit();
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(LuceneSearchBackend.class).warn("index commit failed", e);
        }
    }

    @Override
    public void commit() {
        try {
            writer.commit();
        } catch (IOException e) {
            throw failed("commit", e);
        }
    }

    /**
     * The Lucene document of {@code d}. With {@code reuse} (this thread's, indexed on this thread), the values that
     * repeat from record to record (ancestors' context, creators, subjects) carry the tokens of their first
     * analysis instead of being analysed again: the same tokens, so the same index.
     */
    private Document toDoc(IndexDocument d, @Nullable Analysed reuse) {
        Document doc = new Document();
        String id = d.id().value();
        doc.add(new StringField(Fields.ID, id, Store.NO)); // read back from its sort values (Fields.ID_SORT)
        doc.add(new SortedDocValuesField(Fields.ID_SORT, new BytesRef(id)));
        keyword(doc, Fields.INSTITUTION, d.institution().value(), Fields.facet(org.archivekit.search.FacetField.INSTITUTION));
        if (d.parent() != null) doc.add(new StringField(Fields.PARENT, d.parent().value(), Store.NO));
        StringBuilder pathIds = new StringBuilder();
        for (DescriptionId p : d.path()) {
            doc.add(new StringField(Fields.PATH, p.value(), Store.NO));
            if (pathIds.length() > 0) pathIds.append(' ');
            pathIds.append(p.value());
        }
        doc.add(new BinaryDocValuesField(Fields.PATH_IDS, new BytesRef(pathIds)));
        keyword(doc, Fields.LEVEL, d.level().name(), Fields.facet(org.archivekit.search.FacetField.LEVEL));
        if (d.referenceCode() != null) {
            doc.add(new StringField(Fields.CODE_EXACT, Fields.code(d.referenceCode()), Store.NO));
            doc.add(new TextField(Fields.CODE, d.referenceCode(), Store.NO));
            doc.add(new SortedDocValuesField(Fields.SORT_CODE, new BytesRef(Objects.requireNonNull(
                    d.referenceSortKey()))));
        }
        doc.add(text(reuse, Fields.TITLE, d.title(), Store.YES));
        for (String t : d.otherTitles()) doc.add(new TextField(Fields.TITLE, t, Store.YES));
        doc.add(new SortedDocValuesField(Fields.SORT_TITLE, reuse == null ? titleKey(d.title())
                : reuse.titleKey(d.title(), this::titleKey)));
        doc.add(text(reuse, Fields.SUGGEST_WORDS, d.title(), Store.NO));
        doc.add(text(reuse, Fields.SUGGEST_TITLE, d.title(), Store.NO));
        if (d.scope() != null) doc.add(new TextField(Fields.SCOPE, d.scope(), Store.YES));
        if (d.notes() != null && !d.notes().isEmpty()) doc.add(new TextField(Fields.NOTES, d.notes(), Store.YES));
        for (String c : d.context()) doc.add(text(reuse, Fields.CONTEXT, c, Store.NO));
        for (String c : d.creators()) {
            doc.add(text(reuse, Fields.CREATOR, c, Store.YES));
            keyword(doc, Fields.CREATOR_EXACT, c, Fields.facet(org.archivekit.search.FacetField.CREATOR));
            doc.add(text(reuse, Fields.SUGGEST_TERM, c, Store.NO));
        }
        for (String s : d.subjects()) {
            doc.add(text(reuse, Fields.SUBJECT, s, Store.YES));
            keyword(doc, Fields.SUBJECT_EXACT, s, Fields.facet(org.archivekit.search.FacetField.SUBJECT));
            doc.add(text(reuse, Fields.SUGGEST_TERM, s, Store.NO));
        }
        keyword(doc, Fields.CARRIER, d.carrier(), Fields.facet(org.archivekit.search.FacetField.CARRIER));
        doc.add(new StringField(Fields.DIGITAL, d.hasDigitalObject() ? Fields.YES : Fields.NO, Store.NO));
        if (d.yearFrom() != null) {
            int from = d.yearFrom();
            int to = d.yearTo() == null ? 9999 : d.yearTo();
            doc.add(new IntPoint(Fields.YEAR_FROM, from));
            doc.add(new IntPoint(Fields.YEAR_TO, to));
            // by day, so records of one year sort by their dates
            doc.add(new NumericDocValuesField(Fields.SORT_DATE, (d.dateFrom() == null
                    ? java.time.LocalDate.of(from, 1, 1) : d.dateFrom()).toEpochDay()));
            doc.add(new SortedSetDocValuesField(Fields.facet(org.archivekit.search.FacetField.DECADE),
                    new BytesRef(Math.floorDiv(from, 10) * 10 + "s")));
        }
        AccessFacts f = d.facts();
        doc.add(new IntPoint(Fields.ACCESS_LEVEL, f.staticLevel().ordinal()));
        doc.add(new LongPoint(Fields.RESTRICTED_UNTIL, f.restrictedUntil()));
        doc.add(new LongPoint(Fields.CAMPUS_UNTIL, f.campusUntil()));
        doc.add(new StringField(Fields.PUBLISHED, f.isPublished() ? Fields.YES : Fields.NO, Store.NO));
        doc.add(new StringField(Fields.CLASSIFIED, f.isClassified() ? Fields.YES : Fields.NO, Store.NO));
        doc.add(new StoredField(Fields.CHECKSUM, d.checksum()));
        return doc;
    }

    /** The title order's key of {@code title} (ICU collation, Chinese by pinyin). */
    private BytesRef titleKey(String title) {
        RawCollationKey key = collator.getRawCollationKey(title, null);
        return new BytesRef(key.bytes, 0, key.size);
    }

    /** A text field of {@code value}; with {@code reuse}, carrying the tokens of an earlier analysis of it. */
    private Field text(@Nullable Analysed reuse, String field, String value, Store store) {
        if (reuse == null) return new TextField(field, value, store);
        return new AnalysedField(field, value, store == Store.YES ? TextField.TYPE_STORED : TextField.TYPE_NOT_STORED,
                reuse.tokens(analyzer, field, value));
    }

    private static void keyword(Document doc, String field, String value, String facet) {
        doc.add(new StringField(field, value, Store.NO));
        doc.add(new SortedSetDocValuesField(facet, new BytesRef(value)));
    }

    /**
     * The Lucene query this backend runs for {@code q}, access filter included; for benchmarks and diagnostics
     * (comparing with a raw {@link IndexSearcher} on the same query).
     */
    public Query luceneQuery(BackendQuery q) {
        return luceneQuery(q, q.forgiveTypos() ? typoQueries : queries);
    }

    private static Query luceneQuery(BackendQuery q, LuceneQueries queries) {
        Query secured = queries.secured(q.query(), q.access());
        Query filters = LuceneQueries.filters(q.filters(), q.access().nowMillis());
        return filters == null ? secured
                : new BooleanQuery.Builder().add(secured, Occur.MUST).add(filters, Occur.FILTER).build();
    }

    /** The Lucene sort this backend uses for {@code sort}; for benchmarks and diagnostics. */
    public Sort luceneSort(SearchSort sort) {
        return sort(sort);
    }

    /** The Lucene document this backend indexes for {@code d}; for benchmarks and diagnostics. */
    public Document luceneDocument(IndexDocument d) {
        return toDoc(d, null);
    }

    /** The analyzer of every field; for benchmarks and diagnostics. */
    public Analyzer analyzer() {
        return analyzer;
    }

    @Override
    public BackendResult search(BackendQuery q) {
        return search(q, q.forgiveTypos() ? typoQueries : queries);
    }

    private BackendResult search(BackendQuery q, LuceneQueries queries) {
        Query query;
        try {
            query = luceneQuery(q, queries);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidRequestException("query", "the query expands to too many clauses; use fewer or shorter"
                    + " words", e);
        }
        Sort sort = sort(q.sort());
        FieldDoc after = q.after() == null ? null : Cursors.decode(q.after(), q.sort(), sort);
        IndexSearcher s = acquire();
        try {
            Map<org.archivekit.search.FacetField, List<org.archivekit.search.FacetCount>> facets = Map.of();
            long counted = -1;
            int threshold = q.exactTotalUpTo();
            boolean byId = byIdAlone(q, queries);
            TopDocs docs = null;
            if (!q.facets().isEmpty()) {
                // facets and the exact total visit every match, without scores: the slices of the index are counted
                // in parallel (one thread per core) and merged. The page comes from a second pass below, which
                // may then skip what cannot make it, as a search without facets does
                FacetCollector.Counts c = new IndexSearcher(s.getIndexReader(), pool).search(
                        new ConstantScoreQuery(query), FacetCollector.manager(q.facets(), q.facetLimit(), ordinals,
                                byId));
                facets = c.facets();
                counted = c.total();
                threshold = q.limit() + 1;
                // most documents match: the first ids in term order find the page after a few terms per segment
                if (byId && counted * 64 >= s.getIndexReader().maxDoc()) {
                    docs = firstById(s, query, q.limit() + 1, c.matches());
                }
            }
            // one more than the page, to know whether a next page exists
            org.apache.lucene.search.TotalHits totalHits = null;
            if (docs == null && !byId && counted < 0 && threshold > q.limit() + 1) {
                // the total first, counted without scores and only up to the threshold (one past it tells that there
                // are more); then the page, whose collector may skip whatever cannot make it from the first full
                // page on. Scoring every match up to the threshold, as one pass counting exactly that far must,
                // costs more than visiting them twice, once without scores. When the matches are few, the count
                // keeps them and the page is collected from them alone (a phrase of common words has many candidates
                // to check and few matches)
                TopFieldCollector page = TopFieldCollector.create(sort, q.limit() + 1, after, q.limit() + 1);
                org.apache.lucene.search.Weight w = s.createWeight(s.rewrite(query), page.scoreMode(), 1f);
                long n = Matches.collect(s, w, threshold, page).count();
                totalHits = new org.apache.lucene.search.TotalHits(Math.min(n, threshold), n <= threshold
                        ? org.apache.lucene.search.TotalHits.Relation.EQUAL_TO
                        : org.apache.lucene.search.TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO);
                docs = page.topDocs();
            }
            // counting exactly up to the threshold lets Lucene skip matches that cannot make the page beyond it
            if (docs == null) {
                docs = byId ? pageById(s, query, q.limit() + 1, threshold)
                        : top(s, query, sort, q.limit() + 1, after, threshold);
            }
            if (counted >= 0) {
                totalHits = new org.apache.lucene.search.TotalHits(counted,
                        org.apache.lucene.search.TotalHits.Relation.EQUAL_TO);
            }
            if (totalHits != null) docs = new TopDocs(totalHits, docs.scoreDocs);
            int n = Math.min(q.limit(), docs.scoreDocs.length);
            ScoreDoc[] page = java.util.Arrays.copyOf(docs.scoreDocs, n);
            Map<Integer, Map<String, List<String>>> highlights = q.highlight() && n > 0
                    ? highlight(s, queries.content(q.query(), true), page) : Map.of(); // the query as run (typos too)
            List<List<DescriptionId>> paths = paths(s, page);
            List<BackendResult.Hit> hits = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                FieldDoc fd = (FieldDoc) page[i];
                // every sort ends with the id (the tie-break), so each hit carries its id among its sort values
                BytesRef id = (BytesRef) fd.fields[fd.fields.length - 1];
                float score = q.sort() == SearchSort.RELEVANCE ? (Float) fd.fields[0] : 0f;
                hits.add(new BackendResult.Hit(DescriptionId.of(id.utf8ToString()), score,
                        highlights.getOrDefault(fd.doc, Map.of()), paths.get(i)));
            }
            String next = null;
            if (docs.scoreDocs.length > q.limit()) {
                next = Cursors.encode(q.sort(), (FieldDoc) page[n - 1]);
            }
            boolean exact = docs.totalHits.relation == org.apache.lucene.search.TotalHits.Relation.EQUAL_TO;
            // a lower bound is reported as the threshold itself: Lucene may have counted a few more before it
            // started skipping, which would make the figure depend on segment layout
            long total = exact ? docs.totalHits.value : Math.min(docs.totalHits.value, threshold);
            return new BackendResult(hits, total, exact, facets, next);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidRequestException("query", "the query expands to too many clauses; use fewer or shorter"
                    + " words", e);
        } catch (IOException e) {
            throw failed("search", e);
        } finally {
            release(s);
        }
    }

    /**
     * The paths of {@code page}'s documents (fonds first, the record last), from their doc values: read in document
     * order per segment, as doc values are, then put back in the page's order.
     */
    private static List<List<DescriptionId>> paths(IndexSearcher s, ScoreDoc[] page) throws IOException {
        Integer[] order = new Integer[page.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> page[i].doc));
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        List<List<DescriptionId>> out = new ArrayList<>(java.util.Collections.nCopies(page.length, List.of()));
        int leafOrd = -1;
        org.apache.lucene.index.BinaryDocValues values = null;
        for (int i : order) {
            int doc = page[i].doc;
            int ord = org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves);
            LeafReaderContext leaf = leaves.get(ord);
            if (ord != leafOrd) {
                leafOrd = ord;
                values = leaf.reader().getBinaryDocValues(Fields.PATH_IDS);
            }
            if (values == null || !values.advanceExact(doc - leaf.docBase)) {
                throw new IOException("document " + doc + " has no path");
            }
            BytesRef joined = values.binaryValue();
            List<DescriptionId> path = new ArrayList<>(6);
            int start = joined.offset;
            int end = joined.offset + joined.length;
            for (int j = start; j <= end; j++) {
                if (j == end || joined.bytes[j] == ' ') {
                    if (j > start) {
                        String p = new String(joined.bytes, start, j - start, StandardCharsets.UTF_8);
                        if (DescriptionId.isValid(p)) path.add(DescriptionId.of(p));
                    }
                    start = j + 1;
                }
            }
            out.set(i, path);
        }
        return out;
    }

    private static TopDocs top(IndexSearcher s, Query query, Sort sort, int n, @Nullable FieldDoc after,
            int threshold) throws IOException {
        TopFieldCollector top = TopFieldCollector.create(sort, n, after, threshold);
        s.search(query, top);
        return top.topDocs();
    }

    /**
     * Whether {@code q} ranks by relevance while every match scores the same: no words (match everything, filtered)
     * and no grants (a record a grant and the caller's clearance both admit would score twice), first page. Its
     * page is then the matches in id order ({@link #pageById}).
     */
    private static boolean byIdAlone(BackendQuery q, LuceneQueries queries) {
        return q.sort() == SearchSort.RELEVANCE && q.after() == null && q.query() instanceof QueryNode.MatchAll
                && q.access().grants().isEmpty();
    }

    /**
     * The first {@code n} matches of {@code query} by relevance where every match scores the same: sorted by id
     * alone, which lets Lucene skip every document whose id cannot make the page (the id's terms and sort values
     * share one field), then given their score, so the page and its cursor are exactly those of the relevance
     * sort (score, then id).
     */
    private static TopDocs pageById(IndexSearcher s, Query query, int n, int threshold) throws IOException {
        TopDocs byId = top(s, query, new Sort(new SortField(Fields.ID_SORT, SortField.Type.STRING)), n, null,
                threshold);
        TopFieldCollector.populateScores(byId.scoreDocs, s, query);
        ScoreDoc[] page = new ScoreDoc[byId.scoreDocs.length];
        for (int i = 0; i < page.length; i++) {
            FieldDoc d = (FieldDoc) byId.scoreDocs[i];
            page[i] = new FieldDoc(d.doc, d.score, new Object[] {d.score, d.fields[0]});
        }
        return new TopDocs(byId.totalHits, page);
    }

    /**
     * Like {@link #pageById}, from the known {@code matches} of each segment: the id terms are walked in order (the
     * order of the id's sort values) until a segment has given {@code n} matches, and the segments' first ids
     * merged. When at least 1/64 of the documents match, a segment whose matches are spread like the index's gives
     * its page after about 64 × {@code n} terms (a segment with fewer matches walks further, at worst all its terms),
     * instead of a comparison per match.
     */
    private static TopDocs firstById(IndexSearcher s, Query query, int n, Map<Integer, FixedBitSet> matches)
            throws IOException {
        record Hit(BytesRef id, int doc) {}
        List<Hit> hits = new ArrayList<>();
        for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
            FixedBitSet m = matches.get(leaf.ord);
            org.apache.lucene.index.Terms terms = leaf.reader().terms(Fields.ID);
            if (m == null || terms == null) continue;
            org.apache.lucene.index.TermsEnum te = terms.iterator();
            org.apache.lucene.index.PostingsEnum pe = null;
            int found = 0;
            for (BytesRef t = te.next(); t != null && found < n; t = te.next()) {
                pe = te.postings(pe, org.apache.lucene.index.PostingsEnum.NONE);
                for (int d = pe.nextDoc(); d != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                        d = pe.nextDoc()) {
                    if (m.get(d)) { // a match, so live
                        hits.add(new Hit(BytesRef.deepCopyOf(t), leaf.docBase + d));
                        found++;
                        break;
                    }
                }
            }
        }
        hits.sort(java.util.Comparator.comparing(Hit::id).thenComparingInt(Hit::doc));
        ScoreDoc[] page = new ScoreDoc[Math.min(n, hits.size())];
        for (int i = 0; i < page.length; i++) page[i] = new ScoreDoc(hits.get(i).doc(), Float.NaN);
        TopFieldCollector.populateScores(page, s, query);
        for (int i = 0; i < page.length; i++) {
            page[i] = new FieldDoc(page[i].doc, page[i].score, new Object[] {page[i].score, hits.get(i).id()});
        }
        return new TopDocs(new org.apache.lucene.search.TotalHits(hits.size(),
                org.apache.lucene.search.TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO), page);
    }

    private Map<Integer, Map<String, List<String>>> highlight(IndexSearcher s, Query content, ScoreDoc[] docs)
            throws IOException {
        UnifiedHighlighter uh = UnifiedHighlighter.builder(s, analyzer)
                .withFormatter(new DefaultPassageFormatter("【", "】", "…", false)).withMaxLength(20_000).build();
        int[] ids = new int[docs.length];
        for (int i = 0; i < docs.length; i++) ids[i] = docs[i].doc;
        // the record's own fields only: never the context of ancestors, which a caller holding a grant may not read
        String[] fields = {Fields.TITLE, Fields.SCOPE, Fields.CREATOR, Fields.SUBJECT, Fields.NOTES};
        Map<String, String[]> found = uh.highlightFields(fields, content, ids, new int[] {1, 2, 1, 1, 1});
        Map<Integer, Map<String, List<String>>> out = new HashMap<>();
        for (String f : fields) {
            String[] perDoc = found.get(f);
            if (perDoc == null) continue;
            for (int i = 0; i < ids.length; i++) {
                if (perDoc[i] == null || perDoc[i].indexOf('【') < 0) continue;
                out.computeIfAbsent(ids[i], k -> new LinkedHashMap<>()).put(f, List.of(perDoc[i]));
            }
        }
        return out;
    }

    static Sort sort(SearchSort sort) {
        SortField id = new SortField(Fields.ID_SORT, SortField.Type.STRING);
        return switch (sort) {
            case RELEVANCE -> new Sort(SortField.FIELD_SCORE, id);
            case DATE -> {
                SortField f = new SortField(Fields.SORT_DATE, SortField.Type.LONG);
                f.setMissingValue(Long.MAX_VALUE);
                yield new Sort(f, id);
            }
            case DATE_DESC -> {
                SortField f = new SortField(Fields.SORT_DATE, SortField.Type.LONG, true);
                f.setMissingValue(Long.MIN_VALUE);
                yield new Sort(f, id);
            }
            case REFERENCE_CODE -> {
                SortField f = new SortField(Fields.SORT_CODE, SortField.Type.STRING);
                f.setMissingValue(SortField.STRING_LAST);
                yield new Sort(f, id);
            }
            case TITLE -> new Sort(new SortField(Fields.SORT_TITLE, SortField.Type.STRING), id);
        };
    }

    @Override
    public List<String> suggest(String prefix, AccessFilter access, int limit) {
        String norm = analyzer.normalize(Fields.SUGGEST_TITLE, prefix).utf8ToString();
        if (norm.isEmpty()) return List.of();
        if (norm.codePointCount(0, norm.length()) > Fields.MAX_SUGGEST) {
            norm = norm.substring(0, norm.offsetByCodePoints(0, Fields.MAX_SUGGEST));
        }
        Query match = new BooleanQuery.Builder()
                .add(new BoostQuery(new TermQuery(new Term(Fields.SUGGEST_TITLE, norm)), 2f), Occur.SHOULD)
                .add(new TermQuery(new Term(Fields.SUGGEST_WORDS, norm)), Occur.SHOULD)
                .setMinimumNumberShouldMatch(1).build();
        Query a = queries.access(access);
        Query query = a == null ? match
                : new BooleanQuery.Builder().add(match, Occur.MUST).add(a, Occur.FILTER).build();
        Query term = new TermQuery(new Term(Fields.SUGGEST_TERM, norm));
        Query terms = a == null ? term : new BooleanQuery.Builder().add(term, Occur.MUST).add(a, Occur.FILTER).build();
        IndexSearcher s = acquire();
        try {
            Sort byTitle = new Sort(SortField.FIELD_SCORE, new SortField(Fields.SORT_TITLE, SortField.Type.STRING));
            // names and subjects of visible records first (up to half the list), then titles
            Set<String> names = new LinkedHashSet<>();
            int maxNames = Math.max(1, limit / 2);
            TopDocs named = s.search(terms, Math.min(1000, limit * 20), byTitle);
            Set<String> fields = Set.of(Fields.CREATOR, Fields.SUBJECT);
            for (ScoreDoc sd : named.scoreDocs) {
                Document doc = s.storedFields().document(sd.doc, fields);
                for (org.apache.lucene.index.IndexableField f : doc.getFields()) {
                    String v = f.stringValue();
                    if (v != null && names.size() < maxNames
                            && analyzer.normalize(Fields.SUGGEST_TERM, v).utf8ToString().startsWith(norm)) {
                        names.add(v);
                    }
                }
                if (names.size() == maxNames) break;
            }
            TopDocs docs = s.search(query, Math.min(1000, limit * 20), byTitle);
            Set<String> out = new LinkedHashSet<>(names);
            for (ScoreDoc sd : docs.scoreDocs) {
                if (out.size() >= limit) break;
                String title = s.storedFields().document(sd.doc, Set.of(Fields.TITLE)).get(Fields.TITLE);
                if (title != null) out.add(title);
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw failed("suggest", e);
        } finally {
            release(s);
        }
    }

    @Override
    public Map<DescriptionId, Long> countDescendants(Collection<DescriptionId> ids, AccessFilter access) {
        Query a = queries.access(access);
        IndexSearcher s = acquire();
        try {
            Map<DescriptionId, Long> out = new LinkedHashMap<>();
            for (DescriptionId id : ids) {
                BooleanQuery.Builder b = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(Fields.PATH, id.value())), Occur.FILTER)
                        .add(new TermQuery(new Term(Fields.ID, id.value())), Occur.MUST_NOT);
                if (a != null) b.add(a, Occur.FILTER);
                out.put(id, (long) s.count(b.build()));
            }
            return out;
        } catch (IOException e) {
            throw failed("count", e);
        } finally {
            release(s);
        }
    }

    @Override
    public Optional<String> checksum(DescriptionId id) {
        IndexSearcher s = acquire();
        try {
            TopDocs d = s.search(new TermQuery(new Term(Fields.ID, id.value())), 1);
            if (d.scoreDocs.length == 0) return Optional.empty();
            return Optional.ofNullable(s.storedFields().document(d.scoreDocs[0].doc, Set.of(Fields.CHECKSUM))
                    .get(Fields.CHECKSUM));
        } catch (IOException e) {
            throw failed("read", e);
        } finally {
            release(s);
        }
    }

    @Override
    public Stream<DescriptionId> ids() {
        IndexSearcher s = acquire();
        try {
            List<DescriptionId> out = new ArrayList<>(s.getIndexReader().numDocs());
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                SortedDocValues dv = leaf.reader().getSortedDocValues(Fields.ID_SORT);
                if (dv == null) continue;
                Bits live = leaf.reader().getLiveDocs();
                for (int doc = dv.nextDoc(); doc != SortedDocValues.NO_MORE_DOCS; doc = dv.nextDoc()) {
                    if (live == null || live.get(doc)) out.add(DescriptionId.of(dv.lookupOrd(dv.ordValue())
                            .utf8ToString()));
                }
            }
            return out.stream();
        } catch (IOException e) {
            throw failed("list", e);
        } finally {
            release(s);
        }
    }

    @Override
    public Health health() {
        if (closed) return new Health(NAME, 0, false, "closed: " + path);
        IndexSearcher s = acquire();
        try {
            return new Health(NAME, s.getIndexReader().numDocs(), true, "Lucene "
                    + org.apache.lucene.util.Version.LATEST + ", " + analysis.name().toLowerCase(java.util.Locale.ROOT)
                    + " analysis, " + path);
        } finally {
            release(s);
        }
    }

    private IndexSearcher acquire() {
        if (closed) throw new IllegalStateException("the Lucene backend in " + path + " is closed");
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw failed("open a searcher", e);
        }
    }

    private void release(IndexSearcher s) {
        try {
            searchers.release(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SearchException failed(String what, IOException e) {
        return new SearchException("Lucene could not " + what + " in " + path + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        refresher.shutdown();
        try {
            // let a running refresh or commit finish: interrupting Lucene's file I/O would close its channels
            if (!refresher.awaitTermination(60, TimeUnit.SECONDS)) refresher.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdown();
        try {
            searchers.close();
            writer.commit();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw failed("close", e);
        }
    }

    /** Builds a {@link LuceneSearchBackend}; not thread-safe, used once. */
    public static final class Builder {
        private @Nullable Path directory;
        private LuceneAnalysis analysis = LuceneAnalysis.DEFAULT;
        private double ramBufferMb = 64;
        private double bulkRamBufferMb;
        private java.time.Duration commitInterval = java.time.Duration.ofSeconds(30);

        private Builder() {}

        /** The index directory (created when missing), such as {@code HOME/index}. */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** How text is analysed; default {@link LuceneAnalysis#DEFAULT}. Changing it empties the index. */
        public Builder analysis(LuceneAnalysis analysis) {
            this.analysis = Objects.requireNonNull(analysis, "analysis");
            return this;
        }

        /** The indexing buffer, in MB; default 64. */
        public Builder ramBufferMb(double mb) {
            if (!(mb > 0)) throw new IllegalArgumentException("RAM buffer must be positive, got " + mb);
            this.ramBufferMb = mb;
            return this;
        }

        /**
         * The indexing buffer during a bulk load such as the reindex, in MB; default 256 MB, or an eighth of the
         * maximum heap when that is less (never less than {@link #ramBufferMb}).
         */
        public Builder bulkRamBufferMb(double mb) {
            if (!(mb > 0)) throw new IllegalArgumentException("RAM buffer must be positive, got " + mb);
            this.bulkRamBufferMb = mb;
            return this;
        }

        /**
         * How often changes are committed (made durable) in the background, when there are any; a crash loses at
         * most this much of the most recent changes (which {@code check-index} then repairs). Default 30 seconds;
         * closing the backend commits too.
         */
        public Builder commitInterval(java.time.Duration every) {
            Objects.requireNonNull(every, "every");
            if (every.toMillis() < 1) throw new IllegalArgumentException("commit interval must be at least 1 ms");
            this.commitInterval = every;
            return this;
        }

        /**
         * Opens the index.
         *
         * @throws SearchException when the directory cannot be opened (locked by another process, unreadable)
         */
        public LuceneSearchBackend build() {
            return new LuceneSearchBackend(this);
        }
    }

    /** Encodes and decodes search-after cursors: the sort values of the last hit, tagged with the sort. */
    static final class Cursors {
        private Cursors() {}

        static String encode(SearchSort sort, FieldDoc last) {
            StringBuilder b = new StringBuilder(sort.name());
            for (Object v : last.fields) {
                b.append('\u0001');
                if (v == null) b.append('N');
                else if (v instanceof Float f) b.append('F').append(Integer.toHexString(Float.floatToIntBits(f)));
                else if (v instanceof Long l) b.append('L').append(l);
                else if (v instanceof BytesRef r) b.append('B').append(Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(BytesRef.deepCopyOf(r).bytes));
                else throw new IllegalStateException("unexpected sort value " + v.getClass());
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(b.toString()
                    .getBytes(StandardCharsets.UTF_8));
        }

        static FieldDoc decode(String cursor, SearchSort sort, Sort luceneSort) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                String[] parts = raw.split("\u0001", -1);
                if (!parts[0].equals(sort.name()) || parts.length != luceneSort.getSort().length + 1) {
                    throw new IllegalArgumentException("cursor of another order");
                }
                Object[] values = new Object[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i];
                    values[i - 1] = switch (p.charAt(0)) {
                        case 'N' -> null;
                        case 'F' -> Float.intBitsToFloat(Integer.parseUnsignedInt(p.substring(1), 16));
                        case 'L' -> Long.parseLong(p.substring(1));
                        case 'B' -> new BytesRef(Base64.getUrlDecoder().decode(p.substring(1)));
                        default -> throw new IllegalArgumentException("bad value");
                    };
                }
                return new FieldDoc(Integer.MAX_VALUE, Float.NaN, values);
            } catch (RuntimeException e) {
                throw new InvalidRequestException("after", "malformed page cursor; pass the 'next' of the previous"
                        + " page with the same sort", e);
            }
        }
    }


    /**
     * The tokens of values already analysed on one thread, per field, the most recently used kept (bounded), and
     * the collation keys of titles: the context of siblings, a creator's name, a subject term or a title ("会议记录")
     * recur from record to record.
     */
    static final class Analysed {
        private static final int PER_FIELD = 4096;
        private final Map<String, Map<String, Tokens>> byField = new HashMap<>();
        private final Map<String, BytesRef> titleKeys = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, BytesRef> eldest) {
                return size() > PER_FIELD;
            }
        };

        /** The collation key of {@code title} (shared: the indexer copies what it is given). */
        BytesRef titleKey(String title, java.util.function.Function<String, BytesRef> make) {
            BytesRef k = titleKeys.get(title);
            if (k == null) {
                k = make.apply(title);
                titleKeys.put(title, k);
            }
            return k;
        }

        Tokens tokens(Analyzer analyzer, String field, String value) {
            Map<String, Tokens> m = byField.computeIfAbsent(field, f -> new LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Tokens> eldest) {
                    return size() > PER_FIELD;
                }
            });
            Tokens t = m.get(value);
            if (t == null) {
                t = Tokens.of(analyzer, field, value);
                m.put(value, t);
            }
            return t;
        }
    }

    /**
     * What the indexer reads of a token stream, captured once: each token's text, position increment and offsets,
     * and the increment and offset the stream ends with.
     */
    static final class Tokens {
        private final char[] chars;
        /** Per token: end of its text in {@link #chars}, position increment, start and end offsets. */
        private final int[] data;
        private final int count;
        private final int endIncrement;
        private final int endStart;
        private final int endOffset;

        private Tokens(char[] chars, int[] data, int count, int endIncrement, int endStart, int endOffset) {
            this.chars = chars;
            this.data = data;
            this.count = count;
            this.endIncrement = endIncrement;
            this.endStart = endStart;
            this.endOffset = endOffset;
        }

        static Tokens of(Analyzer analyzer, String field, String value) {
            try (org.apache.lucene.analysis.TokenStream s = analyzer.tokenStream(field, value)) {
                org.apache.lucene.analysis.tokenattributes.CharTermAttribute term = s.addAttribute(
                        org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
                org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute inc = s.addAttribute(
                        org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute.class);
                org.apache.lucene.analysis.tokenattributes.OffsetAttribute offset = s.addAttribute(
                        org.apache.lucene.analysis.tokenattributes.OffsetAttribute.class);
                if (s.hasAttribute(org.apache.lucene.analysis.tokenattributes.PayloadAttribute.class)) {
                    throw new IllegalStateException("field " + field + " has payloads, which captured tokens do not"
                            + " keep");
                }
                StringBuilder chars = new StringBuilder();
                int[] data = new int[16];
                int n = 0;
                s.reset();
                while (s.incrementToken()) {
                    if (4 * n + 4 > data.length) data = java.util.Arrays.copyOf(data, data.length * 2);
                    chars.append(term.buffer(), 0, term.length());
                    data[4 * n] = chars.length();
                    data[4 * n + 1] = inc.getPositionIncrement();
                    data[4 * n + 2] = offset.startOffset();
                    data[4 * n + 3] = offset.endOffset();
                    n++;
                }
                s.end();
                char[] c = new char[chars.length()];
                chars.getChars(0, c.length, c, 0);
                return new Tokens(c, java.util.Arrays.copyOf(data, 4 * n), n, inc.getPositionIncrement(),
                        offset.startOffset(), offset.endOffset());
            } catch (IOException e) {
                throw new UncheckedIOException(e); // cannot happen with a string
            }
        }
    }

    /** A text field whose tokens were captured before ({@link Tokens}); stored as its value when its type says. */
    private static final class AnalysedField extends Field {
        private final Tokens tokens;

        AnalysedField(String name, String value, org.apache.lucene.document.FieldType type, Tokens tokens) {
            super(name, value, type);
            this.tokens = tokens;
        }

        @Override
        public org.apache.lucene.analysis.TokenStream tokenStream(Analyzer analyzer,
                org.apache.lucene.analysis.TokenStream reuse) {
            Replay r = reuse instanceof Replay same ? same : new Replay();
            r.tokens = tokens;
            return r;
        }
    }

    /** Replays {@link Tokens}; reused by the indexer from field to field on its thread. */
    private static final class Replay extends org.apache.lucene.analysis.TokenStream {
        private final org.apache.lucene.analysis.tokenattributes.CharTermAttribute term = addAttribute(
                org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
        private final org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute inc = addAttribute(
                org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute.class);
        private final org.apache.lucene.analysis.tokenattributes.OffsetAttribute offset = addAttribute(
                org.apache.lucene.analysis.tokenattributes.OffsetAttribute.class);
        private @Nullable Tokens tokens;
        private int next;
        private int from;

        @Override
        public void reset() throws IOException {
            super.reset();
            // cleared once per value, not per token: each token sets the term, increment and offsets, and the
            // indexer reads the rest (type, position length, frequency) without setting them, so they stay cleared
            clearAttributes();
            next = 0;
            from = 0;
        }

        @Override
        public boolean incrementToken() {
            Tokens t = Objects.requireNonNull(tokens);
            if (next >= t.count) return false;
            int to = t.data[4 * next];
            term.copyBuffer(t.chars, from, to - from);
            inc.setPositionIncrement(t.data[4 * next + 1]);
            offset.setOffset(t.data[4 * next + 2], t.data[4 * next + 3]);
            from = to;
            next++;
            return true;
        }

        @Override
        public void end() throws IOException {
            super.end();
            Tokens t = Objects.requireNonNull(tokens);
            inc.setPositionIncrement(t.endIncrement);
            offset.setOffset(t.endStart, t.endOffset);
        }
    }
}
