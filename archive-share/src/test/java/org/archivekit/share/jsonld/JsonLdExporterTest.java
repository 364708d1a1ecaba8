package org.archivekit.share.jsonld;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.AgentType;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.junit.jupiter.api.Test;

final class JsonLdExporterTest {
    private static final SampleArchive SAMPLE = SampleArchive.builder().items(300).build();

    @Test
    void writesSchemaOrgArchiveComponentsOfTheVisibleTree() throws IOException {
        Principal admin = Principal.admin("ld");
        try (Archive archive = Archive.builder().store(new InMemoryArchiveStore()).build()) {
            archive.putInstitution(admin, SAMPLE.institution());
            archive.importAll(admin, SAMPLE.iterator());
            DescriptionId fonds = archive.fonds(admin, SAMPLE.institution().code()).get(0).description().id();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long n = JsonLdExporter.withBase("https://archives.example.edu/r/").export(archive,
                    Principal.anonymous(), fonds, out);
            long visible;
            try (Stream<RecordView> s = archive.descendants(Principal.anonymous(), fonds)) {
                visible = s.count() + 1;
            }
            assertThat(n).isEqualTo(visible);

            JsonNode doc = new ObjectMapper().readTree(out.toByteArray());
            assertThat(doc.get("@context").asText()).isEqualTo("https://schema.org/");
            JsonNode graph = doc.get("@graph");
            assertThat(graph).hasSize((int) n + 1);
            assertThat(graph.get(0).get("@type").asText()).isEqualTo("ArchiveOrganization");
            assertThat(graph.get(0).get("name").get(0).get("@value").asText())
                    .isEqualTo(SAMPLE.institution().nameZh());
            Set<String> ids = new HashSet<>();
            boolean sawAgent = false;
            for (int i = 1; i < graph.size(); i++) {
                JsonNode node = graph.get(i);
                assertThat(node.get("@type").asText()).isEqualTo("ArchiveComponent");
                String id = node.get("@id").asText();
                assertThat(id).startsWith("https://archives.example.edu/r/");
                Description d = archive.get(Principal.anonymous(),
                        DescriptionId.of(id.substring("https://archives.example.edu/r/".length())));
                assertThat(node.get("name").get("@value").asText()).isEqualTo(d.title().text());
                assertThat(node.get("name").get("@language").asText()).isEqualTo(d.title().language());
                if (node.has("isPartOf")) assertThat(ids).contains(node.get("isPartOf").get("@id").asText());
                if (node.has("creator")) {
                    sawAgent = true;
                    JsonNode c = node.get("creator").get(0);
                    var agent = d.agents().stream().filter(a -> a.name().equals(c.get("name").asText()))
                            .findFirst().orElseThrow();
                    assertThat(c.get("@type").asText())
                            .isEqualTo(agent.type() == AgentType.PERSON ? "Person" : "Organization");
                }
                ids.add(id);
            }
            assertThat(sawAgent).as("some record names its creator").isTrue();
        }
    }

    @Test
    void escapesJsonStrings() {
        assertThat(JsonLdExporter.str("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }
}
