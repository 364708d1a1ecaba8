package org.archivekit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.store.FSDirectory;
import org.archivekit.core.Archive;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.store.SqliteArchiveStore;
import org.archivekit.search.ArchiveSearch;
import org.archivekit.search.FacetField;
import org.archivekit.search.SearchFilters;
import org.archivekit.search.SearchRequest;
import org.archivekit.search.SearchResult;
import org.archivekit.search.SearchSort;
import org.archivekit.search.internal.Documents;
import org.archivekit.search.internal.QuerySyntax;
import org.archivekit.search.lucene.LuceneSearchBackend;
import org.archivekit.search.spi.BackendQuery;
import org.archivekit.search.spi.IndexDocument;

/**
 * Search benchmarks I1 and S1–S4 of the search issue, each compared with raw Lucene in the same run where the issue
 * asks for a ratio. The archive: a generated university archive of N items (institution A, whose fonds are set to
 * campus-only, so the public sees none of it) plus 1% as many items of institution B (ordinary access): the public
 * sees about 1% of the records, a campus member of A most of them.
 *
 * <ul>
 *   <li>I1: {@code ArchiveSearch.reindex} from the SQLite store vs a raw {@link IndexWriter} adding the identical
 *       Lucene documents (built beforehand, in memory) with the same analyzer and buffer.</li>
 *   <li>S1: term and phrase queries, top 10, as a campus member (access filter on), no highlighting: p50/p99 of
 *       {@code ArchiveSearch.search} (which also re-checks each hit against the store and builds its breadcrumb)
 *       vs a raw {@link IndexSearcher} running the identical Lucene query into the same collector (a
 *       {@link TopFieldCollector} with the backend's sort, one more hit than the page, totals exact up to the same
 *       threshold); also the time with exact totals.</li>
 *   <li>S2: the empty (match-everything) query with three facets, p50.</li>
 *   <li>S3: the S1 queries as the public (sees about 1%) vs as an administrator (no filter): p50 ratio.</li>
 *   <li>S4: page 1,000 (10 per page) reached by search-after vs page 1: p50 ratio.</li>
 * </ul>
 *
 * <pre>{@code
 * mvn -q -B -pl archive-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath -DskipTests
 * cd archive-bench && java -Xmx6g -cp "target/archive-bench-0.1.0-SNAPSHOT.jar:$(cat target/classpath)" \
 *     org.archivekit.bench.SearchBench 100000
 * }</pre>
 */
public final class SearchBench {
    private static final Principal ADMIN = Principal.admin("bench");
    private static final InstitutionCode A = SampleArchive.DEFAULT_INSTITUTION;
    private static final InstitutionCode B = InstitutionCode.of("CN-BENCH-B");

    private SearchBench() {}

    /**
     * Runs the benchmarks; the first argument is the number of items (default 100,000), a second {@code skip-i1}
     * skips the indexing benchmark (the index is still rebuilt), {@code reuse-index} also keeps an index that holds
     * every record of the store, {@code import-only} stops after building the store. The system property
     * {@code archivekit.bench.dir} names a directory to keep the store in (and reuse when it holds one), instead of
     * a fresh temporary directory.
     */
    public static void main(String[] args) throws IOException {
        long items = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        String keep = System.getProperty("archivekit.bench.dir");
        Path dir = keep == null ? Files.createTempDirectory("archivekit-search-bench") : Path.of(keep);
        Files.createDirectories(dir);
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s, max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        AccessPolicy policy = AccessPolicy.standard();
        ArchiveStore store = SqliteArchiveStore.open(dir.resolve("archive.db"));
        SampleArchive sampleA = SampleArchive.builder().items(items).seed(1).build();
        SampleArchive sampleB = SampleArchive.builder().items(Math.max(SampleArchive.MIN_ITEMS, items / 100))
                .seed(2).institutionCode(B).build();
        long t = System.nanoTime();
        boolean reuse = store.countByLevel().values().stream().mapToLong(Long::longValue).sum() > 0;
        if (reuse) System.out.println("archive: reusing the store in " + dir);
        if (!reuse) {
            try (Archive plain = Archive.builder().store(store).policy(policy).build()) {
                plain.putInstitution(ADMIN, sampleA.institution());
                plain.putInstitution(ADMIN, sampleB.institution());
                plain.importAll(ADMIN, map(sampleA.iterator(), d -> d.level() == Level.FONDS
                        ? d.toBuilder().access(Access.of(AccessLevel.CAMPUS)).build() : d));
                plain.importAll(ADMIN, map(sampleB.iterator(), d -> d.toBuilder().id(DescriptionId.of("B-" + d.id()))
                        .parent(d.parent() == null ? null : DescriptionId.of("B-" + d.parent())).build()));
            }
            store = SqliteArchiveStore.open(dir.resolve("archive.db"));
        }
        long records = store.countByLevel().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "archive: %,d records imported in %.1f s%n", records, secs(t));
        if (args.length > 1 && args[1].equals("import-only")) {
            store.close();
            return;
        }

