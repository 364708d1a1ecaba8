package org.archivekit.core.store;

import java.nio.file.Path;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.spi.ArchiveStoreContract;

final class SqliteArchiveStoreTest extends ArchiveStoreContract {
    @Override
    protected ArchiveStore newStore(Path dir) {
        return SqliteArchiveStore.open(dir.resolve("archive").resolve("store.db"));
    }
}
