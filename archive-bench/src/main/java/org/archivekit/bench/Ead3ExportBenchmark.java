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
 * at most 1.2× the one at 10k. A last argument naming an EAD file also times its import; {@code --memory} uses the
 * in-memory store instead of SQLite (small sizes only: it holds every record on the heap).
 */
public final class Ead3ExportBenchmark {
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();
    private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();
    private static boolean memory;

    private Ead3ExportBenchmark() {}

    /** Runs E1 for each size given (default 10,000 and 100,000 items). */
    public static void main(String[] args) throws Exception {
        watchGc();
        List<Long> sizes = new ArrayList<>();
        Path corpusFile = null;
        for (String a : args) {
            if (a.matches("\\d+")) sizes.add(Long.parseLong(a));
            else if (a.equals("--memory")) memory = true;
            else corpusFile = Path.of(a);
        }
        if (sizes.isEmpty()) sizes = List.of(10_000L, 100_000L);
        System.out.printf("E1 EAD3 export from the %s store, max heap %d MB%n", memory ? "in-memory" : "SQLite",
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("| items | components | load s | ArchiveKit comp/s | raw StAX comp/s | ratio"
                + " | peak post-GC heap MB | import of its largest fonds as EAD3 |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---|");
        for (long n : sizes) run(n);
        if (corpusFile != null) importFile(corpusFile);
    }

    private static void run(long items) throws Exception {
        Path dir = Files.createTempDirectory("e1-");
        try {
            SampleArchive sample = SampleArchive.builder().items(items).seed(5).build();
            Principal admin = Principal.admin("bench");
            long t0 = System.nanoTime();
            ArchiveStore store = memory ? new InMemoryArchiveStore() : SqliteArchiveStore.open(dir.resolve("a.db"));
            try (Archive archive = Archive.builder().store(store).build()) {
                archive.putInstitution(admin, sample.institution());
                archive.importAll(admin, sample.iterator());
                double load = (System.nanoTime() - t0) / 1e9;
                List<RecordView> fonds = archive.fonds(admin, sample.institution().code());
                EadExporter exporter = EadExporter.builder().build();
                // warm-up on the smallest fonds, then measure the whole archive
                exportAll(exporter, archive, admin, fonds.subList(0, 1));
                rawAll(sample);
                System.gc();
                PEAK_AFTER_GC.set(0);
                long a0 = System.nanoTime();
                long components = exportAll(exporter, archive, admin, fonds);
                double ours = (System.nanoTime() - a0) / 1e9;
                long peak = PEAK_AFTER_GC.get();
                long r0 = System.nanoTime();
                long raw = rawAll(sample);
                double rawSeconds = (System.nanoTime() - r0) / 1e9;
                if (raw != components) throw new IllegalStateException("raw wrote " + raw + ", export " + components);
                String importFigure = importLargest(archive, admin, fonds, dir);
                System.out.printf("| %,d | %,d | %.1f | %,.0f | %,.0f | %.2f | %.1f | %s |%n", items, components, load,
                        components / ours, raw / rawSeconds, rawSeconds / ours, peak / 1048576.0, importFigure);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long exportAll(EadExporter exporter, Archive archive, Principal caller, List<RecordView> fonds) {
        long n = 0;
        for (RecordView f : fonds) {
            n += exporter.export(archive, caller, f.description().id(), OutputStream.nullOutputStream());
        }
        return n;
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
            return String.format("%,d records, %.1f MB file, %.1f s, peak post-GC heap %.1f MB", r.records(),
                    Files.size(file) / 1048576.0, s, PEAK_AFTER_GC.get() / 1048576.0);
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
