package org.archivekit.share.bagit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.archivekit.core.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile archives are refused before anything is written; bombs are stopped and cleaned up. */
final class SafeUnzipTest {
    @TempDir
    Path dir;

    interface Body {
        void write(ZipArchiveOutputStream z) throws Exception;
    }

    Path zip(String name, Body body) throws Exception {
        Path p = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(p); ZipArchiveOutputStream z = new ZipArchiveOutputStream(o)) {
            body.write(z);
        }
        return p;
    }

    static void file(ZipArchiveOutputStream z, String name, byte[] content) throws Exception {
        z.putArchiveEntry(new ZipArchiveEntry(name));
        z.write(content);
        z.closeArchiveEntry();
    }

    void assertRefusedAndNothingWritten(Path zip, String reason) {
        Path target = dir.resolve("out-" + zip.getFileName());
        assertThatThrownBy(() -> SafeUnzip.extract(zip, target, SafeUnzip.Limits.DEFAULT))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(reason);
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("evil.txt")).doesNotExist();
        assertThat(dir.getParent().resolve("evil.txt")).doesNotExist();
    }

    @Test
    void zipSlipIsRefused() throws Exception {
        assertRefusedAndNothingWritten(zip("slip.zip", z -> {
            file(z, "bag/bagit.txt", "BagIt-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            file(z, "bag/../../evil.txt", "x".getBytes(StandardCharsets.UTF_8));
        }), "zip slip");
    }

    @Test
    void absolutePathsAreRefused() throws Exception {
        assertRefusedAndNothingWritten(zip("abs.zip", z -> file(z, "/tmp/evil.txt", new byte[1])), "absolute");
        assertRefusedAndNothingWritten(zip("drive.zip", z -> file(z, "C:/evil.txt", new byte[1])), "absolute");
    }

    @Test
    void symbolicLinksAreRefused() throws Exception {
        assertRefusedAndNothingWritten(zip("link.zip", z -> {
            file(z, "bag/bagit.txt", new byte[1]);
            ZipArchiveEntry link = new ZipArchiveEntry("bag/data/passwd");
            link.setUnixMode(UnixStat.LINK_FLAG | 0777);
            z.putArchiveEntry(link);
            z.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
        }), "symbolic link");
    }

    @Test
    void duplicateEntriesAreRefused() throws Exception {
        assertRefusedAndNothingWritten(zip("dup.zip", z -> {
            file(z, "a.txt", new byte[1]);
            file(z, "a.txt", new byte[2]);
        }), "twice");
    }

    @Test
    void aZipBombIsStoppedAndCleanedUp() throws Exception {
        Path bomb = zip("bomb.zip", z -> {
            z.putArchiveEntry(new ZipArchiveEntry("bag/data/zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) z.write(zeros);
            z.closeArchiveEntry();
        });
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        assertRefusedAndNothingWritten(bomb, "zip bomb");
        Path small = dir.resolve("small-limit");
        assertThatThrownBy(() -> SafeUnzip.extract(bomb, small, new SafeUnzip.Limits(10, 1 << 20, 100_000)))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(small).doesNotExist();
    }

    @Test
    void aWellFormedZipExtractsToItsBagFolder() throws Exception {
        Path ok = zip("ok.zip", z -> {
            file(z, "mybag/bagit.txt", "x".getBytes(StandardCharsets.UTF_8));
            file(z, "mybag/data/a.txt", "a".getBytes(StandardCharsets.UTF_8));
        });
        Path root = SafeUnzip.extract(ok, dir.resolve("out"), SafeUnzip.Limits.DEFAULT);
        assertThat(root).isEqualTo(dir.resolve("out/mybag"));
        assertThat(root.resolve("data/a.txt")).hasContent("a");
    }
}
