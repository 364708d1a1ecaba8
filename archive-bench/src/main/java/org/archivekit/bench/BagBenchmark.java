package org.archivekit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Level;
import org.archivekit.core.objects.DigitalObjects;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.store.SqliteArchiveStore;
import org.archivekit.share.bagit.BagExport;
import org.archivekit.share.bagit.BagWriter;
import org.archivekit.share.bagit.Bags;

/**
 * E4: writing a bag of a fonds whose items hold files (the files copied into {@code data/} by the bag's two file
 * workers, one thread per file; SHA-512 and SHA-256 manifests; the records as JSON Lines and EAD3; tag manifests)
 * against raw SHA-512 over the same file bytes read from the same OCFL storage root, on one thread one file after
 * another, in the same run (goal: at least 0.9x). Every round runs, interleaved and each after a {@code sync}: raw
 * SHA-512 on one thread, raw SHA-512 on two threads (every other file each; the honest comparison for a bag that
 * uses two), raw SHA-512 while copying the bytes to new files, the bag, the bag writer alone over the stored files,
 * and the bag of the same fonds without its files. Each figure is printed per round as wall time and the process's
 * CPU time (all threads; a loaded machine distorts it far less), the kernel-mode part of it, and the load average;
 * then the medians.
 *
 * <p>Run (from the repository root): {@code mvn -q -B -pl archive-bench -am package -DskipTests
 * dependency:build-classpath -Dmdep.outputFile=target/cp.txt}, then {@code cd archive-bench && java -cp
 * "target/classes:$(cat target/cp.txt)" org.archivekit.bench.BagBenchmark 512 8}; the arguments are the MiB of
 * files (default 512) and each file's MiB (default 8); {@code -Darchivekit.bench.rounds=N} (default 5).
 */
public final class BagBenchmark {
    private static final Principal ADMIN = Principal.admin("bench");

    private BagBenchmark() {}

