package org.archivekit.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.archivekit.core.spi.StoreFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 records in one atomic {@code createAll}, in a JVM whose heap (64 MB) could not hold them all at once:
 * the batch must stream.
 */
final class SqliteBulkImportIT {
    private static final int ITEMS = 100_000;

    @TempDir
    Path dir;

    @Test
    void hundredThousandRecordsImportAtomicallyInBoundedMemory() throws Exception {
        Path db = dir.resolve("store.db");
        Path out = dir.resolve("child.out");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), SqliteCrashChild.class.getName(),
                db.toString(), Integer.toString(ITEMS))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("child finished").isTrue();
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("COMMITTED " + ITEMS).doesNotContain("OutOfMemoryError");
        try (SqliteArchiveStore store = SqliteArchiveStore.open(db)) {
            assertThat(store.countChildren(StoreFixtures.id("F1"))).isEqualTo(ITEMS);
        }
    }
}
