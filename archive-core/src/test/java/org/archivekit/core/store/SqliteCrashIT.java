package org.archivekit.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.archivekit.core.spi.StoreFixtures;
import org.archivekit.core.testing.ChildOutput;
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
    private static final int ROUNDS = 9;
    /** Rounds 1 to this one kill while the iterator is still being read: the batch cannot have committed. */
    private static final int MID_BATCH_ROUNDS = 4;


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
            boolean midBatch = !letItFinish && round <= MID_BATCH_ROUNDS;
            // mid-batch rounds kill on seeing PROGRESS k; at least 20,000 records are still unread then
            int progress = 5000 * (1 + random.nextInt(6));
            int delay = letItFinish || midBatch ? 0 : random.nextInt((int) Math.max(1, batchMillis * 11 / 10));
            Path db = dir.resolve("round-" + round).resolve("store.db");
            Path errors = dir.resolve("round-" + round + ".stderr");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SqliteCrashChild.class.getName(),
                    db.toString(), Integer.toString(ITEMS))
                    .redirectError(errors.toFile())
                    .start();
            ChildOutput out = ChildOutput.follow(child, errors);
            out.await("STARTED");
            if (letItFinish) {
                long started = System.nanoTime();
                out.await("COMMITTED");
                batchMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            } else if (midBatch) {
                out.await("PROGRESS " + progress);
            } else {
                Thread.sleep(delay); // deliberately random timing of the kill, not a wait for a condition
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exits after the kill").isTrue();
            out.finish();
            // a line printed just before the kill may be lost with the pipe, so this can only err towards false
            boolean committed = letItFinish || out.seen().stream().anyMatch(l -> l.startsWith("COMMITTED"));

            long items = countItemsAfterReopen(db);
            System.out.printf("round %d: %s, %d items, committed=%s%n", round,
                    letItFinish ? "killed after commit (" + batchMillis + " ms)"
                            : midBatch ? "killed at record " + progress + " of the batch"
                            : "killed " + delay + " ms after STARTED", items, committed);
            assertThat(items).as("round %d (seed %d)", round, seed).isIn(0L, (long) ITEMS);
            if (committed) assertThat(items).as("round %d (seed %d)", round, seed).isEqualTo(ITEMS);
            if (midBatch) assertThat(items).as("round %d killed mid-batch (seed %d)", round, seed).isZero();
            assertThat(integrityCheck(db)).isEqualTo("ok");
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
