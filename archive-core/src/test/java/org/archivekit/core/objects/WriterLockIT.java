package org.archivekit.core.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.archivekit.core.Archive;
import org.archivekit.core.StorageException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.Title;
import org.archivekit.core.store.SqliteArchiveStore;
import org.archivekit.core.testing.ChildOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per home across processes: while another JVM ({@link WriterLockChild}) has the home's digital objects
 * open for writing, opening them for writing here is refused with a {@link StorageException} that says why, reading
 * still works, and once that process closes them (or dies) the home opens for writing again.
 */
final class WriterLockIT {
    private static final Principal ADMIN = Principal.admin("lock-test");

    @TempDir
    Path home;

    /** Starts {@link WriterLockChild} on the home, its standard error going to {@code errors}. */
    private Process startChild(Path errors) throws java.io.IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                WriterLockChild.class.getName(), home.toString()).redirectError(errors.toFile()).start();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aSecondProcessOpeningTheHomeForWritingIsRefused() throws Exception {
        DescriptionId item = OneItemHome.ITEM;
        OneItemHome.fill(home, ADMIN, "件", "第一版");

        Path errors = home.resolve("child.stderr");
        Process child = startChild(errors);
        ChildOutput out = ChildOutput.follow(child, errors);
        try {
            out.await("READY");
            try (Archive archive = open()) {
                assertThatThrownBy(() -> DigitalObjects.open(archive, home.resolve("objects")))
                        .isInstanceOf(StorageException.class)
                        .hasMessageContaining("open for writing by another process")
                        .hasMessageContaining(home.resolve("objects.lock").toString());
                // readers are not writers: reading goes on beside the other process's lock
                try (DigitalObjects reader = DigitalObjects.openReadOnly(archive, home.resolve("objects"))) {
                    assertThat(reader.read(ADMIN, item, "a.txt").readAllBytes())
                            .isEqualTo("第一版".getBytes(StandardCharsets.UTF_8));
                }
            }

            child.getOutputStream().close(); // the child closes its objects and exits
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            out.finish();
            assertThat(out.seen()).contains("CLOSED");
            assertThat(child.exitValue()).isZero();
        } finally {
            child.destroyForcibly();
        }

        try (Archive archive = open(); DigitalObjects objects = DigitalObjects.open(archive, home.resolve("objects"))) {
            objects.attach(ADMIN, item, "b.txt", "text/plain",
                    new ByteArrayInputStream("第二版".getBytes(StandardCharsets.UTF_8)));
            assertThat(objects.files(ADMIN, item)).hasSize(2);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aKilledWriterLeavesNoLockBehind() throws Exception {
        Path errors = home.resolve("child.stderr");
        java.nio.file.Files.createDirectories(home);
        Process child = startChild(errors);
        ChildOutput out = ChildOutput.follow(child, errors);
        try {
            out.await("READY");
            try (Archive archive = open()) {
                assertThatThrownBy(() -> DigitalObjects.open(archive, home.resolve("objects")))
                        .isInstanceOf(StorageException.class)
                        .hasMessageContaining("open for writing by another process");
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: the operating system releases the lock with the process
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (Archive archive = open(); DigitalObjects objects = DigitalObjects.open(archive, home.resolve("objects"))) {
            assertThat(objects.root()).isEqualTo(home.resolve("objects").toAbsolutePath().normalize());
        }
    }

    private Archive open() {
        return OneItemHome.open(home);
    }
}
