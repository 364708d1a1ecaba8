package org.archivekit.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.archivekit.core.Archive;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.core.store.SqliteArchiveStore;
import org.archivekit.share.ead.EadExporter;
import org.archivekit.share.ead.EadImportResult;
import org.archivekit.share.ead.EadImporter;

/**
 * E1: EAD3 export of generated archives streamed from a SQLite store, against a raw {@link XMLStreamWriter} writing
 * the same strings in the same run, with the peak heap measured after each garbage collection; then the import
 * of a generated EAD3 file (and optionally of a corpus file) with its time and peak heap.
 *
 * <p>Run (the sizes are item counts; fonds, series and files come on top):
 * <pre>{@code
 * mvn -q -B -pl archive-bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx256m -cp archive-bench/target/archive-bench-0.1.0-SNAPSHOT.jar:$(cat archive-bench/target/cp.txt) \
 *     org.archivekit.bench.Ead3ExportBenchmark 10000 100000 1000000
 * }</pre>
 * Goals (issue 5): at least 50,000 components/s, at least 0.6× the raw writer, and the peak post-GC heap at 1M
 * at most 1.2× the one at 10k. The raw writer of the ratio replays exactly the elements, attributes and text of the
 * export (recorded from it untimed, replayed in chunks) on a bare JDK {@link XMLStreamWriter}; the older baseline
 * writing a subset of each record's strings straight from the generator is printed alongside. Rates are given by
 * wall clock and by CPU time: for the export the whole process's (it reads, decodes and checks access on a second
 * thread while the calling thread writes, so one thread's CPU would flatter it; garbage collection is included),
 * for the raw writer its thread's. A second table breaks the export's CPU down by stage (store rows, decoding,
 * access decisions, writing), each stage run alone on one thread, and prints the load average next to the figures. The import part times a
 * generated EAD3 of exactly 100,000 components. A last argument naming an EAD file also times its import; {@code --memory} uses the
 * in-memory store instead of SQLite (small sizes only: it holds every record on the heap).
 */
public final class Ead3ExportBenchmark {
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();
    private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();
    private static boolean memory;
    /** Whether the store keeps EAD3 renditions (the default) or every record is rendered live ({@code --live}). */
    private static boolean renditions = true;
    /** Whether to leave out the import timings ({@code --export-only}). */
    private static boolean exportOnly;
    /** Components each side (export, raw replay) writes before measuring, for the JIT. */
    private static final long WARM_COMPONENTS = 400_000;
    /** What the last size's warm-up was. */
    private static String warmUp = "";
    /** Each size's warm-up, printed after the tables. */
    private static final List<String> WARM_UPS = new ArrayList<>();
    /** Each size's measured rounds and their ratios, printed after the tables. */
    private static final List<String> ROUNDS = new ArrayList<>();

    private Ead3ExportBenchmark() {}

