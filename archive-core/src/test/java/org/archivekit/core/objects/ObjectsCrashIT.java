package org.archivekit.core.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.Title;
import org.archivekit.core.store.SqliteArchiveStore;
import org.archivekit.core.testing.ChildOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a child JVM doing mixed record and file writes ({@link ObjectsCrashChild}) at random points, then
 * reopens the home and checks: every acknowledged write is there (the one in flight may or may not be), no record
 * is half-written, reconcile leaves no orphan version, every OCFL object validates with content fixity, and the
 * fixity audit is clean. Each kill lands a random 0 to 40 ms after the child announced a write (after 0 to 3
 * acknowledged ones), so it hits every stage of a write: before, inside and after the OCFL version, and the record
 * save. CI runs {@value #CI_ITERATIONS} kills in {@value #LANES} lanes of children running at once;
 * {@code -Darchivekit.crash.iterations=N} runs more, {@code -Darchivekit.crash.lanes=L} changes the lanes, and
 * {@code -Darchivekit.crash.seed=S} replays a run (with the same lanes).
 */
final class ObjectsCrashIT {
    /**
     * The CI size. Each kill costs a child JVM start (Hibernate Validator, Jackson, ocfl-java, SQLite; about
     * 1.7 s plain, 0.8 s from the AppCDS archive) and the checks after it; two lanes run at once.
     */
    private static final int CI_ITERATIONS = 200;
    private static final Principal ADMIN = Principal.admin("checker");
    private static final InstitutionCode U = InstitutionCode.of("CN-TEST-U");

    /** Iterations on one home before a fresh one: each object's versions (and validation time) stay bounded. */
    private static final int ITERATIONS_PER_HOME = 25;

    /** Children run this many at a time, each lane on its own homes: one waits for the disk while one starts. */
    private static final int LANES = 2;

    /** Writes the warm-up child makes before its normal exit, so the archive holds every write path's classes. */
    private static final int WARM_UP_WRITES = 40;

    @TempDir
    Path dir;

    /** What the records should hold: per record, its title and its files (name to SHA-256). */
    private record State(Map<String, String> titles, Map<String, Map<String, String>> files) {
        static State read(Archive archive) {
            Map<String, String> titles = new TreeMap<>();
            Map<String, Map<String, String>> files = new TreeMap<>();
            for (int i = 0; i < ObjectsCrashChild.RECORDS; i++) {
                Description d = archive.get(ADMIN, DescriptionId.of("I" + i));
                titles.put(d.id().value(), d.title().text());
                Map<String, String> f = new TreeMap<>();
                for (DigitalObjectRef r : d.digitalObjects()) f.put(r.fileName(), r.sha256());
                files.put(d.id().value(), f);
            }
            return new State(titles, files);
        }

        State apply(String begin) {
            String[] p = begin.split(" ");
            Map<String, String> t = new TreeMap<>(titles);
            Map<String, Map<String, String>> f = new TreeMap<>();
            files.forEach((k, v) -> f.put(k, new TreeMap<>(v)));
            switch (p[1]) {
                case "attach" -> f.get(p[2]).put(p[3], p[4]);
                case "attachall" -> {
                    for (int i = 3; i < p.length; i++) {
                        String[] nameSha = p[i].split("=");
                        f.get(p[2]).put(nameSha[0], nameSha[1]);
                    }
                }
                case "remove" -> f.get(p[2]).remove(p[3]);
                case "title" -> t.put(p[2], p[3]);
                default -> throw new IllegalArgumentException(begin);
            }
            return new State(t, f);
        }
    }

    /** Totals over every lane. */
    private static final class Totals {
        final AtomicLong acked = new AtomicLong();
        final AtomicLong inFlightLanded = new AtomicLong();
        final AtomicLong rolledBack = new AtomicLong();
        final AtomicLong detached = new AtomicLong();
        final AtomicLong validated = new AtomicLong();
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void killedMidWriteTheHomeRecoversWithNothingAcknowledgedLost() throws Exception {
        long seed = Long.getLong("archivekit.crash.seed", System.nanoTime());
        int iterations = Integer.getInteger("archivekit.crash.iterations", CI_ITERATIONS);
        int lanes = Math.max(1, Integer.getInteger("archivekit.crash.lanes", LANES));
        System.out.println("ObjectsCrashIT seed " + seed + ", " + iterations + " iterations in " + lanes + " lanes");
        long started = System.nanoTime();
        List<String> childCommand = childJava();
        System.out.printf("ObjectsCrashIT: child JVM ready to start (%s) after %.1f s%n",
                childCommand.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile")) ? "with an AppCDS archive"
                        : "without an AppCDS archive", (System.nanoTime() - started) / 1e9);
        Totals totals = new Totals();
        ExecutorService pool = Executors.newFixedThreadPool(lanes);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int lane = 0; lane < lanes; lane++) {
                int l = lane;
                int share = iterations / lanes + (lane < iterations % lanes ? 1 : 0);
                running.add(pool.submit(() -> {
                    runLane(childCommand, l, seed, share, totals);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error) throw (Error) e.getCause();
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("ObjectsCrashIT: %d kills in %.0f s (%d lanes); %d acknowledged writes, 0 lost; %d in-flight"
                + " writes landed; %d orphan versions rolled back and %d entries detached by reconcile; %d object"
                + " validations, 0 invalid objects; 0 orphans left (seed %d)%n", iterations,
                (System.nanoTime() - started) / 1e9, lanes, totals.acked.get(), totals.inFlightLanded.get(),
                totals.rolledBack.get(), totals.detached.get(), totals.validated.get(), seed);
    }

    /**
     * One lane: {@code iterations} kills of children writing to the lane's own homes; the lane's random numbers
     * come from the run's seed and the lane number, so a seed replays every lane.
     */
    private void runLane(List<String> childCommand, int lane, long seed, int iterations, Totals totals) throws Exception {
        Random random = new Random(seed * 31 + lane);
        State expected = null;
        Path home = null;
        for (int it = 0; it < iterations; it++) {
            if (it % ITERATIONS_PER_HOME == 0) {
                home = dir.resolve("lane-" + lane + "-home-" + it / ITERATIONS_PER_HOME);
                expected = freshHome(home);
            }
            int acksBeforeKill = random.nextInt(4);
            long killDelayNanos = TimeUnit.MICROSECONDS.toNanos(random.nextInt(40_000));
            Path errors = home.resolve("child.stderr");
            List<String> command = new ArrayList<>(childCommand);
            command.add(home.toString());
            command.add(Long.toString(random.nextLong()));
            Process child = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            ChildOutput out = ChildOutput.follow(child, errors);
            out.await("READY");
            for (int a = 0; a < acksBeforeKill; a++) out.await("ACK");
            out.await("BEGIN");
            // a deliberately random moment within the write that just began (or the next), not a wait for anything
            java.util.concurrent.locks.LockSupport.parkNanos(killDelayNanos);
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            out.finish();
            // the child's own record of what it began and acknowledged, which a kill cannot cut short
            List<String> seen = java.nio.file.Files.readAllLines(home.resolve(ObjectsCrashChild.OPS_LOG));

            // replay what the child acknowledged; the last BEGIN without ACK may or may not have landed
            String pending = null;
            for (String l : seen) {
                if (l.startsWith("BEGIN ")) {
                    pending = l;
                } else if (l.equals("ACK")) {
                    expected = expected.apply(pending);
                    pending = null;
                    totals.acked.incrementAndGet();
                }
            }

            try (Archive archive = open(home); DigitalObjects objects = DigitalObjects.open(archive,
                    home.resolve("objects"))) {
                ReconcileReport repair = objects.reconcile(ADMIN);
                totals.rolledBack.addAndGet(repair.rolledBack().size());
                totals.detached.addAndGet(repair.detached().size());
                assertThat(repair.orphans()).isEmpty();
                State actual = State.read(archive);
                if (!actual.equals(expected)) {
                    State withPending = pending == null ? null : expected.apply(pending);
                    if (!actual.equals(withPending)) {
                        fail("lane %d iteration %d (seed %d): after %s%nexpected %s%nor %s%nbut found %s", lane, it,
                                seed, seen, expected, withPending, actual);
                    }
                    totals.inFlightLanded.incrementAndGet();
                    expected = actual;
                }
                assertThat(objects.reconcile(ADMIN).isClean()).as("a second reconcile finds nothing").isTrue();
                FixityReport audit = objects.verify(ADMIN);
                assertThat(audit.isClean()).as("lane %d iteration %d (seed %d): %s", lane, it, seed, audit).isTrue();
                for (int i = 0; i < ObjectsCrashChild.RECORDS; i++) {
                    DescriptionId id = DescriptionId.of("I" + i);
                    if (!objects.versions(ADMIN, id).isEmpty()) {
                        ValidationReport v = objects.validate(ADMIN, id, true);
                        assertThat(v.errors()).as("lane %d iteration %d (seed %d) object %s", lane, it, seed, id)
                                .isEmpty();
                        totals.validated.incrementAndGet();
                    }
                }
            }
        }
    }

    /**
     * The command that starts a child, up to its arguments. The classes under test are packed into one jar and a
     * first child, run to a normal exit on a scratch home, dumps an AppCDS archive of the classes it loaded; the
     * children to kill start from that archive (about half the start-up time). Without the archive (a JVM that
     * cannot make one) they start plainly.
     */
    private List<String> childJava() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> classpath = new ArrayList<>();
        Path jar = dir.resolve("child-classes.jar");
        java.util.Set<String> packed = new java.util.HashSet<>();
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(
                java.nio.file.Files.newOutputStream(jar))) {
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path p = Path.of(entry);
                if (!java.nio.file.Files.isDirectory(p)) {
                    if (java.nio.file.Files.exists(p)) classpath.add(entry);
                    continue;
                }
                try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(p)) {
                    for (Path f : (Iterable<Path>) files.filter(java.nio.file.Files::isRegularFile).sorted()::iterator) {
                        String name = p.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                        if (name.equals("META-INF/MANIFEST.MF") || !packed.add(name)) continue;
                        out.putNextEntry(new java.util.jar.JarEntry(name));
                        java.nio.file.Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
        }
        classpath.add(0, jar.toString());
        String cp = String.join(java.io.File.pathSeparator, classpath);
        List<String> plain = List.of(javaBin, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", cp, ObjectsCrashChild.class.getName());
        Path archive = dir.resolve("child.jsa");
        Path warmHome = dir.resolve("warm-up-home");
        freshHome(warmHome);
        Process warm = new ProcessBuilder(javaBin, "-XX:ArchiveClassesAtExit=" + archive, "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", cp, ObjectsCrashChild.class.getName(), warmHome.toString(), "1",
                Integer.toString(WARM_UP_WRITES))
                .redirectErrorStream(true).redirectOutput(dir.resolve("warm-up.log").toFile()).start();
        boolean exited = warm.waitFor(2, TimeUnit.MINUTES);
        if (!exited) warm.destroyForcibly();
        if (!exited || warm.exitValue() != 0 || !java.nio.file.Files.isRegularFile(archive)) return plain;
        List<String> withArchive = new ArrayList<>(plain);
        withArchive.add(1, "-XX:SharedArchiveFile=" + archive);
        return withArchive;
    }

    /** A new home with the fonds and the records the child writes to; returns their state. */
    private State freshHome(Path home) {
        try (Archive archive = open(home)) {
            archive.putInstitution(ADMIN, new Institution(U, "测试大学档案馆", "Test University Archives", null));
            archive.create(ADMIN, record("F1", null, Level.FONDS));
            for (int i = 0; i < ObjectsCrashChild.RECORDS; i++) {
                archive.create(ADMIN, record("I" + i, "F1", Level.ITEM));
            }
            return State.read(archive);
        }
    }

    private static Archive open(Path home) {
        return Archive.builder().store(SqliteArchiveStore.open(home.resolve("store.db"))).build();
    }

    private static Description record(String id, String parent, Level level) {
        return Description.builder().id(DescriptionId.of(id)).institution(U)
                .parent(parent == null ? null : DescriptionId.of(parent)).level(level)
                .title(Title.zh("记录 " + id)).access(Access.of(AccessLevel.PUBLIC)).build();
    }
}
