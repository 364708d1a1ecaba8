package org.archivekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.spi.RenderedEntry;
import org.archivekit.core.store.SqliteArchiveStore;
import org.archivekit.share.ead.Ead3Renditions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class InteropCommandsTest {
    private static final String EAD = "<ead xmlns=\"http://ead3.archivists.org/schema/\"><control><recordid>F1"
            + "</recordid></control><archdesc level=\"fonds\"><did><unittitle>Papers</unittitle></did><dsc>"
            + "<c level=\"file\" id=\"open\"><did><unittitle>Open file</unittitle></did></c>"
            + "<c level=\"file\" id=\"closed\" audience=\"internal\"><did><unittitle>Closed file</unittitle></did></c>"
            + "</dsc></archdesc></ead>";

    @TempDir
    Path home;

    @TempDir
    Path work;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(work.resolve(name), content);
    }

    @Test
    void importsEadAndExportsWhatTheRoleMaySee() throws IOException {
        Path ead = file("f1.xml", EAD);
        Cli.Result imported = Cli.run(home, "import", "ead", ead.toString(), "--institution", "T-1");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("EAD3, 3 records (fonds 1, file 2)");

        Path out = work.resolve("out.xml");
        Cli.Result pub = Cli.run(home, "export", "ead3", "F1", "--out", out.toString());
        assertThat(pub.exitCode()).as(pub.err()).isZero();
        assertThat(pub.out()).contains("wrote 2 records");
        assertThat(Files.readString(out)).contains("Open file").doesNotContain("Closed file");

        Cli.Result staff = Cli.run(home, "export", "ead2002", "F1", "--out", out.toString(), "--as", "staff");
        assertThat(staff.exitCode()).isZero();
        assertThat(Files.readString(out)).contains("Closed file").contains("urn:isbn:1-931666-22-9");

        Cli.Result dc = Cli.run(home, "export", "dc", "F1.open", "--out", out.toString());
        assertThat(dc.exitCode()).isZero();
        assertThat(Files.readString(out)).contains("<dc:title xml:lang=\"und\">Open file</dc:title>");
    }

    @Test
    void importedRecordsKeepTheirEad3RenditionsSoExportsCopyThem() throws IOException {
        Cli.Result imported = Cli.run(home, "import", "ead", file("f1.xml", EAD).toString(), "--institution", "T-1");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        try (ArchiveStore store = SqliteArchiveStore.open(home.resolve(CliContext.DATABASE));
                Stream<RenderedEntry> walk = store.renderedSubtree(DescriptionId.of("F1"), Ead3Renditions.FORMAT,
                        Ead3Renditions.FORMAT_VERSION)) {
            assertThat(walk.filter(e -> e.rendition() != null).count()).isEqualTo(3);
        }
    }

    @Test
    void importsCsvUnderAParentAndExportsCsvAndJson() throws IOException {
        Cli.run(home, "import", "ead", file("f1.xml", EAD).toString(), "--institution", "T-1");
        Path csv = file("rows.csv", "id,level,title\nF1.new,file,新案卷\n");
        Cli.Result r = Cli.run(home, "import", "csv", csv.toString(), "--parent", "F1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("imported 1 record under F1");

        Path out = work.resolve("out.csv");
        assertThat(Cli.run(home, "export", "csv", "F1", "--out", out.toString(), "--bom").exitCode()).isZero();
        assertThat(Files.readString(out)).startsWith("\uFEFFid,").contains("F1.new,F1,file,,新案卷");
        assertThat(Cli.run(home, "export", "json", "F1", "--out", out.toString()).exitCode()).isZero();
        assertThat(Files.readString(out)).contains("\"schema\":\"archivekit/export@1\"").contains("新案卷");
        assertThat(Cli.run(home, "export", "jsonld", "F1", "--out", out.toString()).exitCode()).isZero();
        assertThat(Files.readString(out)).contains("\"@type\":\"ArchiveComponent\"").contains("新案卷");

        Path bad = file("bad.csv", "id,level,title\nX1,box,Bad\n");
        Cli.Result refused = Cli.run(home, "import", "csv", bad.toString(), "--parent", "F1");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("row 2, column level");
    }

    @Test
    void badInputExitsTwoWithFileLineAndColumn() throws IOException {
        Path bad = file("bad.xml", "<ead xmlns=\"http://ead3.archivists.org/schema/\">\n  <control>\n</ead>");
        Cli.Result r = Cli.run(home, "import", "ead", bad.toString(), "--institution", "T-1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("archivekit: " + bad + ":3:3: ");
    }

    @Test
    void hiddenRecordExportsLikeAMissingOne() throws IOException {
        Cli.run(home, "import", "ead", file("f1.xml", EAD).toString(), "--institution", "T-1");
        Cli.Result r = Cli.run(home, "export", "dc", "F1.closed", "--out", work.resolve("x.xml").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(Files.exists(work.resolve("x.xml"))).isFalse();
    }
}
