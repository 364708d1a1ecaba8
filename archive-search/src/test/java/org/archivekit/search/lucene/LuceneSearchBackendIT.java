package org.archivekit.search.lucene;

import java.nio.file.Path;
import org.archivekit.search.spi.SearchBackend;
import org.archivekit.search.spi.SearchBackendContract;

/** The Lucene backend passes the backend contract on a real on-disk index. */
final class LuceneSearchBackendIT extends SearchBackendContract {
    @Override
    protected SearchBackend newBackend(Path dir) {
        return LuceneSearchBackend.builder().directory(dir).build();
    }
}
