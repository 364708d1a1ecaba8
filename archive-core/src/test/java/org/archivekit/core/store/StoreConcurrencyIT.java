package org.archivekit.core.store;

import static org.archivekit.core.spi.StoreFixtures.audit;
import static org.archivekit.core.spi.StoreFixtures.child;
import static org.archivekit.core.spi.StoreFixtures.fonds;
import static org.archivekit.core.spi.StoreFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.archivekit.core.ConflictException;
import org.archivekit.core.model.AuditEvent;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.Level;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many threads read-modify-write a few hot records through the store's optimistic versions: every update that
 * returned is kept, none is lost, and every collision is a {@link ConflictException}.
 *
 * <p>The full size is 32 threads × 1,000 updates on 10 records; every update is a durable (fsynced) commit,
 * so CI runs 32 × {@value #CI_UPDATES_PER_THREAD} and {@code -Darchivekit.concurrency.updates=1000} runs the full
 * size.
 */
final class StoreConcurrencyIT {
    private static final int THREADS = 32;
    private static final int HOT_RECORDS = 10;
    private static final int CI_UPDATES_PER_THREAD = 100;
    private static final int UPDATES_PER_THREAD = Integer.getInteger("archivekit.concurrency.updates",
            CI_UPDATES_PER_THREAD);

    private static TestPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    private ArchiveStore open(String kind) {
        switch (kind) {
            case "sqlite":
                return SqliteArchiveStore.open(dir.resolve("store.db"));
            case "postgres":
                return PostgresArchiveStore.builder().url(postgres.url(postgres.createDatabase())).poolSize(THREADS)
                        .build();
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    private static long counter(Description d) {
        return Long.parseLong(d.customFields().getOrDefault("counter", "0"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void concurrentReadModifyWriteUpdatesAreNeverLost(String kind) throws Exception {
        try (ArchiveStore store = open(kind)) {
            store.create(fonds("F1"), audit("create"));
            for (int r = 0; r < HOT_RECORDS; r++) store.create(child("S" + r, Level.SERIES, "F1"), audit("create"));

            AtomicLongArray acknowledged = new AtomicLongArray(HOT_RECORDS);
            AtomicLong conflicts = new AtomicLong();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            long began;
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    workers.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < UPDATES_PER_THREAD; i++) {
                            int r = (thread * 7 + i) % HOT_RECORDS;
                            while (true) {
                                Description d = store.find(id("S" + r)).orElseThrow();
                                Description next = d.toBuilder()
                                        .customField("counter", Long.toString(counter(d) + 1)).build();
                                try {
                                    store.update(next, d.version(), audit("increment"));
                                    acknowledged.incrementAndGet(r);
                                    break;
                                } catch (ConflictException e) {
                                    conflicts.incrementAndGet(); // typed: re-read and apply again
                                }
                            }
                        }
                        return null;
                    }));
                }
                began = System.nanoTime();
                start.countDown();
                for (Future<?> w : workers) w.get();
            } finally {
                pool.shutdown();
            }
            double seconds = (System.nanoTime() - began) / 1e9;

            long lost = 0;
            long total = 0;
            for (int r = 0; r < HOT_RECORDS; r++) {
                Description d = store.find(id("S" + r)).orElseThrow();
                assertThat(counter(d)).as("counter of S%d", r).isEqualTo(acknowledged.get(r));
                assertThat(d.version()).as("version of S%d", r).isEqualTo(1 + acknowledged.get(r));
                lost += acknowledged.get(r) - counter(d);
                total += counter(d);
            }
            long audited;
            try (Stream<AuditEvent> log = store.auditLog(0)) {
                audited = log.filter(e -> e.action().equals("increment")).count();
            }
            System.out.printf("concurrency %s: %d threads x %d updates on %d records = %d acknowledged, %d lost,"
                    + " %d conflicts (typed, re-applied), %.1f s, %.0f updates/s%n", kind, THREADS,
                    UPDATES_PER_THREAD, HOT_RECORDS, total, lost, conflicts.get(), seconds, total / seconds);
            assertThat(total).isEqualTo((long) THREADS * UPDATES_PER_THREAD);
            assertThat(audited).isEqualTo(total);
        }
    }

    /**
     * Writers race (new records and updates of one hot record, so PostgreSQL aborts and retries some) while a
     * reader follows the audit log: every read shows the numbers 1..n without a gap, and never fewer than the
     * read before, so a follower that remembers the last number it saw misses nothing.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void auditSequenceIsGapFreeInCommitOrderUnderConcurrentWriters(String kind) throws Exception {
        int writers = 8;
        int writesPerWriter = 40;
        try (ArchiveStore store = open(kind)) {
            store.create(fonds("F1"), audit("create"));
            store.create(child("HOT", Level.SERIES, "F1"), audit("create"));
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            AtomicLong acknowledged = new AtomicLong(2);
            ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
            long reads = 0;
            long maxSeen = 0;
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < writers; t++) {
                    int thread = t;
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < writesPerWriter; i++) {
                            if (i % 2 == 0) {
                                store.create(child("W" + thread + "-" + i, Level.SERIES, "F1"), audit("create"));
                                acknowledged.incrementAndGet();
                                continue;
                            }
                            while (true) {
                                Description d = store.find(id("HOT")).orElseThrow();
                                try {
                                    store.update(d.toBuilder().customField("counter",
                                            Long.toString(counter(d) + 1)).build(), d.version(), audit("increment"));
                                    acknowledged.incrementAndGet();
                                    break;
                                } catch (ConflictException e) {
                                    // typed; re-read and try again
                                }
                            }
                        }
                        return null;
                    }));
                }
                Future<?> all = pool.submit(() -> {
                    for (Future<?> w : work) w.get();
                    done.set(true);
                    return null;
                });
                boolean last = false;
                while (!last) {
                    last = done.get();
                    List<Long> seen;
                    try (Stream<AuditEvent> log = store.auditLog(0)) {
                        seen = log.map(AuditEvent::sequence).collect(java.util.stream.Collectors.toList());
                    }
                    for (int i = 0; i < seen.size(); i++) {
                        assertThat(seen.get(i)).as("audit number at position %d of read %d", i, reads)
                                .isEqualTo(i + 1L);
                    }
                    assertThat((long) seen.size()).as("read %d shows at least what read %d showed", reads,
                            reads - 1).isGreaterThanOrEqualTo(maxSeen);
                    maxSeen = seen.size();
                    reads++;
                }
                all.get();
            } finally {
                pool.shutdown();
            }
            System.out.printf("audit order %s: %d writers, %d acknowledged writes, %d audit events 1..%d without"
                    + " a gap, %d reads while writing%n", kind, writers, acknowledged.get(), maxSeen, maxSeen, reads);
            assertThat(maxSeen).isEqualTo(acknowledged.get());
        }
    }
}
