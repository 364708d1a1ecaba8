package org.archivekit.core.store;

import java.nio.file.Path;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.spi.ArchiveStoreContract;

final class InMemoryArchiveStoreTest extends ArchiveStoreContract {
    @Override
    protected ArchiveStore newStore(Path dir) {
        return new InMemoryArchiveStore();
    }
}
