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

    @Test
    void aParentTheCallerMayNotSeeIsNeverNamed() {
        Principal admin = Principal.admin("dc");
        try (Archive archive = Archive.builder().store(new InMemoryArchiveStore()).build()) {
            archive.putInstitution(admin, SAMPLE.institution());
            archive.importAll(admin, SAMPLE.iterator());
            // a restricted series; a campus reader granted one record below it sees that record, not the series
            var code = SAMPLE.institution().code();
            Description fonds = archive.fonds(admin, code).get(0).description();
            Description series = archive.children(admin, fonds.id(), null, 1).items().get(0).description();
            archive.update(admin, series.toBuilder().access(series.access().withLevel(
                    org.archivekit.core.model.AccessLevel.RESTRICTED)).build());
            Description granted = archive.children(admin, series.id(), null, 1).items().get(0).description();
            Principal reader = Principal.campus("grantee", code).withGrant(
                    new org.archivekit.core.access.Grant(granted.id(), java.time.Instant.now().plusSeconds(3600)));
            assertThat(archive.find(reader, granted.id())).isPresent();
            assertThat(archive.find(reader, series.id())).isEmpty();
            assertThat(granted).as("a granted record below a hidden parent in the sample").isNotNull();
            String parent = "isPartOf:" + granted.parent().value();
            assertThat(export(archive, reader, granted)).contains("<dc:identifier>" + granted.id().value())
                    .doesNotContain(parent).doesNotContain("<dc:relation>isPartOf");
            assertThat(export(archive, admin, granted)).contains("<dc:relation>" + parent + "</dc:relation>");
            assertThat(toXml(granted)).doesNotContain(parent); // the record-only writer never names a parent
        }
    }

    private static String export(Archive archive, Principal caller, Description d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DublinCoreWriter.export(archive, caller, d.id(), out);
        return out.toString(StandardCharsets.UTF_8);
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
