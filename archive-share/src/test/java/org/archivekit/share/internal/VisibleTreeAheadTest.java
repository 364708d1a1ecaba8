package org.archivekit.share.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.ExportException;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.StorageException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.Level;
import org.archivekit.core.spi.StoreFixtures;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.spi.TreeEntry;
import org.archivekit.core.store.SqliteArchiveStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link VisibleTree#walkAhead} on a real SQLite store: failures of either side reach the caller, the walking
 * thread never outlives the call, and the store's read is closed however the walk ends.
 */
final class VisibleTreeAheadTest {
    private static final Principal ADMIN = Principal.admin("walker");

    @TempDir
    static Path dir;

    private static ArchiveStore real;
    private static Archive archive;
    /** Entries the store's subtree reads handed out, and whether every such read was closed. */
    private static final AtomicInteger read = new AtomicInteger();
    private static final AtomicInteger opened = new AtomicInteger();
    private static final AtomicInteger closed = new AtomicInteger();
    /** After how many entries the store's read fails (never when 0). */
    private static volatile int failAfter;
    private static DescriptionId largest;
    private static long largestSize;

    @BeforeEach
    void reset() {
        read.set(0);
        opened.set(0);
        closed.set(0);
        failAfter = 0;
    }

    @BeforeAll
    static void load() {
        real = SqliteArchiveStore.open(dir.resolve("a.db"));
        ArchiveStore watched = (ArchiveStore) Proxy.newProxyInstance(ArchiveStore.class.getClassLoader(),
                new Class<?>[] {ArchiveStore.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (!method.getName().equals("subtree")) return result;
                    opened.incrementAndGet();
                    @SuppressWarnings("unchecked")
                    Stream<TreeEntry> s = (Stream<TreeEntry>) result;
                    return s.peek(e -> {
                        if (read.incrementAndGet() == failAfter) {
                            throw new StorageException("disk I/O error (injected)", null);
                        }
                    }).onClose(closed::incrementAndGet);
                });
        archive = Archive.builder().store(watched).build();
        archive.putInstitution(ADMIN, StoreFixtures.institution(StoreFixtures.PKU, "北京大学档案馆"));
        List<Description> records = new ArrayList<>();
        records.add(StoreFixtures.fonds("big"));
        records.add(StoreFixtures.fonds("other"));
        for (int s = 0; s < 30; s++) {
            records.add(StoreFixtures.child("big-" + s, Level.SERIES, "big"));
            for (int f = 0; f < 100; f++) records.add(StoreFixtures.child("big-" + s + "-" + f, Level.FILE, "big-" + s));
        }
        for (int f = 0; f < 50; f++) records.add(StoreFixtures.child("other-" + f, Level.FILE, "other"));
        archive.importAll(ADMIN, records.iterator());
        largest = DescriptionId.of("big");
        largestSize = 1 + 30 * 101;
        assertThat(largestSize).as("a fonds of many batches").isGreaterThan(600L + (VisibleTree.QUEUE + 3) * VisibleTree.BATCH);
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    private static List<Thread> walkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("archivekit-walk-") && t.isAlive()).toList();
    }

    private void assertCleanEnd() {
        assertThat(walkers()).as("walking threads left running").isEmpty();
        assertThat(closed.get()).as("every store read closed").isEqualTo(opened.get()).isPositive();
    }

    @Test
    void aStoreFailureMidWalkReachesTheCallerAfterTheRecordsBeforeIt() {
        failAfter = 500;
        List<String> seen = new ArrayList<>();

        Throwable t = catchThrowable(() -> VisibleTree.walkAhead(archive, ADMIN, largest,
                VisibleTreeTest.recorder(seen)));

        assertThat(t).isInstanceOf(StorageException.class).hasMessageContaining("injected");
        // the root comes from the view, then entries 2..499 of the read (the admin sees everything)
        assertThat(seen.stream().filter(s -> !s.startsWith("exit"))).hasSize(499);
        assertCleanEnd();
    }

    @Test
    void aHiddenRootLooksMissingThoughItIsReadOnTheOtherThread() {
        DescriptionId id = DescriptionId.of("other");
        Description root = archive.view(ADMIN, id).description();
        archive.update(ADMIN, root.toBuilder().status(LifecycleStatus.DRAFT).build());
        List<String> seen = new ArrayList<>();

        Throwable hidden = catchThrowable(() -> VisibleTree.walkAhead(archive, Principal.anonymous(), id,
                VisibleTreeTest.recorder(seen)));
        Throwable missing = catchThrowable(() -> VisibleTree.walkAhead(archive, ADMIN, DescriptionId.of("no-such"),
                VisibleTreeTest.recorder(seen)));

        assertThat(hidden).isInstanceOf(NotFoundException.class);
        assertThat(missing).isInstanceOf(NotFoundException.class);
        assertThat(seen).isEmpty();
        assertThat(walkers()).isEmpty();
    }

    @Test
    void aVisitorFailingOnTheFirstRecordStopsTheWalkEarly() {
        IOException boom = new IOException("disk full (injected)");

        Throwable t = catchThrowable(() -> VisibleTree.walkAhead(archive, ADMIN, largest,
                new VisibleTree.Visitor<IOException>() {
                    @Override
                    public void enter(Description record, int depth) throws IOException {
                        throw boom;
                    }

                    @Override
                    public void exit(Description record, int depth) {}
                }));

        assertThat(t).isSameAs(boom);
        assertCleanEnd();
        // the walker stopped with the queue full at most, not at the end of the fonds
        assertThat(read.get()).isLessThan((VisibleTree.QUEUE + 3) * VisibleTree.BATCH).isLessThan((int) largestSize);
    }

    @Test
    void aVisitorFailingLaterStopsTheWalkToo() {
        AtomicInteger entered = new AtomicInteger();

        Throwable t = catchThrowable(() -> VisibleTree.walkAhead(archive, ADMIN, largest,
                new VisibleTree.Visitor<RuntimeException>() {
                    @Override
                    public void enter(Description record, int depth) {
                        if (entered.incrementAndGet() == 600) throw new IllegalStateException("bug (injected)");
                    }

                    @Override
                    public void exit(Description record, int depth) {}
                }));

        assertThat(t).isInstanceOf(IllegalStateException.class).hasMessageContaining("injected");
        assertThat(entered.get()).isEqualTo(600);
        assertCleanEnd();
        assertThat(read.get()).isLessThan(600 + (VisibleTree.QUEUE + 3) * VisibleTree.BATCH);
    }

    @Test
    void anInterruptOfTheCallerEndsTheWalkWithAnExportErrorAndKeepsTheInterrupt() {
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Throwable t = catchThrowable(() -> {
            try {
                VisibleTree.walkAhead(archive, ADMIN, largest, new VisibleTree.Visitor<RuntimeException>() {
                    @Override
                    public void enter(Description record, int depth) {
                        if (depth == 2) Thread.currentThread().interrupt();
                    }

                    @Override
                    public void exit(Description record, int depth) {}
                });
            } finally {
                interruptedAfter.set(Thread.interrupted()); // clears it, so the test runner is not disturbed
            }
        });

        assertThat(t).isInstanceOf(ExportException.class).hasMessageContaining("interrupted");
        assertThat(interruptedAfter).isTrue();
        assertCleanEnd();
    }

    @Test
    void aCompleteWalkAheadClosesItsReadAndLeavesNoThread() {
        List<String> seen = new ArrayList<>();

        long n = VisibleTree.walkAhead(archive, ADMIN, largest, VisibleTreeTest.recorder(seen));

        assertThat(n).isEqualTo(largestSize);
        assertThat(seen.stream().filter(s -> s.startsWith("exit"))).hasSize((int) largestSize);
        assertCleanEnd();
    }
}
