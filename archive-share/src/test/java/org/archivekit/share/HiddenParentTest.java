package org.archivekit.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Grant;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.share.bagit.Bags;
import org.archivekit.share.csv.CsvExporter;
import org.archivekit.share.json.JsonExporter;
import org.archivekit.share.jsonld.JsonLdExporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader who sees a record only through a grant, below a series they may not see: no export names that series,
 * while an administrator's export of the same record does (so the assertions would catch the id if it leaked).
 */
final class HiddenParentTest {
    private static final SampleArchive SAMPLE = SampleArchive.builder().items(100).build();
    private final Principal admin = Principal.admin("hp");
    private Archive archive;
    private Description series;
    private Description granted;
    private Principal reader;

    @BeforeEach
    void setUp() {
        archive = Archive.builder().store(new InMemoryArchiveStore()).build();
        archive.putInstitution(admin, SAMPLE.institution());
        archive.importAll(admin, SAMPLE.iterator());
        InstitutionCode code = SAMPLE.institution().code();
        Description fonds = archive.fonds(admin, code).get(0).description();
        Description s = archive.children(admin, fonds.id(), null, 1).items().get(0).description();
        archive.update(admin, s.toBuilder().access(s.access().withLevel(AccessLevel.RESTRICTED)).build());
        series = archive.get(admin, s.id());
        granted = archive.children(admin, series.id(), null, 1).items().get(0).description();
        reader = Principal.campus("grantee", code).withGrant(new Grant(granted.id(), Instant.now().plusSeconds(3600)));
        assertThat(archive.find(reader, granted.id())).isPresent();
        assertThat(archive.find(reader, series.id())).isEmpty();
        assertThat(granted.parent()).isEqualTo(series.id());
    }

    @AfterEach
    void tearDown() {
        archive.close();
    }

    @Test
    void theRecordViewNamesOnlyAVisibleParent() {
        assertThat(archive.view(reader, granted.id()).visibleParent()).isNull();
        assertThat(archive.view(admin, granted.id()).visibleParent()).isEqualTo(series.id());
        assertThat(archive.view(admin, series.id()).visibleParent()).isEqualTo(series.parent());
    }

    @Test
    void jsonExport() {
        String parent = "\"parent\":\"" + series.id().value() + "\"";
        assertThat(json(reader)).contains("\"id\":\"" + granted.id().value() + "\"").doesNotContain(parent);
        assertThat(json(admin)).contains(parent);
    }

    @Test
    void csvExport() {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        CsvExporter.plain().export(archive, reader, granted.id(), r);
        CsvExporter.plain().export(archive, admin, granted.id(), a);
        String row = "\n" + granted.id().value() + "," + series.id().value() + ",";
        assertThat(r.toString(StandardCharsets.UTF_8)).contains("\n" + granted.id().value() + ",,")
                .doesNotContain(row);
        assertThat(a.toString(StandardCharsets.UTF_8)).contains(row);
    }

    @Test
    void jsonLdExport() {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        JsonLdExporter.standard().export(archive, reader, granted.id(), r);
        JsonLdExporter.standard().export(archive, admin, granted.id(), a);
        String partOf = "\"isPartOf\":{\"@id\":\"urn:archivekit:" + series.id().value() + "\"}";
        assertThat(r.toString(StandardCharsets.UTF_8)).contains("urn:archivekit:" + granted.id().value())
                .doesNotContain(partOf);
        assertThat(a.toString(StandardCharsets.UTF_8)).contains(partOf);
    }

    @Test
    void bagRecords(@TempDir Path dir) throws IOException {
        Bags.of(archive).export(reader, granted.id(), dir.resolve("r"));
        Bags.of(archive).export(admin, granted.id(), dir.resolve("a"));
        String r = Files.readString(dir.resolve("r/data").resolve(Bags.RECORDS));
        String a = Files.readString(dir.resolve("a/data").resolve(Bags.RECORDS));
        String parent = "\"parent\":\"" + series.id().value() + "\"";
        assertThat(r).contains("\"id\":\"" + granted.id().value() + "\"").doesNotContain(parent);
        assertThat(a).contains(parent);
    }

    private String json(Principal caller) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonExporter.export(archive, caller, granted.id(), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
