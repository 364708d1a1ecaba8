package org.archivekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SearchCommandsTest {
    @TempDir
    static Path home;

    @BeforeAll
    void demo() {
        Cli.Result r = Cli.run(home, "demo", "--items", "300", "--seed", "2");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).containsPattern("Indexed [\\d,]+ records for search");
    }

    @Nested
    final class Search {
        @Test
        void findsRecordsAndPrintsBreadcrumbsAndPaging() {
            Cli.Result r = Cli.run(home, "search", "校长办公室", "--limit", "3");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).containsPattern("^[\\d,]+ records").contains(" › ").contains("Next page: --after ");
        }

        @Test
        void adminSeesAtLeastWhatThePublicSees() throws Exception {
            ObjectMapper m = new ObjectMapper();
            JsonNode pub = m.readTree(Cli.run(home, "search", "", "--json").out());
            JsonNode admin = m.readTree(Cli.run(home, "search", "", "--json", "--as", "admin").out());
            assertThat(pub.get("schema").asText()).isEqualTo("archivekit/search@1");
            assertThat(admin.get("total").asLong()).isGreaterThan(pub.get("total").asLong());
            for (JsonNode h : pub.get("hits")) {
                assertThat(h.at("/view/effectiveLevel").asText()).isEqualTo("PUBLIC");
            }
        }

        @Test
        void filtersFacetsAndSorts() {
            Cli.Result r = Cli.run(home, "search", "", "--filter", "level=fonds", "--sort", "code", "--facets");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).startsWith("7 records").contains("level: FONDS (7)");
        }

        @Test
        void badSyntaxAndAccessFilterForThePublicAreBadInput() {
            assertThat(Cli.run(home, "search", "*abc").exitCode()).isEqualTo(2);
            assertThat(Cli.run(home, "search", "", "--filter", "access=public").exitCode()).isEqualTo(2);
            assertThat(Cli.run(home, "search", "", "--filter", "access=public", "--as", "staff").exitCode())
                    .isZero();
        }
    }

    @Test
    void suggestsAndBrowses() {
        Cli.Result s = Cli.run(home, "suggest", "校");
        assertThat(s.exitCode()).isZero();
        assertThat(s.lines()).isNotEmpty().allMatch(l -> l.contains("校"));
        Cli.Result fonds = Cli.run(home, "search", "", "--filter", "level=fonds", "--sort", "code", "--json");
        String firstFonds = fonds.out().replaceAll("(?s).*?\"id\" : \"([^\"]+)\".*", "$1");
        Cli.Result b = Cli.run(home, "browse", firstFonds);
        assertThat(b.exitCode()).isZero();
        assertThat(b.lines()).isNotEmpty();
        assertThat(Cli.run(home, "browse", "NO-SUCH-ID").exitCode()).isEqualTo(3);
    }

    @Test
    void reindexAndCheckIndex() {
        Cli.Result r = Cli.run(home, "reindex");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).containsPattern("Indexed [\\d,]+ records in");
        Cli.Result c = Cli.run(home, "check-index", "--dry-run");
        assertThat(c.exitCode()).isZero();
        assertThat(c.out()).contains("The index is consistent with the store.");
    }
}
