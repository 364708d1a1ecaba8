package org.archivekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write commands keep the search index in step: what they import is found at once, with no reindex. */
final class WritesReachSearchTest {
    private static final String EAD = "<ead xmlns=\"http://ead3.archivists.org/schema/\"><control><recordid>F1"
            + "</recordid></control><archdesc level=\"fonds\"><did><unittitle>Zebrafish papers</unittitle></did><dsc>"
            + "<c level=\"file\" id=\"open\"><did><unittitle>Zebrafish field notes</unittitle></did></c>"
            + "<c level=\"file\" id=\"closed\" audience=\"internal\"><did><unittitle>Zebrafish grant</unittitle></did>"
            + "</c></dsc></archdesc></ead>";
    private static final String BUILDING = "The search index is empty; building it";

    @TempDir
    Path home;

    @TempDir
    Path work;

    @Test
    void importedRecordsAreFoundWithoutReindexing() throws IOException {
        Cli.Result ead = Cli.run(home, "import", "ead", Files.writeString(work.resolve("f1.xml"), EAD).toString(),
                "--institution", "T-1");
        assertThat(ead.exitCode()).as(ead.err()).isZero();

        Cli.Result found = Cli.run(home, "search", "zebrafish", "--as", "staff");
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.err()).doesNotContain(BUILDING);
        assertThat(found.out()).startsWith("3 records").contains("F1.open").contains(" field notes");
        Cli.Result pub = Cli.run(home, "search", "zebrafish");
        assertThat(pub.out()).startsWith("2 records").doesNotContain("grant");

        Path csv = Files.writeString(work.resolve("rows.csv"), "id,level,title\nF1.new,file,斑马鱼实验记录\n");
        Cli.Result rows = Cli.run(home, "import", "csv", csv.toString(), "--parent", "F1");
        assertThat(rows.exitCode()).as(rows.err()).isZero();

        Cli.Result chinese = Cli.run(home, "search", "斑马鱼");
        assertThat(chinese.exitCode()).as(chinese.err()).isZero();
        assertThat(chinese.err()).doesNotContain(BUILDING);
        assertThat(chinese.out()).startsWith("1 record").contains("F1.new").contains("Zebrafish papers");
    }

    @Test
    void aHomeWithoutAnIndexGetsAFullIndexAtTheFirstSearch() throws IOException {
        Cli.run(home, "import", "ead", Files.writeString(work.resolve("f1.xml"), EAD).toString(),
                "--institution", "T-1");
        deleteIndex(); // as a home made before search existed

        Path csv = Files.writeString(work.resolve("rows.csv"), "id,level,title\nF1.new,file,Zebrafish diary\n");
        assertThat(Cli.run(home, "import", "csv", csv.toString(), "--parent", "F1").exitCode()).isZero();

        // the import left the partial index alone, so the search builds it from the whole store
        Cli.Result r = Cli.run(home, "search", "zebrafish");
        assertThat(r.err()).contains(BUILDING);
        assertThat(r.out()).startsWith("3 records").contains("F1.new").contains(" diary").contains("F1.open")
                .contains(" field notes");
    }

    private void deleteIndex() throws IOException {
        try (Stream<Path> s = Files.walk(home.resolve(SearchHome.INDEX))) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
