package org.archivekit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.store.FSDirectory;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Level;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.store.SqliteArchiveStore;
import org.archivekit.search.ArchiveSearch;
import org.archivekit.search.internal.Documents;
import org.archivekit.search.lucene.LuceneSearchBackend;
import org.archivekit.search.spi.IndexDocument;

/**
 * I1 of the search issue: {@code ArchiveSearch.reindex} from the store vs a raw {@link IndexWriter} adding the
 * identical Lucene documents (built beforehand, in memory) with the backend's own writer configuration and as many
 * threads. Made to be read on a shared machine:
 *
 * <ul>
 *   <li>rounds interleave the two sides (ours first in odd rounds, raw first in even ones), each round printed with
 *       the load average, wall time, rate, process CPU time and GC time of both sides, and its own ratio; the
 *       summary gives the medians;</li>
 *   <li>the CPU time of the reindex's threads (reader, workers, Lucene's merge threads) is polled while it runs;</li>
 *   <li>the stages are also measured alone, on one thread, as CPU time per record: reading and decoding the store,
 *       building the {@link IndexDocument}s, turning them into Lucene documents, and analysing every field.</li>
 * </ul>
 *
 * <p>Alone: {@code IndexBench DIR [ROUNDS]} with a store built by {@code SearchBench N import-only} in
 * {@code DIR/archive.db}; {@link SearchBench} runs it as its I1.
 */
