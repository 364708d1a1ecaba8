package org.archivekit.core.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
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
 * save. CI runs {@value #CI_ITERATIONS} kills; {@code -Darchivekit.crash.iterations=N} runs more,
 * {@code -Darchivekit.crash.seed=S} replays a run.
 */
final class ObjectsCrashIT {
    /**
     * Each kill costs a child JVM start (about 1.7 s here: Hibernate Validator, Jackson, ocfl-java, SQLite), so CI
     * runs this many, about two minutes; the 200 and more run with the property.
     */
    private static final int CI_ITERATIONS = 60;
    private static final Principal ADMIN = Principal.admin("checker");
    private static final InstitutionCode U = InstitutionCode.of("CN-TEST-U");

    /** Iterations on one home before a fresh one: each object's versions (and validation time) stay bounded. */
    private static final int ITERATIONS_PER_HOME = 25;

    @TempDir
    Path dir;

    private Path home;

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
                case "remove" -> f.get(p[2]).remove(p[3]);
                case "title" -> t.put(p[2], p[3]);
                default -> throw new IllegalArgumentException(begin);
            }
            return new State(t, f);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killedMidWriteTheHomeRecoversWithNothingAcknowledgedLost() throws Exception {
        long seed = Long.getLong("archivekit.crash.seed", System.nanoTime());
        int iterations = Integer.getInteger("archivekit.crash.iterations", CI_ITERATIONS);
        System.out.println("ObjectsCrashIT seed " + seed + ", " + iterations + " iterations");
        Random random = new Random(seed);
        State expected = null;
        long acked = 0;
        long inFlightLanded = 0;
        long rolledBack = 0;
        long detached = 0;
        long started = System.nanoTime();
        for (int it = 0; it < iterations; it++) {
            if (it % ITERATIONS_PER_HOME == 0) expected = freshHome(it / ITERATIONS_PER_HOME);
            int acksBeforeKill = random.nextInt(4);
            long killDelayNanos = TimeUnit.MICROSECONDS.toNanos(random.nextInt(40_000));
            Path errors = home.resolve("child.stderr");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path"), ObjectsCrashChild.class.getName(),
                    home.toString(), Long.toString(random.nextLong()))
                    .redirectError(errors.toFile()).start();
            ChildOutput out = ChildOutput.follow(child, errors);
            out.await("READY");
            for (int a = 0; a < acksBeforeKill; a++) out.await("ACK");
            out.await("BEGIN");
            // a deliberately random moment within the write that just began (or the next), not a wait for anything
            java.util.concurrent.locks.LockSupport.parkNanos(killDelayNanos);
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            out.finish();
            List<String> seen = out.seen();

            // replay what the child acknowledged; the last BEGIN without ACK may or may not have landed
            String pending = null;
            for (String l : seen) {
                if (l.startsWith("BEGIN ")) {
                    pending = l;
                } else if (l.equals("ACK")) {
                    expected = expected.apply(pending);
                    pending = null;
                    acked++;
                }
            }

            try (Archive archive = open(); DigitalObjects objects = DigitalObjects.open(archive,
                    home.resolve("objects"))) {
                ReconcileReport repair = objects.reconcile(ADMIN);
                rolledBack += repair.rolledBack().size();
                detached += repair.detached().size();
                assertThat(repair.orphans()).isEmpty();
                State actual = State.read(archive);
                if (!actual.equals(expected)) {
                    State withPending = pending == null ? null : expected.apply(pending);
                    if (!actual.equals(withPending)) {
                        fail("iteration %d (seed %d): after %s%nexpected %s%nor %s%nbut found %s", it, seed,
                                seen, expected, withPending, actual);
                    }
                    inFlightLanded++;
                    expected = actual;
                }
                assertThat(objects.reconcile(ADMIN).isClean()).as("a second reconcile finds nothing").isTrue();
                FixityReport audit = objects.verify(ADMIN);
                assertThat(audit.isClean()).as("iteration %d (seed %d): %s", it, seed, audit).isTrue();
                for (int i = 0; i < ObjectsCrashChild.RECORDS; i++) {
                    DescriptionId id = DescriptionId.of("I" + i);
                    if (!objects.versions(ADMIN, id).isEmpty()) {
                        ValidationReport v = objects.validate(ADMIN, id, true);
                        assertThat(v.errors()).as("iteration %d (seed %d) object %s", it, seed, id).isEmpty();
                    }
                }
            }
        }
        System.out.printf("ObjectsCrashIT: %d kills in %.0f s; %d acknowledged writes, 0 lost; %d in-flight writes"
                + " landed; %d orphan versions rolled back and %d entries detached by reconcile; 0 invalid objects;"
                + " 0 orphans left (seed %d)%n", iterations, (System.nanoTime() - started) / 1e9, acked,
                inFlightLanded, rolledBack, detached, seed);
    }

    /** A new home with the fonds and the records the child writes to; returns their state. */
    private State freshHome(int number) {
        home = dir.resolve("home-" + number);
        try (Archive archive = open()) {
            archive.putInstitution(ADMIN, new Institution(U, "测试大学档案馆", "Test University Archives", null));
            archive.create(ADMIN, record("F1", null, Level.FONDS));
            for (int i = 0; i < ObjectsCrashChild.RECORDS; i++) {
                archive.create(ADMIN, record("I" + i, "F1", Level.ITEM));
            }
            return State.read(archive);
        }
    }

    private Archive open() {
        return Archive.builder().store(SqliteArchiveStore.open(home.resolve("store.db"))).build();
    }

    private static Description record(String id, String parent, Level level) {
        return Description.builder().id(DescriptionId.of(id)).institution(U)
                .parent(parent == null ? null : DescriptionId.of(parent)).level(level)
                .title(Title.zh("记录 " + id)).access(Access.of(AccessLevel.PUBLIC)).build();
    }
}
