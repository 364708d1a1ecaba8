package org.archivekit.share.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.archivekit.core.Archive;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CsvTest {
    private static final InstitutionCode INST = InstitutionCode.of("CSV-1");
    private static final Principal ADMIN = Principal.admin("csv", INST);
    private static final DescriptionId FONDS = DescriptionId.of("F1");
    private static final String HEADER = "id,parent,level,reference_code,title,dates,extents,access_level,"
            + "opening_date,subjects\n";

    @TempDir
    Path dir;

    private static Archive archive() {
        Archive a = Archive.builder().store(new InMemoryArchiveStore()).build();
        a.putInstitution(ADMIN, new Institution(INST, "测试", "Test", null));
        a.create(ADMIN, Description.builder().id(FONDS).institution(INST).level(Level.FONDS).titleZh("全宗").build());
        return a;
    }

    private Path csv(String body) throws IOException {
        return Files.writeString(dir.resolve("in.csv"), body, StandardCharsets.UTF_8);
    }

    private static long stored(Archive a) {
        return a.store().countByLevel().values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void importsRowsUnderTheParentAndUnderEarlierRows() throws IOException {
        try (Archive a = archive()) {
            CsvImportResult r = CsvImporter.builder().parent(FONDS).build().importFile(a, ADMIN, csv(HEADER
                    + "S1,,series,Z1-WS,\"会议纪要, 1931\",1931-1935,12 件,public,,校史 | 会议\n"
                    + "S1.f1,S1,案卷,,File one,民国二十年,,限制,2040-01-01,\n"));
            assertThat(r.imported()).isEqualTo(2);
            Description s1 = a.get(ADMIN, DescriptionId.of("S1"));
            assertThat(s1.title().text()).isEqualTo("会议纪要, 1931");
            assertThat(s1.title().language()).isEqualTo("zh");
            assertThat(s1.subjects()).containsExactly("校史", "会议");
            assertThat(s1.dates().get(0).end()).isEqualTo(LocalDate.of(1935, 12, 31));
            Description f1 = a.get(ADMIN, DescriptionId.of("S1.f1"));
            assertThat(f1.parent()).isEqualTo(s1.id());
            assertThat(f1.level()).isEqualTo(Level.FILE);
            assertThat(f1.access().level()).isEqualTo(AccessLevel.RESTRICTED);
            assertThat(f1.access().openingDate()).isEqualTo(LocalDate.of(2040, 1, 1));
        }
    }

    @Test
    void everyBadRowIsNamedWithItsColumnAndNothingIsStored() throws IOException {
        try (Archive a = archive()) {
            Path f = csv(HEADER + "S1,,series,,Good,,,,,\n" + "S2,,box,,Bad level,,,,,\n"
                    + "S3,,series,,Bad date,not a date at all,,,,\n" + "S4,,series,,,,,,,\n");
            assertThatThrownBy(() -> CsvImporter.builder().parent(FONDS).build().importFile(a, ADMIN, f))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                            .extracting(InvalidRequestException.Violation::path)
                            .containsExactly("row 3, column level", "row 4, column dates", "row 5, column title"));
            assertThat(stored(a)).isEqualTo(1);
        }
    }

    @Test
    void modelLimitsAreNamedByRowAndColumnBeforeAnythingIsStored() throws IOException {
        String longTitle = "长".repeat(2001);
        String manySubjects = String.join(" | ", java.util.Collections.nCopies(501, "校史"));
        try (Archive a = archive()) {
            Path f = csv("id,level,title,title_language,place,subjects\n"
                    + "S1,series,Fine,,,\n"
                    + "S2,series," + longTitle + ",,,\n"
                    + "S3,series,Place,,\"" + "x".repeat(1001) + "\",\n"
                    + "S4,series,Subjects,,," + manySubjects + "\n"
                    + "S5,series,Tag,\"" + "y".repeat(36) + "\",,\n");
            assertThatThrownBy(() -> CsvImporter.builder().parent(FONDS).build().importFile(a, ADMIN, f))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                            .extracting(InvalidRequestException.Violation::path)
                            .containsExactly("row 3, column title", "row 4, column place", "row 5, column subjects",
                                    "row 6, column title_language"));
            assertThat(stored(a)).isEqualTo(1);
        }
    }

    @Test
    void skipBadRowsImportsTheRestAndReportsRowsAndTheirChildren() throws IOException {
        try (Archive a = archive()) {
            Path f = csv(HEADER + "S1,,series,,Good,,,,,\n" + "S2,,box,,Bad level,,,,,\n"
                    + "S2.a,S2,file,,Orphan,,,,,\n");
            CsvImportResult r = CsvImporter.builder().parent(FONDS).skipBadRows(true).build().importFile(a, ADMIN, f);
            assertThat(r.imported()).isEqualTo(1);
            assertThat(r.skipped()).extracting(InvalidRequestException.Violation::path)
                    .contains("row 3, column level", "row 4, column parent");
            assertThat(stored(a)).isEqualTo(2);
        }
    }

    @Test
    void exportNeutralizesFormulasWritesUtf8WithOptionalBomAndImportsBack() throws IOException {
        try (Archive a = archive()) {
            CsvImporter.builder().parent(FONDS).build().importFile(a, ADMIN, csv(HEADER
                    + "S1,,series,,\"'=HYPERLINK(\"\"http://evil\"\")\",1931,,,,@cmd\n"
                    + "S1.f1,S1,file,,\"多行\n标题\",,,,,\n"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CsvExporter.withBom().export(a, ADMIN, FONDS, out);
            byte[] bytes = out.toByteArray();
            assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(text).contains(",\"'=HYPERLINK(").contains(",'@cmd").contains("\"多行\n标题\"")
                    .doesNotContain(",=HYPERLINK");
            assertThat(a.get(ADMIN, DescriptionId.of("S1")).title().text()).isEqualTo("=HYPERLINK(\"http://evil\")");

            // import the export (without its fonds row) into a second archive: the same records come back
            List<String> lines = List.of(text.substring(1).split("\r\n", -1));
            String body = lines.get(0) + "\r\n" + String.join("\r\n", lines.subList(2, lines.size()));
            try (Archive b = archive()) {
                CsvImporter.builder().parent(FONDS).build().importFile(b, ADMIN, csv(body));
                for (String id : List.of("S1", "S1.f1")) {
                    Description x = a.get(ADMIN, DescriptionId.of(id));
                    Description y = b.get(ADMIN, DescriptionId.of(id));
                    assertThat(y.toBuilder().sequence(0).info(x.info()).build())
                            .isEqualTo(x.toBuilder().sequence(0).build());
                }
            }
        }
    }

    @Test
    void publicExportLeavesOutRestrictedRows() throws IOException {
        try (Archive a = archive()) {
            CsvImporter.builder().parent(FONDS).build().importFile(a, ADMIN, csv(HEADER
                    + "S1,,series,,Open,,,,,\n" + "S2,,series,,Secret,,,confidential,,\n"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long n = CsvExporter.plain().export(a, Principal.anonymous(), FONDS, out);
            assertThat(n).isEqualTo(2);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Open").doesNotContain("Secret");
        }
    }
}