public final class IndexBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private IndexBench() {}

    /** Runs I1 alone on the store in {@code args[0]}/archive.db; {@code args[1]} rounds (default 3). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean stages = !(args.length > 2 && args[2].equals("no-stages"));
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        AccessPolicy policy = AccessPolicy.standard();
        ArchiveStore store = SqliteArchiveStore.open(dir.resolve("archive.db"));
        LuceneSearchBackend.Builder b = LuceneSearchBackend.builder().directory(dir.resolve("index"));
        String bulkRam = System.getProperty("archivekit.bench.i1.bulkRamMb");
        if (bulkRam != null) b.bulkRamBufferMb(Double.parseDouble(bulkRam));
        LuceneSearchBackend backend = b.build();
        try (ArchiveSearch search = ArchiveSearch.builder().store(store).policy(policy).backend(backend).build()) {
            run(store, policy, backend, search, dir, rounds, stages);
        }
        store.close();
    }

    /** Runs I1: the stages alone (when {@code stages}), then {@code rounds} interleaved rounds; prints everything. */
    static void run(ArchiveStore store, AccessPolicy policy, LuceneSearchBackend backend, ArchiveSearch search,
            Path dir, int rounds, boolean stages) throws IOException {
        long records = store.countByLevel().values().stream().mapToLong(Long::longValue).sum();
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        if (stages) stages(store, policy, backend);
        long t = System.nanoTime();
        List<Document> docs = luceneDocuments(store, policy, backend);
        System.out.printf(Locale.ROOT, "I1 raw side: %,d Lucene documents built ahead in %.1f s (not timed); both"
                + " sides' writer: RAM buffer %.0f MB, %s, %s%n", docs.size(), secs(t),
                backend.bulkWriterConfig().getRAMBufferSizeMB(), backend.bulkWriterConfig().getMergePolicy()
                        .getClass().getSimpleName(), backend.bulkWriterConfig().getMergeScheduler().getClass()
                        .getSimpleName());
        double[] oursRate = new double[rounds];
        double[] rawRate = new double[rounds];
        double[] ratio = new double[rounds];
        double[] cpuRatio = new double[rounds];
        double[] oursCpu = new double[rounds];
        double[] rawCpu = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            Run ours = null;
            Run raw = null;
            for (int side = 0; side < 2; side++) {
                boolean oursNow = (side == 0) == (r % 2 == 0);
                if (oursNow) ours = ours(search, records);
                else raw = raw(docs, dir.resolve("raw-index"), backend, threads);
            }
            oursRate[r] = ours.count / ours.wall;
            rawRate[r] = raw.count / raw.wall;
            ratio[r] = raw.wall / ours.wall;
            oursCpu[r] = ours.cpu;
            rawCpu[r] = raw.cpu;
            cpuRatio[r] = raw.cpu / ours.cpu;
            System.out.printf(Locale.ROOT, "I1 round %d/%d (%s first): ArchiveKit %s | raw IndexWriter (%d threads) %s"
                    + " | ratio %.2f (CPU ratio %.2f)%n", r + 1, rounds, r % 2 == 0 ? "ours" : "raw", ours, threads,
                    raw, ratio[r], cpuRatio[r]);
            System.out.println("   ours' threads (CPU s): " + ours.threads);
        }
        System.out.printf(Locale.ROOT, "I1 reindex, median of %d interleaved rounds: ArchiveKit %,.0f records/s; raw"
                + " IndexWriter with %d threads %,.0f docs/s; ratio %.2f (goal >= 0.85, >= 10,000/s); CPU s per"
                + " run: ours %.1f, raw %.1f (CPU ratio %.2f)%n", rounds, median(oursRate), threads, median(rawRate),
                median(ratio), median(oursCpu), median(rawCpu), median(cpuRatio));
    }

    /** One timed run of a side. */
    private record Run(long count, double wall, double cpu, double gc, double jit, String load, String threads) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f s, %,.0f/s, CPU %.1f s (GC pauses %.1f s, JIT %.1f s), load %s",
                    wall, count / wall, cpu, gc, jit, load);
        }
    }

    private static long jitMillis() {
        java.lang.management.CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
    }

    private static Run ours(ArchiveSearch search, long records) {
        String load = load();
        AtomicLong calls = new AtomicLong();
        AtomicLong last = new AtomicLong(-1);
        AtomicLong backwards = new AtomicLong();
        CpuPoller poller = new CpuPoller();
        long cpu = OS.getProcessCpuTime();
        long gc = gcMillis();
        long jit = jitMillis();
        long main = THREADS.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        long n = search.reindex(p -> {
            calls.incrementAndGet();
            if (p < last.getAndSet(p)) backwards.incrementAndGet();
        });
        double wall = secs(t);
        long mainCpu = THREADS.getCurrentThreadCpuTime() - main;
        double cpuS = (OS.getProcessCpuTime() - cpu) / 1e9;
        double gcS = (gcMillis() - gc) / 1e3;
        Map<String, Double> perThread = poller.stop();
        perThread.merge("calling thread (a worker)", mainCpu / 1e9, Double::sum);
        if (n != records || last.get() != n || backwards.get() != 0) {
            throw new IllegalStateException("reindex indexed " + n + " of " + records + " records; last progress "
                    + last.get() + ", " + backwards.get() + " backwards");
        }
        StringBuilder b = new StringBuilder();
        perThread.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> b.append(String.format(Locale.ROOT, "%s %.1f; ", e.getKey(), e.getValue())));
        b.append(String.format(Locale.ROOT, "(%,d progress reports)", calls.get()));
        return new Run(n, wall, cpuS, gcS, (jitMillis() - jit) / 1e3, load, b.toString());
    }

    private static Run raw(List<Document> docs, Path dir, LuceneSearchBackend backend, int threads)
            throws IOException {
        deleteTree(dir);
        String load = load();
        long cpu = OS.getProcessCpuTime();
        long gc = gcMillis();
        long jit = jitMillis();
        long t = System.nanoTime();
        try (IndexWriter w = new IndexWriter(FSDirectory.open(dir), backend.bulkWriterConfig())) {
            AtomicInteger next = new AtomicInteger();
            Runnable add = () -> {
                try {
                    for (int i = next.getAndIncrement(); i < docs.size(); i = next.getAndIncrement()) {
                        w.addDocument(docs.get(i));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            List<Thread> helpers = new ArrayList<>();
            for (int i = 1; i < threads; i++) {
                Thread th = new Thread(add, "raw-writer-" + i);
                th.start();
                helpers.add(th);
            }
            add.run();
            for (Thread th : helpers) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            w.commit();
        }
        Run run = new Run(docs.size(), secs(t), (OS.getProcessCpuTime() - cpu) / 1e9, (gcMillis() - gc) / 1e3,
                (jitMillis() - jit) / 1e3, load, "");
        deleteTree(dir);
        return run;
    }

    /** Each stage alone on this thread: CPU time and microseconds per record. */
    private static void stages(ArchiveStore store, AccessPolicy policy, LuceneSearchBackend backend) {
        // warm up once over a slice, so the first stage does not pay for class loading and JIT alone
        try (Stream<Description> all = store.all(null)) {
            all.limit(20_000).forEach(d -> { });
        }
        long c = THREADS.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        long[] n = {0};
        try (Stream<Description> all = store.all(null)) {
            all.forEach(d -> n[0]++);
        }
        stage("read and decode the store (SQLite rows, JSON bodies)", n[0], c, t);

        Documents documents = new Documents(policy);
        List<Description> sample = new ArrayList<>();
        Map<DescriptionId, Documents.Inherited> inherited = new HashMap<>();
        Map<DescriptionId, Description> upper = upper(store);
        c = THREADS.getCurrentThreadCpuTime();
        t = System.nanoTime();
        n[0] = 0;
        try (Stream<Description> all = store.all(null)) {
            all.forEach(d -> {
                documents.of(inherit(d, store, documents, inherited, upper), d);
                n[0]++;
                if (sample.size() < 200_000) sample.add(d);
            });
        }
        stage("read + build IndexDocuments (inheritance, checksum, access)", n[0], c, t);

        List<IndexDocument> idocs = new ArrayList<>(sample.size());
        c = THREADS.getCurrentThreadCpuTime();
        t = System.nanoTime();
        for (Description d : sample) idocs.add(documents.of(inherit(d, store, documents, inherited, upper), d));
        stage("build IndexDocuments alone", idocs.size(), c, t);

        List<Document> ldocs = new ArrayList<>(idocs.size());
        c = THREADS.getCurrentThreadCpuTime();
        t = System.nanoTime();
        for (IndexDocument d : idocs) ldocs.add(backend.luceneDocument(d));
        stage("IndexDocument -> Lucene Document (incl. collation keys)", ldocs.size(), c, t);

        Analyzer analyzer = backend.analyzer();
        c = THREADS.getCurrentThreadCpuTime();
        t = System.nanoTime();
        long tokens = 0;
        Map<String, long[]> perField = new LinkedHashMap<>();
        try {
            for (Document d : ldocs) {
                for (IndexableField f : d.getFields()) {
                    if (!f.fieldType().tokenized()
                            || f.fieldType().indexOptions() == org.apache.lucene.index.IndexOptions.NONE) continue;
                    long f0 = System.nanoTime();
                    long k = 0;
                    try (TokenStream s = f.tokenStream(analyzer, null)) {
                        if (s == null) continue;
                        s.reset();
                        while (s.incrementToken()) k++;
                        s.end();
                    }
                    long[] acc = perField.computeIfAbsent(f.name(), x -> new long[2]);
                    acc[0] += System.nanoTime() - f0;
                    acc[1] += k;
                    tokens += k;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stage("analysis of every tokenized field (" + String.format(Locale.ROOT, "%.1f", (double) tokens
                / ldocs.size()) + " tokens/doc)", ldocs.size(), c, t);
        StringBuilder b = new StringBuilder("   analysis by field (µs/doc, tokens/doc):");
        int docsN = ldocs.size();
        perField.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0])
                .reversed()).forEach(e -> b.append(String.format(Locale.ROOT, " %s %.1f (%.1f);", e.getKey(),
                        e.getValue()[0] / 1e3 / docsN, (double) e.getValue()[1] / docsN)));
        System.out.println(b);
    }

    /** Records above item level by id (a small share of an archive), so inheritance needs no store look-ups. */
    private static Map<DescriptionId, Description> upper(ArchiveStore store) {
        Map<DescriptionId, Description> upper = new HashMap<>();
        for (Level level : Level.values()) {
            if (level == Level.ITEM) continue;
            try (Stream<Description> s = store.all(level)) {
                s.forEach(d -> upper.put(d.id(), d));
            }
        }
        return upper;
    }

    /** What {@code d}'s parent passes on, computed once per parent. */
    private static Documents.Inherited inherit(Description d, ArchiveStore store, Documents documents,
            Map<DescriptionId, Documents.Inherited> inherited, Map<DescriptionId, Description> upper) {
        if (d.parent() == null) return null;
        Documents.Inherited up = inherited.get(d.parent());
        if (up == null) {
            Description p = upper.get(d.parent());
            if (p == null) p = store.find(d.parent()).orElseThrow(); // a parent at item level
            up = documents.inherit(inherit(p, store, documents, inherited, upper), p);
            inherited.put(d.parent(), up);
        }
        return up;
    }

    private static void stage(String what, long n, long cpuStart, long wallStart) {
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf(Locale.ROOT, "I1 stage: %-58s %,9d records  CPU %6.2f s = %7.1f µs/record (wall %.2f s)%n",
                what, n, cpu, cpu * 1e6 / n, secs(wallStart));
    }

    /** The Lucene documents the backend would index, built ahead so the raw writer only indexes. */
    static List<Document> luceneDocuments(ArchiveStore store, AccessPolicy policy, LuceneSearchBackend backend) {
        Documents documents = new Documents(policy);
        Map<DescriptionId, Documents.Inherited> inherited = new HashMap<>();
        Map<DescriptionId, Description> upper = upper(store);
        List<Document> out = new ArrayList<>();
        try (Stream<Description> all = store.all(null)) {
            all.forEach(d -> out.add(backend.luceneDocument(documents.of(inherit(d, store, documents, inherited, upper),
                    d))));
        }
        return out;
    }

    /** Polls the CPU time of every live thread (no stacks) until stopped; the last figure per thread name. */
    private static final class CpuPoller {
        private final Map<Long, String> names = new HashMap<>();
        private final Map<Long, Long> cpu = new HashMap<>();
        private final Map<Long, Long> start = new HashMap<>();
        private volatile boolean stop;
        private final Thread thread;

        CpuPoller() {
            poll(true);
            thread = new Thread(() -> {
                while (!stop) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                    poll(false);
                }
            }, "bench-cpu-poller");
            thread.setDaemon(true);
            thread.start();
        }

        private synchronized void poll(boolean first) {
            long[] ids = THREADS.getAllThreadIds();
            ThreadInfo[] infos = THREADS.getThreadInfo(ids, 0);
            for (int i = 0; i < ids.length; i++) {
                if (infos[i] == null) continue;
                long c = THREADS.getThreadCpuTime(ids[i]);
                if (c < 0) continue;
                if (first) start.put(ids[i], c);
                else start.putIfAbsent(ids[i], 0L);
                names.put(ids[i], infos[i].getThreadName());
                cpu.put(ids[i], c);
            }
        }

        Map<String, Double> stop() {
            stop = true;
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Map<String, Double> out = new HashMap<>();
            synchronized (this) {
                for (Map.Entry<Long, Long> e : cpu.entrySet()) {
                    String name = names.get(e.getKey());
                    if (name.equals(Thread.currentThread().getName()) || name.equals("bench-cpu-poller")) continue;
                    double s = (e.getValue() - start.get(e.getKey())) / 1e9;
                    if (s < 0.05) continue;
                    out.merge(name.replaceAll("#?\\d+$", "N"), s, Double::sum);
                }
            }
            return out;
        }
    }

    private static String load() {
        double l = OS.getSystemLoadAverage();
        return String.format(Locale.ROOT, "%.2f", l);
    }

    private static long gcMillis() {
        long s = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) s += Math.max(0,
                b.getCollectionTime());
        return s;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