    /** Runs E1 for each size given (default 10,000 and 100,000 items). */
    public static void main(String[] args) throws Exception {
        watchGc();
        List<Long> sizes = new ArrayList<>();
        Path corpusFile = null;
        for (String a : args) {
            if (a.matches("\\d+")) sizes.add(Long.parseLong(a));
            else if (a.equals("--memory")) memory = true;
            else if (a.equals("--live")) renditions = false;
            else if (a.equals("--export-only")) exportOnly = true;
            else corpusFile = Path.of(a);
        }
        if (sizes.isEmpty()) sizes = List.of(10_000L, 100_000L);
        System.out.printf("E1 EAD3 export from the %s store, %s, max heap %d MB%n", memory ? "in-memory" : "SQLite",
                renditions ? "stored EAD3 renditions written at load and copied" : "every record rendered live",
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("| items | components | load s (records/s) | ArchiveKit comp/s (wall / CPU of its two threads / CPU all"
                + " threads) | raw, same output comp/s (wall / CPU) | ratio wall | ratio CPU (two threads / all) |"
                + " raw, subset comp/s (wall) | peak post-GC heap MB | import of its largest fonds as EAD3 |"
                + " load average |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        List<String> stages = new ArrayList<>();
        for (long n : sizes) stages.add(run(n));
        System.out.println();
        System.out.println("Per-component CPU by stage, microseconds, each stage alone on one thread (the export"
                + " overlaps the walk with the writing on two threads; its CPU is of all threads, GC included)."
                + " Store read: the store's document-order stream alone (" + (renditions ? "rows, rendition bytes and"
                + " access facts decoded; whole bodies decoded only for records without a current rendition"
                : "rows and whole bodies decoded") + "); decode: of whole bodies alone, for comparison; access:"
                + " the walk's access decisions (walk - store read); writing: export CPU - walk:");
        System.out.println("| items | store read | (whole-body decode alone) | access | walk (read+access) | writing"
                + " (export CPU - walk) | export CPU, all threads | export wall | raw writer, same output |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String line : stages) System.out.println(line);
        System.out.println();
        System.out.println("Warm-up before measuring, the same for both sides (export and raw replay, each on the same"
                + " fonds, so the JIT has compiled both): " + String.join("; ", WARM_UPS));
        System.out.println();
        System.out.println("Measured rounds (each: the export, then the raw replay of the same output; the tables give"
                + " each side's median): " + String.join("; ", ROUNDS));
        if (exportOnly) return;
        System.out.println();
        System.out.println("Import of a generated EAD3 of exactly 100,000 components (plus the archdesc): "
                + importGenerated(100_000));
        if (corpusFile != null) importFile(corpusFile);
    }

    private static String run(long items) throws Exception {
        Path dir = Files.createTempDirectory("e1-");
        try {
            SampleArchive sample = SampleArchive.builder().items(items).seed(5).build();
            Principal admin = Principal.admin("bench");
            long t0 = System.nanoTime();
            ArchiveStore store = memory ? new InMemoryArchiveStore() : SqliteArchiveStore.open(dir.resolve("a.db"));
            if (renditions) org.archivekit.share.ead.Ead3Renditions.register(store);
            try (Archive archive = Archive.builder().store(store).build()) {
                archive.putInstitution(admin, sample.institution());
                archive.importAll(admin, sample.iterator());
                double load = (System.nanoTime() - t0) / 1e9;
                List<RecordView> fonds = archive.fonds(admin, sample.institution().code());
                EadExporter exporter = EadExporter.builder().build();
                // warm-up (the JIT) on fonds of about 30,000 components, then measure the whole archive
                List<RecordView> warm = new ArrayList<>();
                long warmComponents = 0;
                for (RecordView f : fonds) {
                    if (warmComponents > 30_000) break;
                    warm.add(f);
                    try (Stream<?> below = archive.store().descendants(f.description().id())) {
                        warmComponents += 1 + below.count();
                    }
                }
                // the same warm-up for both sides: each writes the warm fonds' components
                // the same number of times, at least WARM_COMPONENTS components in all
                int rounds = (int) Math.max(2, (WARM_COMPONENTS + warmComponents - 1) / warmComponents);
                for (int i = 0; i < rounds; i++) {
                    exportAll(exporter, archive, admin, warm);
                    replayAll(exporter, archive, admin, warm, dir);
                }
                rawAll(sample);
                warmUp = String.format("%d rounds over %,d components (%,d each side)", rounds, warmComponents,
                        rounds * warmComponents);
                System.gc();
                PEAK_AFTER_GC.set(0);
                double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                // interleaved rounds (export, then the raw replay of the same output), at least three and at least
                // about a million components each side, so one pause or one late compilation cannot decide a size;
                // the medians of each side are compared, and every round's ratio is printed
                int measured = (int) Math.min(25, Math.max(3, (1_000_000 + warmComponents) / Math.max(1,
                        countComponents(archive, fonds))));
                double[] oursWall = new double[measured];
                double[] oursCpuAll = new double[measured];
                double[] oursTwo = new double[measured];
                double[] rawWall = new double[measured];
                double[] rawCpu = new double[measured];
                long components = 0;
                StringBuilder perRound = new StringBuilder();
                for (int round = 0; round < measured; round++) {
                    WalkerCpu walkers = new WalkerCpu();
                    long a0 = System.nanoTime();
                    long c0 = processCpu();
                    long own0 = cpu();
                    components = exportAll(exporter, archive, admin, fonds);
                    oursWall[round] = (System.nanoTime() - a0) / 1e9;
                    oursCpuAll[round] = (processCpu() - c0) / 1e9;
                    oursTwo[round] = (cpu() - own0 + walkers.stop()) / 1e9;
                    Replay same = replayAll(exporter, archive, admin, fonds, dir);
                    if (same.components != components) {
                        throw new IllegalStateException("replay wrote " + same.components + ", export " + components);
                    }
                    rawWall[round] = same.wallSeconds;
                    rawCpu[round] = same.cpuSeconds;
                    perRound.append(round == 0 ? "" : ", ").append(String.format("%.2f", rawWall[round] / oursWall[round]));
                }
                long peak = PEAK_AFTER_GC.get();
                double ours = median(oursWall);
                double oursCpu = median(oursCpuAll);
                double twoThreads = median(oursTwo);
                Replay same = new Replay(components, median(rawWall), median(rawCpu));
                ROUNDS.add(String.format("%,d items: %d rounds, ratio wall per round %s", items, measured, perRound));
                long r0 = System.nanoTime();
                long raw = rawAll(sample);
                double rawSeconds = (System.nanoTime() - r0) / 1e9;
                if (raw != components) throw new IllegalStateException("raw wrote " + raw + ", export " + components);
                Stages st = stages(archive, admin, fonds, components);
                loadAverage = Math.max(loadAverage, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                String importFigure = exportOnly ? "–" : importLargest(archive, admin, fonds, dir);
                System.out.printf("| %,d | %,d | %.1f (%,.0f) | %,.0f / %,.0f / %,.0f | %,.0f / %,.0f | %.2f | %.2f / %.2f | %,.0f |"
                        + " %.1f | %s | %.1f |%n", items, components, load, components / load, components / ours, components / twoThreads,
                        components / oursCpu, components / same.wallSeconds, components / same.cpuSeconds,
                        same.wallSeconds / ours, same.cpuSeconds / twoThreads, same.cpuSeconds / oursCpu,
                        raw / rawSeconds, peak / 1048576.0, importFigure, loadAverage);
                WARM_UPS.add(String.format("%,d items: %s", items, warmUp));
                double us = 1e6 / components;
                return String.format("| %,d | %.2f | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |", items,
                        st.read, memory ? "–" : String.format("%.2f", st.decode), st.access, st.walk,
                        oursCpu * us - st.walk, oursCpu * us, ours * us, same.cpuSeconds * us);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The components of {@code fonds}: each fonds and its descendants. */
    private static long countComponents(Archive archive, List<RecordView> fonds) {
        long n = 0;
        for (RecordView f : fonds) {
            try (Stream<?> below = archive.store().descendants(f.description().id())) {
                n += 1 + below.count();
            }
        }
        return n;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static long exportAll(EadExporter exporter, Archive archive, Principal caller, List<RecordView> fonds) {
        long n = 0;
        for (RecordView f : fonds) {
            n += exporter.export(archive, caller, f.description().id(), OutputStream.nullOutputStream());
        }
        return n;
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * The CPU time of the export's walking threads ({@code archivekit-walk-*}, one per exported fonds), polled every
     * 5 ms while the export runs, as a thread's CPU time can be read only while it lives: each one's last reading
     * counts, so up to 5 ms per fonds may be missed (a fraction of a percent of a measured export).
     */
    private static final class WalkerCpu {
        private final java.util.Map<Long, Long> last = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile boolean running = true;
        private final Thread poller;

        WalkerCpu() {
            poller = new Thread(() -> {
                java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                ThreadGroup root = Thread.currentThread().getThreadGroup();
                while (root.getParent() != null) root = root.getParent();
                Thread[] threads = new Thread[256];
                while (running) {
                    // enumerating threads needs no safepoint (Thread.getAllStackTraces would stop the export each time)
                    int n = root.enumerate(threads, true);
                    for (int i = 0; i < n; i++) {
                        Thread t = threads[i];
                        if (!t.getName().startsWith("archivekit-walk-")) continue;
                        long c = mx.getThreadCpuTime(t.getId());
                        if (c > 0) last.merge(t.getId(), c, Math::max);
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "e1-walker-cpu");
            poller.setDaemon(true);
            poller.start();
        }

        /** Stops polling; the walkers' CPU nanoseconds. */
        long stop() throws InterruptedException {
            running = false;
            poller.join();
            return last.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** CPU time of the whole process: the export's two threads, and its garbage collection. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Per-component CPU microseconds of the export's stages, each run alone on this thread. */
    private record Stages(double read, double decode, double access, double walk) {}

    /**
     * The stages one by one: the store's pre-order read with decoding (its rows and their JSON), the decoding of
     * the same bodies alone (from bytes as the store writes them), and the access-checked walk (read, decode and
     * access decisions) with a visitor that does nothing.
     */
    private static Stages stages(Archive archive, Principal admin, List<RecordView> fonds, long components) {
        long c0 = cpu();
        long read = 0;
        for (RecordView f : fonds) {
            try (Stream<?> s = renditions ? archive.store().renderedSubtree(f.description().id(),
                    org.archivekit.share.ead.Ead3Renditions.FORMAT, org.archivekit.share.ead.Ead3Renditions.FORMAT_VERSION)
                    : archive.store().subtree(f.description().id())) {
                read += s.count();
            }
        }
        double storeRead = (cpu() - c0) / 1e3 / read;
        double decode = 0;
        if (!memory) {
            // the bodies of the first fonds (at most 50,000), encoded as the store encodes them, then decoded
            List<byte[]> bodies = new ArrayList<>();
            try (Stream<org.archivekit.core.spi.TreeEntry> s = archive.store().subtree(fonds.get(0).description().id())) {
                s.limit(50_000).forEach(e -> {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1024);
                    org.archivekit.core.json.ArchiveJson.write(e.description(), out);
                    bodies.add(out.toByteArray());
                });
            }
            long sink = 0;
            for (int round = 0; round < 2; round++) { // the first round warms up
                c0 = cpu();
                for (byte[] b : bodies) {
                    sink += org.archivekit.core.internal.json.JsonCodec.readStoredDescription(b).sequence();
                }
                decode = (cpu() - c0) / 1e3 / bodies.size();
            }
            if (sink == Long.MIN_VALUE) System.out.print(""); // keeps the decoding from being optimized away
        }
        c0 = cpu();
        long walked = 0;
        for (RecordView f : fonds) {
            walked += org.archivekit.share.internal.VisibleTree.walk(archive, admin, f.description().id(),
                    new org.archivekit.share.internal.VisibleTree.Visitor<RuntimeException>() {
                        @Override
                        public void enter(Description record, int depth) {}

                        @Override
                        public void enter(Description record, int depth, byte[] rendition) {}

                        @Override
                        public void exit(Description record, int depth) {}
                    }, renditions ? org.archivekit.share.ead.Ead3Renditions.FORMAT : null,
                    org.archivekit.share.ead.Ead3Renditions.FORMAT_VERSION);
        }
        double walk = (cpu() - c0) / 1e3 / walked;
        if (walked != components) throw new IllegalStateException("walked " + walked + ", exported " + components);
        return new Stages(storeRead, memory ? 0 : decode, walk - storeRead, walk);
    }

    /** What a replay took: components written, wall and CPU seconds of the writing alone. */
    private record Replay(long components, double wallSeconds, double cpuSeconds) {}

    /**
     * The raw baseline writing the same output: each fonds is exported once more (untimed) to a file, whose
     * elements, attributes and text are then read back in chunks (untimed) and written by a bare JDK
     * {@link XMLStreamWriter} (timed): the same strings, in the same order, with no store, no model and no access
     * checks. Memory holds one chunk.
     */
    private static Replay replayAll(EadExporter exporter, Archive archive, Principal caller, List<RecordView> fonds,
            Path dir) throws IOException, XMLStreamException {
        long n = 0;
        long wall = 0;
        long cpuNanos = 0;
        Path file = dir.resolve("replay.xml");
        javax.xml.stream.XMLInputFactory in = javax.xml.stream.XMLInputFactory.newDefaultFactory();
        in.setProperty(javax.xml.stream.XMLInputFactory.IS_COALESCING, true);
        in.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);
        for (RecordView f : fonds) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                exporter.export(archive, caller, f.description().id(), out);
            }
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(OutputStream.nullOutputStream(), "UTF-8");
            try (java.io.InputStream is = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                javax.xml.stream.XMLStreamReader r = in.createXMLStreamReader(is);
                List<Object> ops = new ArrayList<>(CHUNK);
                boolean more = true;
                while (more) {
                    ops.clear();
                    while (ops.size() < CHUNK && (more = r.hasNext())) {
                        int e = r.next();
                        if (e == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
                            String[] el = new String[1 + 2 * r.getAttributeCount() + 2 * r.getNamespaceCount()];
                            el[0] = r.getLocalName();
                            int k = 1;
                            for (int i = 0; i < r.getNamespaceCount(); i++) {
                                el[k++] = "xmlns" + (r.getNamespacePrefix(i) == null ? "" : ":" + r.getNamespacePrefix(i));
                                el[k++] = r.getNamespaceURI(i);
                            }
                            for (int i = 0; i < r.getAttributeCount(); i++) {
                                String prefix = r.getAttributePrefix(i);
                                el[k++] = prefix == null || prefix.isEmpty() ? r.getAttributeLocalName(i)
                                        : prefix + ":" + r.getAttributeLocalName(i);
                                el[k++] = r.getAttributeValue(i);
                            }
                            ops.add(el);
                        } else if (e == javax.xml.stream.XMLStreamConstants.CHARACTERS) {
                            ops.add(r.getText());
                        } else if (e == javax.xml.stream.XMLStreamConstants.END_ELEMENT) {
                            ops.add(END);
                        }
                    }
                    long t0 = System.nanoTime();
                    long c0 = cpu();
                    for (Object op : ops) {
                        if (op == END) {
                            w.writeEndElement();
                        } else if (op instanceof String text) {
                            w.writeCharacters(text);
                        } else {
                            String[] el = (String[]) op;
                            w.writeStartElement(el[0]);
                            for (int i = 1; i < el.length; i += 2) w.writeAttribute(el[i], el[i + 1]);
                            if (el[0].equals("c") || el[0].equals("archdesc")) n++;
                        }
                    }
                    cpuNanos += cpu() - c0;
                    wall += System.nanoTime() - t0;
                }
                r.close();
            }
            w.writeEndDocument();
            w.close();
        }
        return new Replay(n, wall / 1e9, cpuNanos / 1e9);
    }

    private static final int CHUNK = 50_000;
    private static final String END = new String("end"); // compared by identity

    /** A generated EAD3 of exactly {@code components} {@code c} elements, imported into a fresh SQLite store. */
    private static String importGenerated(int components) throws IOException, XMLStreamException {
        Path dir = Files.createTempDirectory("e1-gen-");
        try {
            Path file = dir.resolve("generated-" + components + ".xml");
            int series = 100;
            int files = components / series - 1;
            if ((files + 1) * series != components) throw new IllegalArgumentException("a multiple of 100 please");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
                String ns = "http://ead3.archivists.org/schema/";
                w.writeStartDocument("UTF-8", "1.0");
                w.setDefaultNamespace(ns);
                w.writeStartElement(ns, "ead");
                w.writeDefaultNamespace(ns);
                w.writeStartElement("control");
                text(w, "recordid", "GEN-" + components);
                w.writeStartElement("filedesc");
                w.writeStartElement("titlestmt");
                text(w, "titleproper", "Generated finding aid 生成的目录");
                w.writeEndElement();
                w.writeEndElement();
                w.writeEndElement();
                w.writeStartElement("archdesc");
                w.writeAttribute("level", "fonds");
                did(w, "GEN", "Generated fonds 生成全宗", "1900/1999");
                w.writeStartElement("dsc");
                for (int s = 1; s <= series; s++) {
                    w.writeStartElement("c");
                    w.writeAttribute("level", "series");
                    did(w, "GEN-" + s, "Series " + s + " 系列", "19" + String.format("%02d", s % 100));
                    for (int f = 1; f <= files; f++) {
                        w.writeStartElement("c");
                        w.writeAttribute("level", "file");
                        did(w, "GEN-" + s + "-" + f, "File " + f + " of series " + s + " 第" + f + "卷",
                                "19" + String.format("%02d", s % 100) + "-" + String.format("%02d", f % 12 + 1));
                        w.writeStartElement("scopecontent");
                        text(w, "p", "Minutes, letters and reports of meeting " + f + "; 会议记录、信函与报告。");
                        w.writeEndElement();
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                }
                w.writeEndElement();
                w.writeEndElement();
                w.writeEndElement();
                w.writeEndDocument();
                w.close();
            }
            return timeImport(file);
        } finally {
            try (Stream<Path> st = Files.walk(dir)) {
                st.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void did(XMLStreamWriter w, String unitid, String title, String date) throws XMLStreamException {
        w.writeStartElement("did");
        text(w, "unitid", unitid);
        text(w, "unittitle", title);
        w.writeStartElement("unitdate");
        w.writeAttribute("normal", date);
        w.writeCharacters(date);
        w.writeEndElement();
        w.writeEndElement();
    }

    /** The same strings through a raw writer: each record's level, reference code, id, title, dates and notes. */
    private static long rawAll(SampleArchive sample) throws XMLStreamException {
        XMLStreamWriter w = OUTPUT.createXMLStreamWriter(OutputStream.nullOutputStream(), "UTF-8");
        w.writeStartDocument();
        w.writeStartElement("ead");
        long n = 0;
        for (Description d : sample) {
            w.writeStartElement("c");
            w.writeAttribute("level", d.level().name());
            w.writeStartElement("did");
            if (d.referenceCode() != null) text(w, "unitid", d.referenceCode().value());
            text(w, "unitid", d.id().value());
            text(w, "unittitle", d.title().text());
            for (ArchivalDate date : d.dates()) {
                w.writeStartElement("unitdate");
                w.writeAttribute("normal", date.normalized());
                w.writeCharacters(date.expression());
                w.writeEndElement();
            }
            w.writeEndElement();
            if (d.scopeAndContent() != null) text(w, "scopecontent", d.scopeAndContent());
            text(w, "accessrestrict", d.access().toString());
            w.writeEndElement();
            n++;
        }
        w.writeEndElement();
        w.writeEndDocument();
        w.close();
        return n;
    }

    private static void text(XMLStreamWriter w, String name, String s) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(s);
        w.writeEndElement();
    }

    private static String importLargest(Archive archive, Principal admin, List<RecordView> fonds, Path dir)
            throws IOException {
        RecordView largest = fonds.stream().max(Comparator.comparingLong(f -> archive.store()
                .countChildren(f.description().id()))).orElseThrow();
        Path file = dir.resolve("largest.xml");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            EadExporter.builder().build().export(archive, admin, largest.description().id(), out);
        }
        return timeImport(file);
    }

    private static void importFile(Path file) throws IOException {
        System.out.println();
        System.out.println("Import of " + file + ": " + timeImport(file));
    }

    private static String timeImport(Path file) throws IOException {
        Path dir = Files.createTempDirectory("e1-import-");
        try (Archive target = Archive.builder().store(SqliteArchiveStore.open(dir.resolve("b.db"))).build()) {
            Principal admin = Principal.admin("bench");
            target.putInstitution(admin, new org.archivekit.core.model.Institution(
                    SampleArchive.DEFAULT_INSTITUTION, "导入", "Import", null));
            System.gc();
            PEAK_AFTER_GC.set(0);
            long t0 = System.nanoTime();
            EadImportResult r = EadImporter.builder().institution(SampleArchive.DEFAULT_INSTITUTION).build()
                    .importFile(target, admin, file);
            double s = (System.nanoTime() - t0) / 1e9;
            return String.format("%,d records, %.1f MB file, %.1f s (%,.0f records/s), peak post-GC heap %.1f MB",
                    r.records(), Files.size(file) / 1048576.0, s, r.records() / s, PEAK_AFTER_GC.get() / 1048576.0);
        } finally {
            try (Stream<Path> st = Files.walk(dir)) {
                st.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Records the heap in use after every collection; the peak is what a streaming export must keep flat. */
    private static void watchGc() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) continue;
            emitter.addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                        .mapToLong(MemoryUsage::getUsed).sum();
                PEAK_AFTER_GC.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }
}
