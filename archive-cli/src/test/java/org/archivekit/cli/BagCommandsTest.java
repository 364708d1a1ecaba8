package org.archivekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export bag and import bag between two homes. */
final class BagCommandsTest {
    @TempDir
    Path dir;

    @Test
    void aFondsMovesBetweenHomesAsAZippedBag() throws Exception {
        Path from = dir.resolve("from");
        Path to = dir.resolve("to");
        assertThat(Cli.run(from, "demo", "--items", "200", "--seed", "5").exitCode()).isZero();
        assertThat(Cli.run(to, "init").exitCode()).isZero();
        Path zip = dir.resolve("Z001.zip");
        Cli.Result exported = Cli.run(from, "export", "bag", "Z001", "--out", zip.toString(), "--as", "admin");
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(zip).exists();
        Cli.Result imported = Cli.run(to, "import", "bag", zip.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        String count = exported.out().replaceAll("(?s).*a bag of (\\d+) records.*", "$1").strip();
        assertThat(imported.out()).contains("imported " + count + " records");
        assertThat(Cli.run(to, "show", "Z001").exitCode()).isZero();
        assertThat(Cli.run(to, "import", "bag", zip.toString()).exitCode()).isEqualTo(1);
    }

    @Test
    void aTamperedBagDirectoryIsRefusedWithExitTwo() throws Exception {
        Path home = dir.resolve("h");
        assertThat(Cli.run(home, "demo", "--items", "100").exitCode()).isZero();
        Path bag = dir.resolve("bag");
        assertThat(Cli.run(home, "export", "bag", "Z001", "--out", bag.toString()).exitCode()).isZero();
        Path ead = bag.resolve("data/metadata/ead3.xml");
        Files.writeString(ead, Files.readString(ead) + " ");
        Path other = dir.resolve("other");
        assertThat(Cli.run(other, "init").exitCode()).isZero();
        Cli.Result r = Cli.run(other, "import", "bag", bag.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("ead3.xml").contains("checksum");
    }
}