        // ---------------------------------------------------------------- I1
        boolean skipI1 = args.length > 1 && (args[1].equals("skip-i1") || args[1].equals("reuse-index"));
        boolean ranI1 = false;
        if (!skipI1) {
            // interleaved rounds, each side in a fresh JVM, with per-round figures, medians, load and CPU per stage
            // and per thread (IndexBench); the last round's reindex leaves the index S1-S4 search
            int rounds = Integer.getInteger("archivekit.bench.i1.rounds", items < 500_000 ? 3 : 2);
            store.close();
            IndexBench.run(dir, rounds, true);
            store = SqliteArchiveStore.open(dir.resolve("archive.db"));
            ranI1 = true;
        }
        LuceneSearchBackend backend = LuceneSearchBackend.builder().directory(dir.resolve("index")).build();
        try (ArchiveSearch search = ArchiveSearch.builder().store(store).policy(policy).backend(backend).build()) {
            if (ranI1) {
                if (search.health().documents() != records) {
                    throw new IllegalStateException("I1 left " + search.health().documents() + " documents of "
                            + records);
                }
            } else if (args.length > 1 && args[1].equals("reuse-index") && search.health().documents() == records) {
                System.out.printf(Locale.ROOT, "index: reusing the %,d documents in %s (I1 skipped)%n", records,
                        dir.resolve("index"));
            } else {
                t = System.nanoTime();
                long n = search.reindex(n2 -> { });
                System.out.printf(Locale.ROOT, "index built: %,d records in %.1f s (I1 skipped)%n", n, secs(t));
            }

            // ---------------------------------------------------------------- S1
            Principal campus = Principal.campus("bench-campus", A);
            List<String> queries = queries(store, 60);
            System.out.println("searching (" + load() + ")");
            if (runs("S1")) try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(
                    dir.resolve("index")))) {
                IndexSearcher rawSearcher = new IndexSearcher(reader);
                List<Query> luceneQueries = new ArrayList<>();
                for (String q : queries) {
                    luceneQueries.add(backend.luceneQuery(new BackendQuery(QuerySyntax.parse(q), SearchFilters.NONE,
                            search.accessFilter(campus), SearchSort.RELEVANCE, 10, null, Set.of(), 0, false)));
                }
                // the raw side collects as the backend does: the total counted without scores up to one past the
                // same threshold, then the page by the same sort (score, then id), one more than the page; the
                // single pass a plain Lucene user would write (scoring every match up to the threshold) is timed too
                Sort sort = backend.luceneSort(SearchSort.RELEVANCE);
                int threshold = ArchiveSearch.DEFAULT_EXACT_TOTAL_UP_TO;
                long lowerBounds = queries.stream().filter(q -> !search.search(campus, SearchRequest.builder(q)
                        .highlight(false).build()).totalExact()).count();
                // one untimed round of each side first, so neither is timed while the JIT still compiles its path
                Op ours = i -> search.search(campus, SearchRequest.builder(queries.get(i % queries.size()))
                        .highlight(false).build());
                Op raw = i -> rawTwoPasses(rawSearcher, luceneQueries.get(i % luceneQueries.size()), sort,
                        threshold);
                Op rawOne = i -> {
                    try {
                        TopFieldCollector c = TopFieldCollector.create(sort, 11, null, threshold);
                        rawSearcher.search(luceneQueries.get(i % luceneQueries.size()), c);
                        return c.topDocs();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                };
                // the breakdown of ours: the backend alone (parsing, building the Lucene query, the search, the
                // hits' ids and paths), the rest being the service's re-check of the page against the store
                Op backendAlone = i -> backend.search(new BackendQuery(QuerySyntax.parse(queries.get(
                        i % queries.size())), SearchFilters.NONE, search.accessFilter(campus), SearchSort.RELEVANCE, 10,
                        null, Set.of(), 0, false).exactTotalUpTo(threshold));
                for (Op op : List.of(ours, raw, rawOne, backendAlone)) time(3000, op);
                // then interleaved rounds (each side 300 searches, five passes over the queries, per round; the order
                // rotating from round to round), so that no side is timed in a better state of the machine or the
                // JIT than another; percentiles over all rounds
                Timed[] timed = interleaved(10, 300, ours, raw, rawOne, backendAlone);
                Timed oursS1 = timed[0];
                Timed rawS1 = timed[1];
                Timed rawOnePass = timed[2];
                Timed backendS1 = timed[3];
                long[] exactS1 = time(600, i -> search.search(campus, SearchRequest.builder(queries.get(
                        i % queries.size())).highlight(false).exactTotal(true).build()));
                String exactCpu = cpu();
                System.out.printf(Locale.ROOT, "S1 term/phrase top-10 with access filter (%d queries, %d with more than"
                        + " %,d matches: total a lower bound; 10 interleaved rounds of 300 per side): ArchiveKit p50"
                        + " %.2f ms p99 %.2f ms%s; raw IndexSearcher (same query, sort, threshold and two passes) p50"
                        + " %.2f ms p99 %.2f ms%s; throughput ratio (raw p50 / ours p50) %.2f, by CPU time %.2f (goal"
                        + " p50 <= 2 ms, p99 <= 10 ms, >= 0.85); per round: %s; with exact totals: p50 %.2f ms p99"
                        + " %.2f ms%s; the backend alone (no store re-check): p50 %.2f ms p99 %.2f ms%s%n",
                        queries.size(), lowerBounds, threshold, ms(oursS1.p(50)), ms(oursS1.p(99)), oursS1.cpu(),
                        ms(rawS1.p(50)), ms(rawS1.p(99)), rawS1.cpu(), (double) rawS1.p(50) / oursS1.p(50),
                        (double) rawS1.cpuP(50) / oursS1.cpuP(50), Timed.roundRatios(rawS1, oursS1),
                        ms(p(exactS1, 50)), ms(p(exactS1, 99)), exactCpu, ms(backendS1.p(50)), ms(backendS1.p(99)),
                        backendS1.cpu());
                System.out.printf(Locale.ROOT, "S1 raw IndexSearcher in one pass (TopFieldCollector scoring every match"
                        + " up to the threshold): p50 %.2f ms p99 %.2f ms%s%n", ms(rawOnePass.p(50)),
                        ms(rawOnePass.p(99)), rawOnePass.cpu());
                // the 60 queries repeat, so after the first round their hits and ancestors come from the re-check's
                // record cache (each still checked against the store's current version); the same service with the
                // cache off reads and decodes every record of every page, as a page of hits never seen before does
                // (a second service over the same backend and store, never closed: closing it would close the backend)
                ArchiveSearch uncached = ArchiveSearch.builder().store(store).policy(policy).backend(backend)
                        .cachedRecords(0).build();
                long[] uncachedS1 = time(3000, i -> uncached.search(campus, SearchRequest.builder(queries.get(
                        i % queries.size())).highlight(false).build()));
                System.out.printf(Locale.ROOT, "S1 with the record cache off (every record read from the store):"
                        + " ArchiveKit p50 %.2f ms p99 %.2f ms%s%n", ms(p(uncachedS1, 50)), ms(p(uncachedS1, 99)),
                        cpu());
            }

            // ---------------------------------------------------------------- S2
            if (runs("S2")) {
                long[] s2 = time(300, i -> search.search(campus, SearchRequest.builder(i % 2 == 0 ? "" : "学生")
                        .highlight(false).facets(FacetField.LEVEL, FacetField.CARRIER, FacetField.DECADE).build()));
                String s2cpu = cpu();
                long[] s2all = time(100, i -> search.search(campus, SearchRequest.builder("").highlight(false)
                        .facets(FacetField.LEVEL, FacetField.CARRIER, FacetField.DECADE).build()));
                String s2allCpu = cpu();
                long[] s2word = time(100, i -> search.search(campus, SearchRequest.builder("学生").highlight(false)
                        .facets(FacetField.LEVEL, FacetField.CARRIER, FacetField.DECADE).build()));
                String s2wordCpu = cpu();
                SearchResult s2r = search.search(campus, SearchRequest.builder("").highlight(false)
                        .facets(FacetField.LEVEL, FacetField.CARRIER, FacetField.DECADE).build());
                SearchResult s2w = search.search(campus, SearchRequest.builder("学生").highlight(false)
                        .facets(FacetField.LEVEL, FacetField.CARRIER, FacetField.DECADE).build());
                System.out.printf(Locale.ROOT, "S2 broad query + 3 facets: p50 %.2f ms p99 %.2f ms%s (goal p50 <= 25"
                        + " ms); match-all (%,d matches) p50 %.2f ms%s, '学生' (%,d matches) p50 %.2f ms%s%n",
                        ms(p(s2, 50)), ms(p(s2, 99)), s2cpu, s2r.total(), ms(p(s2all, 50)), s2allCpu, s2w.total(),
                        ms(p(s2word, 50)), s2wordCpu);
            }

            // ---------------------------------------------------------------- S3
            if (runs("S3")) {
                Principal pub = Principal.anonymous();
                SearchResult seen = search.search(pub, SearchRequest.builder("").limit(1).exactTotal(true).build());
                long[] narrow = time(3000, i -> search.search(pub, SearchRequest.builder(queries.get(
                        i % queries.size())).highlight(false).build()));
                String narrowCpu = cpu();
                long[] wide = time(3000, i -> search.search(ADMIN, SearchRequest.builder(queries.get(
                        i % queries.size())).highlight(false).build()));
                System.out.printf(Locale.ROOT, "S3 caller seeing %.1f%% (%,d records): p50 %.2f ms%s vs unfiltered"
                        + " admin p50 %.2f ms%s; ratio %.2f (goal <= 1.3)%n", 100.0 * seen.total() / records,
                        seen.total(), ms(p(narrow, 50)), narrowCpu, ms(p(wide, 50)), cpu(),
                        (double) p(narrow, 50) / p(wide, 50));
            }

            // ---------------------------------------------------------------- S4
            if (runs("S4")) {
                SearchRequest firstPage = SearchRequest.builder("").sort(SearchSort.DATE).limit(10).highlight(false)
                        .build();
                String cursor = null;
                for (int page = 1; page < 1000; page++) {
                    cursor = search.search(campus, firstPage.after(cursor)).next().orElseThrow();
            }
            SearchRequest deep = firstPage.after(cursor);
            long[] p1 = time(300, i -> search.search(campus, firstPage));
            String p1Cpu = cpu();
            long[] p1000 = time(300, i -> search.search(campus, deep));
            System.out.printf(Locale.ROOT, "S4 page 1,000 by search-after: p50 %.2f ms%s vs page 1 p50 %.2f ms%s;"
                    + " ratio %.2f (goal <= 1.5)%n", ms(p(p1000, 50)), cpu(), ms(p(p1, 50)), p1Cpu,
                    (double) p(p1000, 50) / p(p1, 50));
            }
            System.out.println("done (" + load() + ")");
        }
        store.close();
    }

    private static <T> Iterator<T> map(Iterator<T> in, java.util.function.UnaryOperator<T> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public T next() {
                return f.apply(in.next());
            }
        };
    }

    private static List<String> queries(ArchiveStore store, int count) {
        Random rnd = new Random(3);
        List<String> out = new ArrayList<>();
        try (Stream<Description> all = store.all(Level.ITEM)) {
            Iterator<Description> it = all.iterator();
            while (it.hasNext() && out.size() < count) {
                Description d = it.next();
                if (rnd.nextInt(50) != 0) continue;
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\p{IsHan}{4,}")
                        .matcher(d.title().text());
                if (!m.find()) continue;
                String run = m.group();
                String q = run.substring(0, 2);
                out.add(out.size() % 3 == 2 ? "\"" + run.substring(0, 4) + "\"" : q);
            }
        }
        return out;
    }

    /**
     * What the backend does for a top-10 page with totals exact up to {@code threshold}, written with Lucene alone:
     * one weight for both passes; the live matches counted from its scorers up to one past the threshold, keeping
     * which documents they are while there are at most 4,096; then the page (one more than 10) by {@code sort},
     * its collector free to skip from the first full page on, from the kept documents alone when the count kept
     * them, else through each segment's bulk scorer.
     */
    private static Object rawTwoPasses(IndexSearcher searcher, Query query, Sort sort, int threshold) {
        try {
            List<org.apache.lucene.index.LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            TopFieldCollector c = TopFieldCollector.create(sort, 11, null, 11);
            org.apache.lucene.search.Weight w = searcher.createWeight(searcher.rewrite(query), c.scoreMode(), 1f);
            int[][] kept = new int[leaves.size()][];
            int[] sizes = new int[leaves.size()];
            long count = 0;
            for (org.apache.lucene.index.LeafReaderContext leaf : leaves) {
                if (count > threshold) break;
                org.apache.lucene.search.Scorer scorer = w.scorer(leaf);
                if (scorer == null) continue;
                org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
                org.apache.lucene.search.DocIdSetIterator it = scorer.iterator();
                for (int d = it.nextDoc(); d != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS
                        && count <= threshold; d = it.nextDoc()) {
                    if (live != null && !live.get(d)) continue;
                    if (++count <= 4096) {
                        if (kept[leaf.ord] == null) kept[leaf.ord] = new int[16];
                        if (sizes[leaf.ord] == kept[leaf.ord].length) {
                            kept[leaf.ord] = Arrays.copyOf(kept[leaf.ord], 2 * sizes[leaf.ord]);
                        }
                        kept[leaf.ord][sizes[leaf.ord]++] = d;
                    }
                }
            }
            boolean fromKept = count <= threshold && count <= 4096;
            for (org.apache.lucene.index.LeafReaderContext leaf : leaves) {
                if (fromKept && kept[leaf.ord] == null) continue;
                org.apache.lucene.search.LeafCollector lc = c.getLeafCollector(leaf);
                if (!fromKept) {
                    org.apache.lucene.search.BulkScorer bulk = w.bulkScorer(leaf);
                    if (bulk != null) bulk.score(lc, leaf.reader().getLiveDocs());
                } else {
                    org.apache.lucene.search.Scorer scorer = w.scorer(leaf);
                    if (scorer != null) {
                        lc.setScorer(scorer);
                        org.apache.lucene.search.DocIdSetIterator it = scorer.iterator();
                        for (int i = 0; i < sizes[leaf.ord]; i++) {
                            int d = kept[leaf.ord][i];
                            int at = it.docID() < d ? it.advance(d) : it.docID();
                            if (at == org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) break;
                            if (at == d) lc.collect(d);
                        }
                    }
                }
                lc.finish();
            }
            return c.topDocs();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The wall-clock and thread CPU durations (nanoseconds) of one side's timed runs, and each round's p50. */
    private record Timed(long[] wall, long[] cpuTimes, long[] roundP50) {
        long p(int percentile) {
            return SearchBench.p(wall, percentile);
        }

        long cpuP(int percentile) {
            return SearchBench.p(cpuTimes, percentile);
        }

        String cpu() {
            return String.format(Locale.ROOT, " (CPU p50 %.2f ms, p99 %.2f ms)", ms(cpuP(50)), ms(cpuP(99)));
        }

        /** Each round's ratio of p50s, {@code raw / ours}. */
        static String roundRatios(Timed raw, Timed ours) {
            StringBuilder b = new StringBuilder();
            for (int r = 0; r < raw.roundP50.length; r++) {
                if (r > 0) b.append(' ');
                b.append(String.format(Locale.ROOT, "%.2f", (double) raw.roundP50[r] / ours.roundP50[r]));
            }
            return b.toString();
        }
    }

    /**
     * Runs each of {@code ops} {@code perRound} times per round for {@code rounds} rounds, the ops' order rotating
     * by one each round; per op, all durations sorted and each round's p50.
     */
    private static Timed[] interleaved(int rounds, int perRound, Op... ops) {
        long[][] wall = new long[ops.length][rounds * perRound];
        long[][] cpu = new long[ops.length][rounds * perRound];
        long[][] roundP50 = new long[ops.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < ops.length; k++) {
                int o = (k + r) % ops.length;
                long[] round = new long[perRound];
                for (int i = 0; i < perRound; i++) {
                    long c = THREADS.getCurrentThreadCpuTime();
                    long t = System.nanoTime();
                    ops[o].run(r * perRound + i);
                    round[i] = System.nanoTime() - t;
                    cpu[o][r * perRound + i] = THREADS.getCurrentThreadCpuTime() - c;
                    wall[o][r * perRound + i] = round[i];
                }
                Arrays.sort(round);
                roundP50[o][r] = p(round, 50);
            }
        }
        Timed[] out = new Timed[ops.length];
        for (int o = 0; o < ops.length; o++) {
            Arrays.sort(wall[o]);
            Arrays.sort(cpu[o]);
            out[o] = new Timed(wall[o], cpu[o], roundP50[o]);
        }
        return out;
    }

    private interface Op {
        Object run(int i);
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    /** The sorted CPU times (this thread's, nanoseconds) of the last {@link #time} call. */
    private static long[] lastCpu = new long[0];
    /**
     * The mean CPU time per run of the whole process (every thread, garbage collection included) in the last
     * {@link #time} call, nanoseconds: a search that collects on several threads spends CPU outside the measuring
     * thread (the process clock is too coarse to time one run).
     */
    private static long lastProcessCpu;
    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /**
     * Runs {@code op} {@code n} times after n/4 warm-up runs; the sorted durations in nanoseconds (wall clock). The
     * calling thread's CPU time per run goes to {@link #lastCpu}: on a shared machine it moves far less with other
     * processes' load than the wall clock does.
     */
    private static long[] time(int n, Op op) {
        for (int i = 0; i < n / 4; i++) op.run(i);
        long[] out = new long[n];
        long[] cpu = new long[n];
        long pc = OS.getProcessCpuTime();
        for (int i = 0; i < n; i++) {
            long c = THREADS.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            op.run(i);
            out[i] = System.nanoTime() - t;
            cpu[i] = THREADS.getCurrentThreadCpuTime() - c;
        }
        lastProcessCpu = (OS.getProcessCpuTime() - pc) / n;
        Arrays.sort(out);
        Arrays.sort(cpu);
        lastCpu = cpu;
        return out;
    }

    /** " (CPU p50 x ms, p99 y ms; process CPU mean z ms)" of the last {@link #time} call. */
    private static String cpu() {
        return String.format(Locale.ROOT, " (CPU p50 %.2f ms, p99 %.2f ms; process CPU mean %.2f ms)",
                ms(p(lastCpu, 50)), ms(p(lastCpu, 99)), ms(lastProcessCpu));
    }

    /** Whether the part {@code name} (S1 to S4) runs: all unless {@code archivekit.bench.only} lists some. */
    private static boolean runs(String name) {
        String only = System.getProperty("archivekit.bench.only");
        return only == null || Arrays.asList(only.split(",")).contains(name);
    }

    /** The system's load average over the last minute, for the report next to wall-clock figures. */
    private static String load() {
        return String.format(Locale.ROOT, "load average %.2f", OS.getSystemLoadAverage());
    }

    private static long p(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
