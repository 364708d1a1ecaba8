package org.archivekit.core.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.archivekit.core.model.AuditEvent;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.Level;
import org.archivekit.core.spi.StoreFixtures;

/**
 * The process {@link SqliteCrashIT} kills: opens a store, creates fonds {@code F1}, then imports {@code count}
 * items under it in one {@code createAll}. Prints {@code STARTED} once the batch is under way and
 * {@code COMMITTED} when it returned.
 */
final class SqliteCrashChild {
    private SqliteCrashChild() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        AuditEvent audit = new AuditEvent(0, Instant.now(), "crash-test", "import", null, 0, 0, "");
        try (SqliteArchiveStore store = SqliteArchiveStore.open(file)) {
            store.create(StoreFixtures.fonds("F1"), audit);
            Iterator<Description> items = new Iterator<>() {
                int i;

                @Override
                public boolean hasNext() {
                    return i < count;
                }

                @Override
                public Description next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    i++;
                    if (i == 500) say("STARTED");
                    return StoreFixtures.record("item-" + i, Level.ITEM, "F1")
                            .referenceCode(org.archivekit.core.model.ReferenceCode.of("F1-" + i))
                            .scopeAndContent("第" + i + "件的内容提要，写得长一些以便批量写入需要一点时间。")
                            .build();
                }
            };
            long stored = store.createAll(items, audit);
            say("COMMITTED " + stored);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