    /** Runs the benchmark and prints its figures. */
    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int fileMiB = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int count = Math.max(1, mib / fileMiB);
        Path dir = Files.createTempDirectory("archivekit-bag-bench");
        try (Archive archive = Archive.builder().store(SqliteArchiveStore.open(dir.resolve("archive.db"))).build();
                DigitalObjects objects = DigitalObjects.open(archive, dir.resolve("objects"))) {
            SampleArchive sample = SampleArchive.builder().items(2_000).seed(3).build();
            archive.putInstitution(ADMIN, sample.institution());
            archive.importAll(ADMIN, sample.iterator());
            DescriptionId fonds;
            List<DescriptionId> items;
            try (Stream<RecordView> s = archive.list(ADMIN, Level.FONDS)) {
                fonds = s.map(RecordView::id).findFirst().orElseThrow();
            }
            try (Stream<RecordView> s = archive.descendants(ADMIN, fonds)) {
                items = s.filter(v -> v.description().level() == Level.ITEM).map(RecordView::id).limit(count)
                        .collect(Collectors.toList());
            }
            Random random = new Random(7);
            byte[] content = new byte[fileMiB << 20];
            for (int i = 0; i < count; i++) {
                random.nextBytes(content);
                objects.attach(ADMIN, items.get(i % items.size()), "scan-" + i + ".tif", "image/tiff",
                        new java.io.ByteArrayInputStream(content));
            }
            List<Path> stored;
            try (Stream<Path> s = Files.walk(objects.root())) {
                stored = s.filter(p -> p.toString().contains("/content/") && Files.isRegularFile(p))
                        .collect(Collectors.toList());
            }
            long bytes = 0;
            for (Path p : stored) bytes += Files.size(p);
            System.out.printf("E4 bag creation: %d files, %,d MiB, in a fonds of %,d records%n", stored.size(),
                    bytes >> 20, sample.stream().count());

            int rounds = Integer.getInteger("archivekit.bench.rounds", 5);
            String[] names = {"raw SHA-512 1 thread", "raw SHA-512 2 threads", "raw SHA-512 + copy", "bag",
                    "bag writer alone", "descriptions-only bag"};
            double[][] wall = new double[names.length][rounds];
            double[][] cpu = new double[names.length][rounds];
            double[] loads = new double[rounds];
            BagExport last = null;
            System.out.printf("E4: %d rounds after a warm-up one; per round, wall s / process CPU s (load = 1-minute"
                    + " load average at the round's start):%n", rounds);
            for (int round = -1; round < rounds; round++) { // round -1 warms the JIT and the page cache
                double load = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean()).getSystemLoadAverage();
                double[] w = new double[names.length];
                double[] c = new double[names.length];
                int k = 0;
                measure(w, c, k++, () -> rawSha512(stored));
                measure(w, c, k++, () -> rawSha512TwoThreads(stored));
                Path copied = dir.resolve("copy-" + round);
                measure(w, c, k++, () -> rawCopy(stored, copied));
                deleteTree(copied);
                Path out = dir.resolve("bag-" + round);
                BagExport[] exported = new BagExport[1];
                measure(w, c, k++, () -> exported[0] = Bags.of(archive, objects).export(ADMIN, fonds, out));
                last = exported[0];
                deleteTree(out);
                // the breakdown: the bag writer alone over the same stored files (on its file workers), and the bag
                // of the same fonds without its files (records as JSON Lines and EAD3, institution, tag manifests)
                Path alone = dir.resolve("writer-" + round);
                measure(w, c, k++, () -> {
                    try (BagWriter bw = BagWriter.create(alone, Map.of("Source-Organization", "bench"))) {
                        int n = 0;
                        for (Path p : stored) bw.addPayloadLater("f" + n++, p);
                    }
                });
                deleteTree(alone);
                Path descriptions = dir.resolve("meta-" + round);
                measure(w, c, k++, () -> Bags.of(archive).export(ADMIN, fonds, descriptions));
                deleteTree(descriptions);
                StringBuilder line = new StringBuilder(String.format("  round %s (load %.1f):", round < 0 ? "warm-up"
                        : String.valueOf(round), load));
                for (int i = 0; i < names.length; i++) {
                    line.append(String.format(" %s %.2f/%.2f (sys %.2f);", names[i], w[i], c[i], SYSTEM[i]));
                }
                line.append(String.format(" ratio bag to raw 1 thread %.2f (CPU %.2f), to raw 2 threads %.2f", w[0] / w[3],
                        c[0] / c[3], w[1] / w[3]));
                System.out.println(line);
                if (round < 0) continue;
                loads[round] = load;
                for (int i = 0; i < names.length; i++) {
                    wall[i][round] = w[i];
                    cpu[i][round] = c[i];
                }
            }
            double mb = bytes / (double) (1 << 20);
            double raw = median(wall[0]);
            double bag = median(wall[3]);
            double bestRatio = 0;
            for (int r = 0; r < rounds; r++) bestRatio = Math.max(bestRatio, wall[0][r] / wall[3][r]);
            System.out.printf("E4: bag %,.0f MiB/s (%d records, %d files), raw SHA-512 (1 thread) %,.0f MiB/s; ratio"
                    + " %.2f (medians of %d rounds; per-round ratios up to %.2f); goal 0.90 %s; load %.1f-%.1f%n",
                    mb / bag, last.records(), last.files(), mb / raw, raw / bag, rounds, bestRatio,
                    raw / bag >= 0.9 ? "met" : "NOT met", java.util.Arrays.stream(loads).min().orElse(0),
                    java.util.Arrays.stream(loads).max().orElse(0));
            System.out.printf("   against raw SHA-512 on 2 threads (the bag copies 2 files at a time) %,.0f MiB/s:"
                    + " ratio %.2f; against raw SHA-512 while writing the same bytes to new files (1 thread, the bag"
                    + " must write them) %,.0f MiB/s: ratio %.2f%n", mb / median(wall[1]), median(wall[1]) / bag,
                    mb / median(wall[2]), median(wall[2]) / bag);
            System.out.printf("   CPU (medians): raw SHA-512 %.2f s, bag %.2f s (%.2fx the raw hash's; %.2f ms per MiB"
                    + " beyond it); breakdown: bag writer alone %.2f s wall (%,.0f MiB/s, ratio %.2f), %.2f s CPU;"
                    + " descriptions-only bag %.3f s wall, %.3f s CPU%n", median(cpu[0]), median(cpu[3]),
                    median(cpu[3]) / median(cpu[0]), (median(cpu[3]) - median(cpu[0])) * 1000 / mb,
                    median(wall[4]), mb / median(wall[4]), raw / median(wall[4]), median(cpu[4]), median(wall[5]),
                    median(cpu[5]));
        } finally {
            deleteTree(dir);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** The kernel-mode share of the process CPU time per measurement, in seconds, where /proc tells it. */
    private static final double[] SYSTEM = new double[6];

    /**
     * Runs {@code work} after a sync (untimed), storing its wall and process CPU seconds at {@code k}, and the
     * kernel-mode part of that CPU time (reads, writes, page cache) in {@link #SYSTEM}.
     */
    private static void measure(double[] wall, double[] cpu, int k, Work work) throws Exception {
        settle();
        double s0 = systemSeconds();
        long c0 = cpu();
        long t0 = System.nanoTime();
        work.run();
        wall[k] = (System.nanoTime() - t0) / 1e9;
        cpu[k] = (cpu() - c0) / 1e9;
        SYSTEM[k] = systemSeconds() - s0;
    }

    /** This process's system (kernel-mode) CPU time from /proc/self/stat, in seconds; 0 where there is none. */
    private static double systemSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[12]) / 100.0; // stime, field 15, in clock ticks (100 per second on Linux)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** {@link #rawSha512} on two threads, each taking every other file. */
    private static void rawSha512TwoThreads(List<Path> files) throws Exception {
        Exception[] failed = new Exception[1];
        Thread other = new Thread(() -> {
            try {
                rawSha512(every(files, 1));
            } catch (Exception e) {
                failed[0] = e;
            }
        });
        other.start();
        rawSha512(every(files, 0));
        other.join();
        if (failed[0] != null) throw failed[0];
    }

    private static List<Path> every(List<Path> files, int from) {
        List<Path> out = new ArrayList<>();
        for (int i = from; i < files.size(); i += 2) out.add(files.get(i));
        return out;
    }

    /** The CPU time of this process (every thread, user and system), in ns. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void rawSha512(List<Path> files) throws Exception {
        byte[] buf = new byte[1 << 20];
        for (Path p : files) {
            MessageDigest d = MessageDigest.getInstance("SHA-512");
            try (InputStream in = Files.newInputStream(p)) {
                for (int r; (r = in.read(buf)) > 0; ) d.update(buf, 0, r);
            }
            d.digest();
        }
    }

    /**
     * Flushes dirty pages (untimed) so that each measurement starts with the disk idle: without it, whichever
     * writer runs second pays for the first one's write-back.
     */
    private static void settle() throws InterruptedException {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (IOException e) {
            // no sync command: measure without it
        }
    }

    /** SHA-512 of each file while copying it to a new file in {@code target}: the floor for any bag writer. */
    private static void rawCopy(List<Path> files, Path target) throws Exception {
        Files.createDirectories(target);
        byte[] buf = new byte[1 << 20];
        int n = 0;
        for (Path p : files) {
            MessageDigest d = MessageDigest.getInstance("SHA-512");
            try (InputStream in = Files.newInputStream(p);
                    java.io.OutputStream out = Files.newOutputStream(target.resolve("f" + n++))) {
                for (int r; (r = in.read(buf)) > 0; ) {
                    d.update(buf, 0, r);
                    out.write(buf, 0, r);
                }
            }
            d.digest();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(all::add);
        }
        for (Path p : all) {
            p.toFile().setWritable(true);
            Files.deleteIfExists(p);
        }
    }
}
