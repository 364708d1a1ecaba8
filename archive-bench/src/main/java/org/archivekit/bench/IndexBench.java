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
import org.apache.lucene.index.IndexWriterConfig;
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
        if (args.length > 0 && args[0].equals("child")) {
            child(args[1], Path.of(args[2]), Long.parseLong(args[3]));
            return;
        }
        Path dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean stages = !(args.length > 2 && args[2].equals("no-stages"));
        run(dir, rounds, stages);
    }

    /**
     * Runs I1 on the store in {@code dir}/archive.db: the stages alone in this JVM (when {@code stages}), the raw
     * side's documents exported to a flat file, then {@code rounds} interleaved rounds, each side in a fresh JVM of
     * its own started with this JVM's options; prints everything. Leaves ours' index of the last round in
     * {@code dir}/index; the directory must not be open elsewhere.
     */
    static void run(Path dir, int rounds, boolean stages) throws IOException {
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        int threads = workers();
        Path flat = dir.resolve("i1-raw-docs.bin");
        long records;
        AccessPolicy policy = AccessPolicy.standard();
        ArchiveStore store = SqliteArchiveStore.open(dir.resolve("archive.db"));
        Path scratch = dir.resolve("i1-scratch-index");
        deleteTree(scratch);
        try {
            records = store.countByLevel().values().stream().mapToLong(Long::longValue).sum();
            LuceneSearchBackend backend = backend(scratch);
            try {
                if (stages) stages(store, policy, backend, dir);
                long t = System.nanoTime();
                long n = KEEP_FLAT && Files.exists(flat) ? records : export(store, policy, backend, flat);
                IndexWriterConfig c = backend.bulkWriterConfig();
                System.out.printf(Locale.ROOT, "I1 raw side: %,d Lucene documents exported to a flat file of %,d MB"
                        + " in %.1f s (not timed; each read back equal); both sides' writer: RAM buffer %.0f MB, %s,"
                        + " %s, compound files %s%n", n, Files.size(flat) >> 20, secs(t), c.getRAMBufferSizeMB(),
                        c.getMergePolicy(), c.getMergeScheduler(), c.getUseCompoundFile());
            } finally {
                backend.close();
            }
        } finally {
            store.close();
            deleteTree(scratch);
        }
        System.out.println("I1 rounds: each side in a fresh JVM (" + String.join(" ", jvmOptions()) + ")");
        double[] oursRate = new double[rounds];
        double[] rawRate = new double[rounds];
        double[] ratio = new double[rounds];
        double[] cpuRatio = new double[rounds];
        double[] oursCpu = new double[rounds];
        double[] rawCpu = new double[rounds];
        try {
            for (int r = 0; r < rounds; r++) {
                Run ours = null;
                Run raw = null;
                for (int side = 0; side < 2; side++) {
                    boolean oursNow = (side == 0) == (r % 2 == 0);
                    if (oursNow) ours = fork("ours", dir, records);
                    else raw = fork("raw", dir, records);
                }
                oursRate[r] = ours.count / ours.wall;
                rawRate[r] = raw.count / raw.wall;
                ratio[r] = raw.wall / ours.wall;
                oursCpu[r] = ours.cpu;
                rawCpu[r] = raw.cpu;
                cpuRatio[r] = raw.cpu / ours.cpu;
                System.out.printf(Locale.ROOT, "I1 round %d/%d (%s first): ArchiveKit %s | raw IndexWriter (%d"
                        + " threads) %s | ratio %.2f (CPU ratio %.2f)%n", r + 1, rounds, r % 2 == 0 ? "ours" : "raw",
                        ours, threads, raw, ratio[r], cpuRatio[r]);
                System.out.println("   ours' threads (CPU s): " + ours.threads);
                System.out.println("   raw's threads (CPU s): " + raw.threads);
            }
        } finally {
            if (!KEEP_FLAT) Files.deleteIfExists(flat);
        }
        System.out.printf(Locale.ROOT, "I1 reindex, median of %d interleaved rounds: ArchiveKit %,.0f records/s; raw"
                + " IndexWriter with %d threads %,.0f docs/s; ratio %.2f (goal >= 0.85, >= 10,000/s); CPU s per"
                + " run: ours %.1f, raw %.1f (CPU ratio %.2f)%n", rounds, median(oursRate), threads, median(rawRate),
                median(ratio), median(oursCpu), median(rawCpu), median(cpuRatio));
    }

    private static int workers() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    private static LuceneSearchBackend backend(Path index) {
        LuceneSearchBackend.Builder b = LuceneSearchBackend.builder().directory(index);
        String bulkRam = System.getProperty("archivekit.bench.i1.bulkRamMb");
        if (bulkRam != null) b.bulkRamBufferMb(Double.parseDouble(bulkRam));
        return b.build();
    }

    /** This JVM's options (heap, system properties, flags), passed on to each side's JVM. */
    private static List<String> jvmOptions() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-XX:StartFlightRecording") || a.startsWith("-agentlib") || a.startsWith("-javaagent")) {
                continue; // one recording per side is asked for with archivekit.bench.i1.jvm.SIDE
            }
            out.add(a);
        }
        return out;
    }

    /** Runs one side in a fresh JVM and reads back its figures; its other output is passed through, indented. */
    private static Run fork(String side, Path dir, long records) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions());
        String extra = System.getProperty("archivekit.bench.i1.jvm." + side);
        if (extra != null && !extra.isBlank()) cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), IndexBench.class.getName(), "child", side,
                dir.toString(), Long.toString(records)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Run run = null;
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(RESULT)) run = Run.parse(line.substring(RESULT.length()));
                else System.out.println("   [" + side + "] " + line);
            }
        }
        try {
            int exit = p.waitFor();
            if (exit != 0 || run == null) throw new IllegalStateException(side + " side failed (exit " + exit + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            throw new IOException(e);
        }
        return run;
    }

    private static final String RESULT = "I1-RESULT\t";
    /** Keeps the raw side's flat file after the run and reuses it (for experiments on one store and code). */
    private static final boolean KEEP_FLAT = Boolean.getBoolean("archivekit.bench.i1.keepFlat");

    /** One side in this (fresh) JVM: {@code ours} reindexes into {@code dir}/index, {@code raw} reads the flat file. */
    private static void child(String side, Path dir, long records) throws IOException {
        Run run;
        if (side.equals("ours")) {
            AccessPolicy policy = AccessPolicy.standard();
            ArchiveStore store = SqliteArchiveStore.open(dir.resolve("archive.db"));
            LuceneSearchBackend backend = backend(dir.resolve("index"));
            try (ArchiveSearch search = ArchiveSearch.builder().store(store).policy(policy).backend(backend)
                    .build()) {
                run = ours(search, records);
            }
            store.close();
        } else {
            Path config = dir.resolve("i1-raw-config-index");
            deleteTree(config);
            LuceneSearchBackend backend = backend(config); // for its writer configuration (analyzer, settings)
            try {
                run = raw(dir.resolve("i1-raw-docs.bin"), dir.resolve("raw-index"), backend, workers());
            } finally {
                backend.close();
                deleteTree(config);
            }
            if (run.count != records) throw new IllegalStateException("raw indexed " + run.count + " of " + records);
        }
        System.out.println(RESULT + run.format());
    }

    /** One timed run of a side. */
    private record Run(long count, double wall, double cpu, double gc, double jit, String load, String threads) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f s, %,.0f/s, CPU %.1f s (GC pauses %.1f s, JIT %.1f s), load %s",
                    wall, count / wall, cpu, gc, jit, load);
        }

        String format() {
            return String.join("\t", Long.toString(count), Double.toString(wall), Double.toString(cpu),
                    Double.toString(gc), Double.toString(jit), load, threads);
        }

        static Run parse(String line) {
            String[] f = line.split("\t", -1);
            return new Run(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), f[5], f[6]);
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
        return new Run(n, wall, cpuS, gcS, (jitMillis() - jit) / 1e3, load, threads(perThread,
                String.format(Locale.ROOT, "(%,d progress reports)", calls.get())));
    }

    /**
     * The raw baseline: {@code threads} threads each take the next records of the flat file (a short hand-out under
     * a lock), build Lucene documents of them and add them to a plain {@link IndexWriter} with the backend's bulk
     * configuration, then one commit.
     */
    private static Run raw(Path flat, Path dir, LuceneSearchBackend backend, int threads) throws IOException {
        deleteTree(dir);
        String load = load();
        CpuPoller poller = new CpuPoller();
        long cpu = OS.getProcessCpuTime();
        long gc = gcMillis();
        long jit = jitMillis();
        long main = THREADS.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        AtomicLong count = new AtomicLong();
        List<String> names = FlatDocs.newNames();
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                Files.newInputStream(flat), 1 << 16));
                IndexWriter w = new IndexWriter(FSDirectory.open(dir), backend.bulkWriterConfig())) {
            // as the reindex does: once every thread is out of documents, each flushes buffered segments
            // (IndexWriter.flushNextBuffer) in parallel, so that the final commit has less to write alone
            java.util.concurrent.CountDownLatch drained = new java.util.concurrent.CountDownLatch(threads);
            Runnable add = () -> {
                FlatDocs.Reader reader = new FlatDocs.Reader(names);
                byte[][] batch = new byte[64][];
                try {
                    try {
                        while (true) {
                            int n = 0;
                            synchronized (in) {
                                while (n < batch.length) {
                                    byte[] r = FlatDocs.next(in);
                                    if (r == null) break;
                                    FlatDocs.Reader.register(r, names);
                                    batch[n++] = r;
                                }
                            }
                            if (n == 0) break;
                            for (int i = 0; i < n; i++) w.addDocument(reader.read(batch[i]));
                            count.addAndGet(n);
                        }
                    } finally {
                        drained.countDown();
                    }
                    drained.await();
                    while (w.flushNextBuffer()) {
                        // the next buffered segment, written by this thread
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
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
        double wall = secs(t);
        long mainCpu = THREADS.getCurrentThreadCpuTime() - main;
        double cpuS = (OS.getProcessCpuTime() - cpu) / 1e9;
        Map<String, Double> perThread = poller.stop();
        perThread.merge("calling thread (a writer)", mainCpu / 1e9, Double::sum);
        Run run = new Run(count.get(), wall, cpuS, (gcMillis() - gc) / 1e3, (jitMillis() - jit) / 1e3, load,
                threads(perThread, ""));
        deleteTree(dir);
        return run;
    }

    /** The CPU seconds of each thread, most first. */
    private static String threads(Map<String, Double> perThread, String tail) {
        StringBuilder b = new StringBuilder();
        perThread.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> b.append(String.format(Locale.ROOT, "%s %.1f; ", e.getKey(), e.getValue())));
        return b.append(tail).toString().trim();
    }

    /** Each stage alone on this thread: CPU time and microseconds per record. */
    private static void stages(ArchiveStore store, AccessPolicy policy, LuceneSearchBackend backend, Path dir)
            throws IOException {
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
        sqliteAlone(dir.resolve("archive.db"));

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

        indexingPaths(idocs, ldocs, dir);

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

    /** The store's rows alone, as plain JDBC reads them (the bodies' bytes, no decoding): SQLite's share. */
    private static void sqliteAlone(Path db) {
        long c = THREADS.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        long n = 0;
        try (java.sql.Connection conn = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                java.sql.PreparedStatement ps = conn.prepareStatement("SELECT body FROM description ORDER BY id");
                java.sql.ResultSet rs = ps.executeQuery()) {
            long bytes = 0;
            while (rs.next()) {
                bytes += rs.getBytes(1).length;
                n++;
            }
            if (n > 0 && bytes == 0) throw new IllegalStateException("empty bodies");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        stage("  of which SQLite alone (plain JDBC, body bytes)", n, c, t);
    }

    /**
     * Ours' indexing path against the raw one on this thread, with the same documents, writer settings and no
     * other thread running: the backend's {@code add} (Lucene documents built with the token cache, then
     * {@code addDocument}) against {@code addDocument} of the Lucene documents built beforehand. Each side in a
     * fresh index, rolled back; run twice, the second figures printed (the first warms up both).
     */
    private static void indexingPaths(List<IndexDocument> idocs, List<Document> ldocs, Path dir) throws IOException {
        int n = Math.min(100_000, idocs.size());
        Path tmp = dir.resolve("i1-paths");
        for (int round = 0; round < 2; round++) {
            deleteTree(tmp);
            LuceneSearchBackend ours = backend(tmp.resolve("ours"));
            long c;
            long t;
            try {
                ours.bulk(true);
                c = THREADS.getCurrentThreadCpuTime();
                t = System.nanoTime();
                for (int i = 0; i < n; i += 100) ours.add(idocs.subList(i, Math.min(n, i + 100)));
                if (round == 1) stage("ours' indexing path alone (toDoc + token cache + addDocument)", n, c, t);
            } finally {
                ours.close();
            }
            LuceneSearchBackend config = backend(tmp.resolve("config"));
            try (IndexWriter w = new IndexWriter(FSDirectory.open(tmp.resolve("raw")), config.bulkWriterConfig())) {
                c = THREADS.getCurrentThreadCpuTime();
                t = System.nanoTime();
                for (int i = 0; i < n; i++) w.addDocument(ldocs.get(i));
                if (round == 1) stage("raw addDocument of the same documents, built beforehand", n, c, t);
                w.rollback();
            } finally {
                config.close();
            }
        }
        deleteTree(tmp);
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

    /**
     * Writes the Lucene documents the backend would index to {@code flat}, each read back and checked equal to the
     * backend's document; returns how many.
     */
    static long export(ArchiveStore store, AccessPolicy policy, LuceneSearchBackend backend, Path flat)
            throws IOException {
        Documents documents = new Documents(policy);
        Map<DescriptionId, Documents.Inherited> inherited = new HashMap<>();
        Map<DescriptionId, Description> upper = upper(store);
        long[] n = {0};
        List<String> names = FlatDocs.newNames();
        FlatDocs.Reader check = new FlatDocs.Reader(names);
        java.io.ByteArrayOutputStream one = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(flat), 1 << 16)); Stream<Description> all = store.all(null)) {
            java.io.DataOutputStream oneOut = new java.io.DataOutputStream(one);
            FlatDocs.Writer writer = new FlatDocs.Writer(oneOut);
            for (Description d : (Iterable<Description>) all::iterator) {
                Document doc = backend.luceneDocument(documents.of(inherit(d, store, documents, inherited, upper), d));
                one.reset();
                writer.write(doc);
                oneOut.flush();
                byte[] bytes = one.toByteArray();
                byte[] record = Arrays.copyOfRange(bytes, 4, bytes.length);
                FlatDocs.Reader.register(record, names);
                if (!FlatDocs.same(doc, check.read(record))) {
                    throw new IllegalStateException("the flat form of " + d.id() + " reads back different");
                }
                out.write(bytes);
                n[0]++;
            }
        }
        return n[0];
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
