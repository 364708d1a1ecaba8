package org.archivekit.share.dc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.validation.Schema;
import org.archivekit.core.Archive;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Description;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.core.testing.Conformance;
import org.archivekit.share.internal.xml.LocalSchemas;
import org.junit.jupiter.api.Test;

final class DublinCoreWriterTest {
    private static final SampleArchive SAMPLE = SampleArchive.builder().items(200).build();

    @Test
    void everySampleRecordIsValidOaiDc() throws Exception {
        Schema schema = new LocalSchemas(Conformance.require("schemas")).oaiDc();
        long n = 0;
        for (Description d : SAMPLE) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            DublinCoreWriter.write(w, d);
            w.writeEndDocument();
            w.close();
            assertThat(LocalSchemas.validate(schema, new ByteArrayInputStream(out.toByteArray()))).as(d.id().value())
                    .isEmpty();
            n++;
        }
        assertThat(n).isEqualTo(SAMPLE.size());
        System.out.println("oai_dc records valid: " + n + "/" + n);
    }

    @Test
    void mapsTitleLanguageDatesAndIdentifiers() {
        Description d = SAMPLE.iterator().next();
        String xml = toXml(d);
        assertThat(xml).contains("<dc:title xml:lang=\"" + d.title().language() + "\">")
                .contains("<dc:identifier>" + d.id().value() + "</dc:identifier>")
                .contains("<dc:type>Collection</dc:type>");
        if (!d.dates().isEmpty()) assertThat(xml).contains("<dc:date>" + d.dates().get(0).normalized());
    }

    @Test
    void exportShowsOnlyWhatTheCallerMaySee() throws IOException {
        Principal admin = Principal.admin("dc");
        try (Archive archive = Archive.builder().store(new InMemoryArchiveStore()).build()) {
            archive.putInstitution(admin, SAMPLE.institution());
            archive.importAll(admin, SAMPLE.iterator());
            Description hidden;
            try (Stream<RecordView> s = archive.list(admin, null)) {
                hidden = s.filter(v -> v.effectiveLevel().isAtLeast(org.archivekit.core.model.AccessLevel.RESTRICTED))
                        .findFirst().orElseThrow().description();
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DublinCoreWriter.export(archive,
                    Principal.anonymous(), hidden.id(), new ByteArrayOutputStream()))
                    .isInstanceOf(org.archivekit.core.NotFoundException.class);
        }
    }

    private static String toXml(Description d) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            DublinCoreWriter.write(w, d);
            w.close();
            return out.toString(StandardCharsets.UTF_8);
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }
}
