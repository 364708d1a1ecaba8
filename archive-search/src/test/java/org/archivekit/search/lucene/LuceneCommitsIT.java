package org.archivekit.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.archivekit.search.spi.SearchFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend commits on a timer and on close, so a crash loses at most one interval of recent changes. */
final class LuceneCommitsIT {
    @TempDir
    Path dir;

    /** Documents in the last commit on disk, as a process opening the index after a crash would find them. */
    private int committed(Path index) throws IOException {
        try (Directory d = FSDirectory.open(index)) {
            if (!DirectoryReader.indexExists(d)) return 0;
            try (DirectoryReader r = DirectoryReader.open(d)) {
                return r.numDocs();
            }
        }
    }

    @Test
    void changesAreCommittedWithinTheIntervalWithoutClosing() throws Exception {
        Path index = dir.resolve("index");
        try (SearchFixture fx = new SearchFixture(LuceneSearchBackend.builder().directory(index)
                .commitInterval(Duration.ofMillis(200)).build())) {
            long visible = fx.search.health().documents();
            assertThat(visible).isPositive();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (committed(index) < visible && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(committed(index)).isEqualTo(visible);
        }
    }

    @Test
    void withALongIntervalOnlyCloseCommits() throws Exception {
        Path index = dir.resolve("index");
        SearchFixture fx = new SearchFixture(LuceneSearchBackend.builder().directory(index)
                .commitInterval(Duration.ofHours(1)).build());
        long visible = fx.search.health().documents();
        Thread.sleep(700);
        assertThat(committed(index)).as("nothing durable before the first timed commit").isZero();
        fx.close();
        assertThat(committed(index)).isEqualTo(visible);
    }
}
