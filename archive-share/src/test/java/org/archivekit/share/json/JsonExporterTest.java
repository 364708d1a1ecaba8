package org.archivekit.share.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.json.ArchiveJson;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.junit.jupiter.api.Test;

final class JsonExporterTest {
    private static final SampleArchive SAMPLE = SampleArchive.builder().items(300).build();

    @Test
    void exportsTheVisibleTreeInTheStableFormParentsFirst() throws IOException {
        Principal admin = Principal.admin("json");
        try (Archive archive = Archive.builder().store(new InMemoryArchiveStore()).build()) {
            archive.putInstitution(admin, SAMPLE.institution());
            archive.importAll(admin, SAMPLE.iterator());
            DescriptionId fonds = archive.fonds(admin, SAMPLE.institution().code()).get(0).description().id();
            long visibleToPublic;
            try (Stream<RecordView> s = archive.descendants(Principal.anonymous(), fonds)) {
                visibleToPublic = s.count() + 1;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long n = JsonExporter.export(archive, Principal.anonymous(), fonds, out);
            assertThat(n).isEqualTo(visibleToPublic);

            JsonNode doc = new ObjectMapper().readTree(out.toByteArray());
            assertThat(doc.get("schema").asText()).isEqualTo(JsonExporter.SCHEMA);
            assertThat(doc.get("records")).hasSize((int) n);
            java.util.Set<DescriptionId> seen = new java.util.HashSet<>();
            for (JsonNode r : doc.get("records")) {
                Description d = ArchiveJson.readDescription(r.toString());
                assertThat(d).isEqualTo(archive.get(Principal.anonymous(), d.id()));
                if (d.parent() != null) assertThat(seen).contains(d.parent());
                seen.add(d.id());
            }
        }
    }
}
