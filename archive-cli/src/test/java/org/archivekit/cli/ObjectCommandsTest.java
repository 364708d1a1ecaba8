package org.archivekit.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attach, files, get, verify and reconcile over a small demo archive. */
final class ObjectCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @TempDir
    Path work;

    String open;
    String hidden;

    @BeforeEach
    void fill() throws Exception {
        assertThat(Cli.run(home, "demo", "--items", "100", "--seed", "3").exitCode()).isZero();
        Cli.Result all = Cli.run(home, "list", "--as", "admin", "--json", "--limit", "0");
        open = firstItem(all, "PUBLIC");
        hidden = firstItem(all, "CONFIDENTIAL");
    }

    private static String firstItem(Cli.Result all, String effectiveLevel) throws Exception {
        for (String line : all.lines()) {
            JsonNode n = JSON.readTree(line);
            if (n.get("effectiveLevel").asText().equals(effectiveLevel)
                    && n.at("/record/level").asText().equals("ITEM")
                    && n.at("/record/status").asText().equals("PUBLISHED")) {
                return n.at("/record/id").asText();
            }
        }
        throw new AssertionError("no " + effectiveLevel + " item in the demo");
    }

    @Test
    void attachedFilesAreListedAndCopiedOutWithTheirFixityChecked() throws Exception {
        Path scan = Files.writeString(work.resolve("扫描件.txt"), "民国二十年校务会议记录", UTF_8);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(scan)));

        Cli.Result attached = Cli.run(home, "attach", open, scan.toString());
        assertThat(attached.exitCode()).as(attached.err()).isZero();
        assertThat(attached.out()).contains(open + "/扫描件.txt", sha256);

        Cli.Result files = Cli.run(home, "files", open, "--versions");
        assertThat(files.exitCode()).isZero();
        assertThat(files.out()).contains("扫描件.txt", sha256, "v1");

        Path out = work.resolve("copy.txt");
        Cli.Result got = Cli.run(home, "get", open, "扫描件.txt", "--out", out.toString());
        assertThat(got.exitCode()).as(got.err()).isZero();
        assertThat(Files.readString(out, UTF_8)).isEqualTo("民国二十年校务会议记录");

        // the demo's records list sample files that no object holds: verify reports those, and only those
        Cli.Result verify = Cli.run(home, "verify");
        assertThat(verify.out()).contains("1 objects, 1 files: 0 changed,", " 0 untracked, 0 invalid, 0 mismatched")
                .doesNotContain(open + "/");
        assertThat(verify.out().lines().filter(l -> l.startsWith("missing  ")))
                .allMatch(l -> l.endsWith(": listed, the record has no object"));
    }

    @Test
    void aHiddenRecordsFilesAreNotFoundForThePublicAndShownToTheAdmin() throws Exception {
        Path secret = Files.writeString(work.resolve("secret.txt"), "机密", UTF_8);
        assertThat(Cli.run(home, "attach", hidden, secret.toString()).exitCode()).isZero();

        Cli.Result asPublic = Cli.run(home, "files", hidden);
        Cli.Result missing = Cli.run(home, "files", "NO-SUCH-RECORD");
        assertThat(asPublic.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(asPublic.out()).isEmpty();
        assertThat(asPublic.err()).doesNotContain("secret.txt")
                .isEqualTo(missing.err().replace("NO-SUCH-RECORD", hidden));
        Cli.Result get = Cli.run(home, "get", hidden, "secret.txt", "--out", work.resolve("x").toString());
        assertThat(get.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(work.resolve("x")).doesNotExist();

        assertThat(Cli.run(home, "files", hidden, "--as", "admin").out()).contains("secret.txt");
    }

    @Test
    void verifyFindsAChangedFileAndGetRefusesIt() throws Exception {
        Path scan = Files.writeString(work.resolve("a.txt"), "original", UTF_8);
        assertThat(Cli.run(home, "attach", open, scan.toString()).exitCode()).isZero();
        Path stored;
        try (Stream<Path> s = Files.walk(home.resolve("objects"))) {
            stored = s.filter(p -> p.getFileName().toString().equals("a.txt")).collect(Collectors.toList()).get(0);
        }
        stored.toFile().setWritable(true);
        Files.writeString(stored, "tampered", UTF_8);

        Cli.Result verify = Cli.run(home, "verify");
        assertThat(verify.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(verify.out()).contains("changed  " + open + "/a.txt", "1 changed");
        Cli.Result get = Cli.run(home, "get", open, "a.txt", "--out", work.resolve("a-copy.txt").toString());
        assertThat(get.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(get.err()).contains("fixity");
        assertThat(work.resolve("a-copy.txt")).doesNotExist();
    }

    @Test
    void reconcileOnAConsistentHomeRepairsNothing() throws Exception {
        Path scan = Files.writeString(work.resolve("a.txt"), "x", UTF_8);
        assertThat(Cli.run(home, "attach", open, scan.toString()).exitCode()).isZero();

        Cli.Result r = Cli.run(home, "reconcile");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("1 objects: 0 rolled back, 0 detached, 0 without a record");
    }

    @Test
    void severalFilesInOneAttachAreOneVersionAndTwoOfOneNameAreBadInput() throws Exception {
        Path a = Files.writeString(work.resolve("第一页.txt"), "一".repeat(1000), UTF_8);
        Path b = Files.write(work.resolve("b.bin"), new byte[3 << 20]);
        Path c = Files.writeString(work.resolve("c.txt"), "c", UTF_8);

        Cli.Result attached = Cli.run(home, "attach", open, a.toString(), b.toString(), c.toString());

        assertThat(attached.exitCode()).as(attached.err()).isZero();
        assertThat(attached.out().lines().filter(l -> l.endsWith("(record version " + attached.out().lines()
                .findFirst().orElseThrow().replaceAll(".*record version (\\d+)\\)$", "$1") + ")")))
                .hasSize(3);
        Cli.Result files = Cli.run(home, "files", open, "--versions");
        assertThat(files.out()).contains("第一页.txt", "b.bin", "c.txt", "v1  ", "attach 3 files")
                .doesNotContain("v2  ");

        Path other = Files.createDirectories(work.resolve("other")).resolve("c.txt");
        Files.writeString(other, "another c", UTF_8);
        assertThat(Cli.run(home, "attach", open, c.toString(), other.toString()).exitCode())
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Cli.run(home, "files", open, "--versions").out()).doesNotContain("v2  ");
    }

    @Test
    void attachingAMissingFileIsBadInput() {
        assertThat(Cli.run(home, "attach", open, work.resolve("nope.bin").toString()).exitCode())
                .isEqualTo(ExitCodes.BAD_INPUT);
    }
}
