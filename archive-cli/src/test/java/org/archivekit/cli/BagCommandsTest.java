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
    void attachedFilesTravelInTheBagAndArriveWithTheirFixity() throws Exception {
        Path from = dir.resolve("from");
        Path to = dir.resolve("to");
        assertThat(Cli.run(from, "demo", "--items", "100", "--seed", "7").exitCode()).isZero();
        assertThat(Cli.run(to, "init").exitCode()).isZero();
        Cli.Result tree = Cli.run(from, "list", "--level", "item", "--as", "admin", "--json");
        assertThat(tree.exitCode()).as(tree.err()).isZero();
        String item = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tree.out().lines().findFirst()
                .orElseThrow()).at("/record/id").asText();
        assertThat(item).isNotBlank();
        Path scan = Files.writeString(dir.resolve("扫描件 1.txt"), "民国二十年校务会议记录",
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(Cli.run(from, "attach", item, scan.toString()).exitCode()).isZero();

        Path bag = dir.resolve("with-files");
        Cli.Result exported = Cli.run(from, "export", "bag", "Z001", "--out", bag.toString(), "--as", "admin");
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(exported.out()).contains("and 1 file (");
        assertThat(exported.err()).contains("are left out").contains("missing-files.txt"); // the demo's sample lists
        Cli.Result imported = Cli.run(to, "import", "bag", bag.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();

        Path copy = dir.resolve("copy.txt");
        Cli.Result got = Cli.run(to, "get", item, "扫描件 1.txt", "--out", copy.toString());
        assertThat(got.exitCode()).as(got.err()).isZero();
        assertThat(Files.readString(copy, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("民国二十年校务会议记录");
        Cli.Result verify = Cli.run(to, "verify");
        assertThat(verify.out()).contains("1 objects, 1 files: 0 changed,");
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
