package org.archivekit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.archivekit.core.spi.StoreFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM in the middle of a large {@code createAll} (SIGKILL: no shutdown hook, no finally) and checks that the
 * reopened store holds all of the batch or none of it. The seed of the kill delays is printed; rerun a failure with
 * {@code -Darchivekit.crash.seed=N}.
 */
final class SqliteCrashIT {
    private static final int ITEMS = 50_000;
    private static final int ROUNDS = 6;

    /** Marks the end of the child's output; compared by identity. */
    private static final String END = new String("<end>");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aBatchKilledAtARandomPointLeavesAllOrNothing() throws Exception {
        long seed = Long.getLong("archivekit.crash.seed", System.nanoTime());
        System.out.println("SqliteCrashIT seed " + seed);
        Random random = new Random(seed);

        long batchMillis = 0;
        for (int round = 0; round < ROUNDS; round++) {
            // the first round runs to completion and times the batch; later kills land anywhere within that time
            // and a little past it, so some hit the commit itself
            boolean letItFinish = round == 0;
            int delay = letItFinish ? 0 : random.nextInt((int) Math.max(1, batchMillis * 11 / 10));
            Path db = dir.resolve("round-" + round).resolve("store.db");
            Path errors = dir.resolve("round-" + round + ".stderr");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SqliteCrashChild.class.getName(),
                    db.toString(), Integer.toString(ITEMS))
                    .redirectError(errors.toFile())
                    .start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = readLines(child, lines);
            awaitLine(lines, "STARTED", errors);
            if (letItFinish) {
                long started = System.nanoTime();
                awaitLine(lines, "COMMITTED", errors);
                batchMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            } else {
                Thread.sleep(delay); // deliberately random timing of the kill, not a wait for a condition
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exits after the kill").isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(30));
            // a line printed just before the kill may be lost with the pipe, so this can only err towards false
            boolean committed = letItFinish || lines.stream().anyMatch(l -> l.startsWith("COMMITTED"));

            long items = countItemsAfterReopen(db);
            System.out.printf("round %d: %s, %d items, committed=%s%n", round,
                    letItFinish ? "killed after commit (" + batchMillis + " ms)" : "killed " + delay + " ms after STARTED", items, committed);
            assertThat(items).as("round %d (seed %d)", round, seed).isIn(0L, (long) ITEMS);
            if (committed) assertThat(items).as("round %d (seed %d)", round, seed).isEqualTo(ITEMS);
            assertThat(integrityCheck(db)).isEqualTo("ok");
        }
    }

    /** Copies the child's output lines to {@code lines}, then {@link #END}. */
    private static Thread readLines(Process child, BlockingQueue<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) lines.add(line);
            } catch (IOException closedByTheKill) {
                // the pipe goes away with the process
            } finally {
                lines.add(END);
            }
        }, "crash-child-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void awaitLine(BlockingQueue<String> lines, String prefix, Path errors) throws Exception {
        while (true) {
            String line = lines.poll(2, TimeUnit.MINUTES);
            if (line == null || line == END) {
                fail("the child did not print " + prefix + "; its stderr:\n" + Files.readString(errors));
            }
            if (line.startsWith(prefix)) return;
        }
    }

    private static long countItemsAfterReopen(Path db) {
        try (SqliteArchiveStore store = SqliteArchiveStore.open(db)) {
            assertThat(store.find(StoreFixtures.id("F1"))).as("the fonds committed before the batch").isPresent();
            long items = store.countChildren(StoreFixtures.id("F1"));
            // the store still takes writes after recovery
            store.create(StoreFixtures.child("after-crash", org.archivekit.core.model.Level.SERIES, "F1"),
                    StoreFixtures.audit("create"));
            return items;
        }
    }

    private static String integrityCheck(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
