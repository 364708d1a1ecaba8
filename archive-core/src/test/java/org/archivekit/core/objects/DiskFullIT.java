package org.archivekit.core.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Writes that the file system refuses surface as {@link StorageException} and leave the previous state readable.
 * The refusal is real: {@link DiskFullChild} runs under {@code ulimit -f} (RLIMIT_FSIZE), so the kernel fails every
 * write past the limit with EFBIG, as a full disk fails it with ENOSPC (SQLite reports the one as {@code
 * SQLITE_IOERR_WRITE} and the other as {@code SQLITE_FULL}; Java both as an {@code IOException}). The child tries an attach larger than the limit (the OCFL staging write fails)
 * and a batch import whose write-ahead log outgrows it (the SQLite commit fails), then reads the record and its file
 * as they were; afterwards, without the limit, the home reopens with nothing half-written, reconcile and the fixity
 * audit find nothing, and writes work again.
 *
 * <p>PostgreSQL's disk-full (SQLSTATE 53100) is not simulated here: the server is another process, and limiting
 * its files would crash it rather than fail one statement. It reaches the store as an {@code SQLException} and
 * leaves as a {@link StorageException} like any other, with the transaction rolled back by the server.
 */
final class DiskFullIT {
    private static final Principal ADMIN = Principal.admin("disk-full-test");
    /** The limit on any one file the child writes; the home's files are far smaller when it starts. */
    private static final int LIMIT_KIB = 2048;

    @TempDir
    Path home;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void writesPastAFullFileSystemFailTypedAndThePreviousStateStaysReadable() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/bin/bash"))).as("a POSIX shell to set the limit").isTrue();
        DescriptionId item = OneItemHome.ITEM;
        OneItemHome.fill(home, ADMIN, "原题", "旧内容");
        long largest;
        try (Stream<Path> files = Files.walk(home)) {
            largest = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).max().orElse(0);
        }
        assertThat(largest).as("every file of the home is below the limit").isLessThan(LIMIT_KIB * 1024L / 2);

        Path errors = home.resolve("child.stderr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // bash counts ulimit -f in 1024-byte blocks; the JVM ignores SIGXFSZ, so the write fails instead
        Process child = new ProcessBuilder("/bin/bash", "-c", "ulimit -f " + LIMIT_KIB + " && exec \"$0\" \"$@\"",
                java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:off",
                "-cp", System.getProperty("java.class.path"), DiskFullChild.class.getName(), home.toString(),
                Integer.toString(4 * LIMIT_KIB * 1024), "4000")
                .redirectError(errors.toFile()).start();
        ChildOutput out = ChildOutput.follow(child, errors);
        out.await("CLOSED");
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        out.finish();
        List<String> seen = out.seen();
        System.out.println("DiskFullIT child: " + seen);

        assertThat(seen).anySatisfy(l -> assertThat(l).startsWith("FAILED attach " + StorageException.class.getName())
                .contains("File too large"));
        // SQLite says SQLITE_FULL for ENOSPC and SQLITE_IOERR_WRITE for EFBIG; either way a typed StorageException
        assertThat(seen).anySatisfy(l -> assertThat(l).startsWith("FAILED import " + StorageException.class.getName())
                .containsAnyOf("SQLITE_IOERR_WRITE", "SQLITE_FULL"));
        assertThat(seen).as("read in the same process after the failures").contains("READ 原题 旧内容 1");
        assertThat(child.exitValue()).isZero();

        try (Archive archive = open(); DigitalObjects objects = DigitalObjects.open(archive, home.resolve("objects"))) {
            ReconcileReport repair = objects.reconcile(ADMIN);
            assertThat(repair.isClean()).as("nothing half-written to repair: %s", repair).isTrue();
            assertThat(archive.store().find(DescriptionId.of("B0"))).as("no record of the failed batch").isEmpty();
            assertThat(archive.store().countChildren(DescriptionId.of("F1"))).isEqualTo(1);
            Description d = archive.get(ADMIN, item);
            assertThat(d.digitalObjects()).extracting(r -> r.fileName()).containsExactly("a.txt");
            assertThat(objects.versions(ADMIN, item)).hasSize(1);
            try (InputStream in = objects.read(ADMIN, item, "a.txt")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("旧内容");
            }
            assertThat(objects.verify(ADMIN).isClean()).isTrue();
            // and the home takes writes again once there is room
            objects.attach(ADMIN, item, "b.txt", "text/plain",
                    new ByteArrayInputStream("新内容".getBytes(StandardCharsets.UTF_8)));
            assertThat(objects.files(ADMIN, item)).hasSize(2);
        }
    }

    private Archive open() {
        return OneItemHome.open(home);
    }
}
