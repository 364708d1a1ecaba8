package org.archivekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.archivekit.search.ArchiveSearch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Totals beyond the exact-count threshold are shown as lower bounds ("1,000+"), in text and in JSON. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SearchTotalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THRESHOLD = ArchiveSearch.DEFAULT_EXACT_TOTAL_UP_TO;

    @TempDir
    static Path home;

    private long everything;

    @BeforeAll
    void demo() throws Exception {
        // enough records that the administrator matches more than the threshold with the empty query
        Cli.Result r = Cli.run(home, "demo", "--items", String.valueOf(THRESHOLD + 100), "--seed", "4");
        assertThat(r.exitCode()).isZero();
        JsonNode exact = JSON.readTree(Cli.run(home, "search", "", "--as", "admin", "--exact-total", "--json").out());
        assertThat(exact.get("totalExact").asBoolean()).isTrue();
        everything = exact.get("total").asLong();
        assertThat(everything).isGreaterThan(THRESHOLD);
    }

    @Test
    void aTotalBeyondTheThresholdIsPrintedAsALowerBound() {
        Cli.Result r = Cli.run(home, "search", "", "--as", "admin", "--limit", "1");
        assertThat(r.exitCode()).isZero();
        assertThat(r.lines().get(0)).isEqualTo(Text.count(THRESHOLD) + "+ records");
    }

    @Test
    void jsonSaysWhetherTheTotalIsExact() throws Exception {
        JsonNode bound = JSON.readTree(Cli.run(home, "search", "", "--as", "admin", "--json").out());
        assertThat(bound.get("totalExact").asBoolean()).isFalse();
        assertThat(bound.get("total").asLong()).isEqualTo(THRESHOLD).isLessThan(everything);
        JsonNode small = JSON.readTree(Cli.run(home, "search", "", "--filter", "level=fonds", "--json").out());
        assertThat(small.get("totalExact").asBoolean()).isTrue();
    }

    @Test
    void exactTotalAndFacetsCountEverything() {
        Cli.Result exact = Cli.run(home, "search", "", "--as", "admin", "--limit", "1", "--exact-total");
        assertThat(exact.lines().get(0)).isEqualTo(Text.count(everything) + " records");
        Cli.Result facets = Cli.run(home, "search", "", "--as", "admin", "--limit", "1", "--facets");
        assertThat(facets.lines().get(0)).isEqualTo(Text.count(everything) + " records");
    }
}
