package org.archivekit.core.objects;

import java.nio.file.Path;
import org.archivekit.core.Archive;
import org.archivekit.core.store.SqliteArchiveStore;

/**
 * The child of {@link WriterLockIT}: opens the home's digital objects for writing, prints {@code READY} and holds
 * them until its standard input closes (or it is killed).
 */
final class WriterLockChild {
    private WriterLockChild() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        try (Archive archive = Archive.builder().store(SqliteArchiveStore.open(home.resolve("store.db"))).build();
                DigitalObjects objects = DigitalObjects.open(archive, home.resolve("objects"))) {
            System.out.println("READY");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes the pipe
            }
        }
        System.out.println("CLOSED");
        System.out.flush();
    }
}
