package org.archivekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.archivekit.share.link.ShareLinkRefusedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** share create, open, revoke and list over a small demo archive. */
final class ShareCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    private static String restrictedItem;

    @BeforeAll
    static void fill() throws Exception {
        assertThat(Cli.run(home, "demo", "--items", "200", "--seed", "3").exitCode()).isZero();
        Cli.Result all = Cli.run(home, "list", "--level", "item", "--as", "staff", "--json", "--limit", "0");
        for (String line : all.lines()) {
            JsonNode n = JSON.readTree(line);
            if (n.get("effectiveLevel").asText().equals("RESTRICTED")
                    && n.at("/record/status").asText().equals("PUBLISHED")) {
                restrictedItem = n.at("/record/id").asText();
                break;
            }
        }
        assertThat(restrictedItem).isNotNull();
    }

    @Test
    void staffSharesARestrictedRecordWithTheOutsideWorld() throws Exception {
        assertThat(Cli.run(home, "show", restrictedItem).exitCode()).isEqualTo(3);
        Cli.Result created = Cli.run(home, "share", "create", restrictedItem, "--ttl", "7d", "--max-uses", "2",
                "--as", "staff");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String token = created.out().strip();
        assertThat(token).startsWith("ak1.");

        Cli.Result opened = Cli.run(home, "share", "open", token, "--json");
        assertThat(opened.exitCode()).as(opened.err()).isZero();
        JsonNode view = JSON.readTree(opened.out());
        assertThat(view.get("schema").asText()).isEqualTo("archivekit/shared@1");
        assertThat(view.at("/record/id").asText()).isEqualTo(restrictedItem);

        Cli.Result listed = Cli.run(home, "share", "list", restrictedItem, "--as", "staff");
        assertThat(listed.out()).contains("uses 1/2").doesNotContain(token).doesNotContain(token.split("\\.")[1]);

        assertThat(Cli.run(home, "share", "open", token).exitCode()).isZero();
        Cli.Result usedUp = Cli.run(home, "share", "open", token);
        assertThat(usedUp.exitCode()).isEqualTo(3);
        assertThat(usedUp.err().strip()).isEqualTo("archivekit: " + ShareLinkRefusedException.MESSAGE);
    }

    @Test
    void forgedAndRevokedTokensExitThreeWithTheSameMessage() {
        String token = Cli.run(home, "share", "create", restrictedItem, "--ttl", "1h", "--as", "staff").out().strip();
        Cli.Result forged = Cli.run(home, "share", "open", token.substring(0, token.length() - 2) + "xx");
        assertThat(Cli.run(home, "share", "revoke", token, "--as", "campus").exitCode()).isEqualTo(1);
        assertThat(Cli.run(home, "share", "revoke", token, "--as", "staff").exitCode()).isZero();
        Cli.Result revoked = Cli.run(home, "share", "open", token);
        assertThat(forged.exitCode()).isEqualTo(3);
        assertThat(revoked.exitCode()).isEqualTo(3);
        assertThat(revoked.err()).isEqualTo(forged.err());
    }

    @Test
    void thePublicCannotShareWhatItCannotSeeAndTtlIsRequired() {
        assertThat(Cli.run(home, "share", "create", restrictedItem, "--ttl", "1d").exitCode()).isEqualTo(3);
        assertThat(Cli.run(home, "share", "create", restrictedItem, "--as", "staff").exitCode()).isEqualTo(2);
        assertThat(Cli.run(home, "share", "create", restrictedItem, "--ttl", "1y", "--as", "staff").exitCode())
                .isEqualTo(2);
    }
}
