package org.archivekit.share.ead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.validation.Schema;
import org.archivekit.core.Archive;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.share.internal.xml.LocalSchemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** EAD export of the generated sample archive: valid against the XSDs, and only what the caller may see. */
final class EadExporterTest {
    private static final SampleArchive SAMPLE = SampleArchive.builder().items(400).build();
    private static final Principal ADMIN = Principal.admin("exporter");
    private static Archive archive;

    @BeforeAll
    static void load() {
        archive = Archive.builder().store(new InMemoryArchiveStore()).build();
        archive.putInstitution(ADMIN, SAMPLE.institution());
        archive.importAll(ADMIN, SAMPLE.iterator());
        Description first = fonds(ADMIN).get(0).description();
        archive.create(ADMIN, Description.builder().id(DescriptionId.of("closed-file")).institution(first.institution())
                .parent(first.id()).level(org.archivekit.core.model.Level.FILE).titleZh("未开放案卷 closed file")
                .access(new org.archivekit.core.model.Access(AccessLevel.CAMPUS,
                        org.archivekit.core.model.SecrecyMarking.NONE, org.archivekit.core.model.Disclosure.ON_REQUEST,
                        org.archivekit.core.model.OpenStatus.CONTROLLED, java.time.LocalDate.of(2041, 1, 1),
                        java.time.Instant.parse("2040-06-30T00:00:00Z")))
                .status(org.archivekit.core.model.LifecycleStatus.DRAFT).sequence(99).build());
        archive.create(ADMIN, Description.builder().id(DescriptionId.of("digital-file")).institution(first.institution())
                .parent(first.id()).level(org.archivekit.core.model.Level.FILE).titleZh("数字案卷 digital file")
                .classification("K825.46 / 人物传记").carrier(org.archivekit.core.model.Carrier.BORN_DIGITAL)
                .retention(new org.archivekit.core.model.Retention(org.archivekit.core.model.RetentionPeriod.YEARS_10,
                        java.time.LocalDate.of(2036, 1, 1)))
                .digitalObjects(List.of(new org.archivekit.core.model.DigitalObjectRef("会议记录 1987.pdf",
                        "application/pdf", 123_456, "ab".repeat(32)), new org.archivekit.core.model.DigitalObjectRef(
                        "scan;0001.tif", "image/tiff", 0, "0f".repeat(32))))
                .sequence(100).build());
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    private static List<RecordView> fonds(Principal p) {
        return archive.fonds(p, SAMPLE.institution().code());
    }

    private static String export(EadExporter exporter, Principal p, DescriptionId id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.export(archive, p, id, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(EadExporter.Flavour.class)
    void everySampleFondsExportsSchemaValid(EadExporter.Flavour flavour) throws IOException {
        LocalSchemas schemas = new LocalSchemas(Corpus.schemas());
        Schema schema = flavour == EadExporter.Flavour.EAD3 ? schemas.ead3() : schemas.ead2002();
        EadExporter exporter = EadExporter.builder().flavour(flavour).withheldPlaceholder(true).build();
        int validated = 0;
        for (Principal p : List.of(ADMIN, Principal.anonymous())) {
            for (RecordView f : fonds(p)) {
                String xml = export(exporter, p, f.description().id());
                byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
                assertThat(LocalSchemas.validate(schema, new ByteArrayInputStream(bytes)))
                        .as(flavour + " export of " + f.description().id() + " for " + p.id()).isEmpty();
                validated++;
            }
        }
        assertThat(validated).isGreaterThan(1);
        System.out.println(flavour + " sample exports valid: " + validated + "/" + validated);
    }

    @Test
    void writesEveryVisibleRecordInDepthFirstOrder() {
        DescriptionId fonds = fonds(ADMIN).get(0).description().id();
        List<String> expected = new ArrayList<>();
        expected.add(fonds.value());
        depthFirst(Principal.anonymous(), fonds, expected);
        String xml = export(EadExporter.builder().build(), Principal.anonymous(), fonds);
        List<String> written = new ArrayList<>();
        Corpus.importer().read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "x", "x",
                d -> written.add(d.id().value()));
        assertThat(written).containsExactlyElementsOf(expected);
    }

    private static void depthFirst(Principal p, DescriptionId id, List<String> out) {
        String cursor = null;
        do {
            var page = archive.children(p, id, cursor, 1000);
            for (RecordView v : page.items()) {
                out.add(v.description().id().value());
                depthFirst(p, v.description().id(), out);
            }
            cursor = page.next().orElse(null);
        } while (cursor != null);
    }

    @Test
    void publicExportLeavesOutWhatThePublicMayNotSee() {
        DescriptionId fonds = fonds(ADMIN).get(0).description().id();
        List<Description> hidden;
        try (Stream<RecordView> all = archive.descendants(ADMIN, fonds)) {
            hidden = all.filter(v -> v.effectiveLevel().isAtLeast(AccessLevel.CAMPUS)).map(RecordView::description)
                    .toList();
        }
        assertThat(hidden).isNotEmpty();
        String xml = export(EadExporter.builder().build(), Principal.anonymous(), fonds);
        for (Description d : hidden) assertThat(xml).doesNotContain(">" + d.id().value() + "<");
        assertThat(xml).doesNotContain("withheld");
        String withPlaceholder = export(EadExporter.builder().withheldPlaceholder(true).build(),
                Principal.anonymous(), fonds);
        assertThat(withPlaceholder).contains("Restricted material withheld");
        for (Description d : hidden) assertThat(withPlaceholder).doesNotContain(">" + d.id().value() + "<");
    }

    @Test
    void accessAndOpeningDatesSurviveARoundTrip() {
        int[] checked = {0};
        for (RecordView f : fonds(ADMIN)) {
            String xml = export(EadExporter.builder().build(), ADMIN, f.description().id());
            Corpus.importer().read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "x", "x", d -> {
                Description stored = archive.get(ADMIN, d.id());
                assertThat(d.access()).as(d.id().value()).isEqualTo(stored.access());
                assertThat(d.status()).isEqualTo(stored.status());
                if (stored.access().openingDate() != null) checked[0]++;
            });
        }
        assertThat(checked[0]).as("records with an opening date").isPositive();
    }

    @ParameterizedTest
    @EnumSource(EadExporter.Flavour.class)
    void carrierClassificationRetentionAndDigitalObjectsSurviveARoundTrip(EadExporter.Flavour flavour) {
        EadImporter importer = EadImporter.builder().institution(SAMPLE.institution().code()).build();
        int[] checked = new int[4];
        for (RecordView f : fonds(ADMIN)) {
            String xml = export(EadExporter.builder().flavour(flavour).build(), ADMIN, f.description().id());
            importer.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "x", "x", d -> {
                Description stored = archive.get(ADMIN, d.id());
                assertThat(d.carrier()).as(d.id().value()).isEqualTo(stored.carrier());
                assertThat(d.classification()).as(d.id().value()).isEqualTo(stored.classification());
                assertThat(d.retention()).as(d.id().value()).isEqualTo(stored.retention());
                assertThat(d.digitalObjects()).as(d.id().value()).isEqualTo(stored.digitalObjects());
                if (stored.carrier() != org.archivekit.core.model.Carrier.PAPER) checked[0]++;
                if (stored.classification() != null) checked[1]++;
                if (stored.retention() != null) checked[2]++;
                checked[3] += stored.digitalObjects().size();
            });
        }
        assertThat(java.util.Arrays.stream(checked).min().orElseThrow()).as("carriers, classifications, retentions,"
                + " objects checked").isPositive();
    }

    @Test
    void digitalObjectsAreListedOnlyWithRecordsTheCallerMaySee() {
        DescriptionId fonds = fonds(ADMIN).get(0).description().id();
        String staff = export(EadExporter.builder().build(), ADMIN, fonds);
        assertThat(staff).contains("会议记录 1987.pdf").contains("sha256:" + "ab".repeat(32));
        archive.update(ADMIN, archive.get(ADMIN, DescriptionId.of("digital-file")).toBuilder()
                .access(org.archivekit.core.model.Access.of(AccessLevel.RESTRICTED)).build());
        try {
            for (Principal p : List.of(Principal.anonymous(), Principal.campus("c", SAMPLE.institution().code()))) {
                String xml = export(EadExporter.builder().withheldPlaceholder(true).build(), p, fonds);
                assertThat(xml).doesNotContain("会议记录 1987.pdf").doesNotContain("ab".repeat(32)).doesNotContain("K825");
            }
        } finally {
            archive.update(ADMIN, archive.get(ADMIN, DescriptionId.of("digital-file")).toBuilder()
                    .access(org.archivekit.core.model.Access.PUBLIC).build());
        }
    }

    @Test
    void writeRecordPutsOneValidEadIntoTheCallersWriter() throws Exception {
        Schema schema = new LocalSchemas(Corpus.schemas()).ead3();
        Description d = archive.get(ADMIN, DescriptionId.of("closed-file"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.xml.stream.XMLStreamWriter w = javax.xml.stream.XMLOutputFactory.newDefaultFactory()
                .createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        EadExporter.builder().build().writeRecord(w, d);
        w.writeEndDocument();
        w.close();
        assertThat(LocalSchemas.validate(schema, new ByteArrayInputStream(out.toByteArray()))).isEmpty();
        List<Description> back = new ArrayList<>();
        Corpus.importer().read(new ByteArrayInputStream(out.toByteArray()), "one", "one", back::add);
        assertThat(back).singleElement().satisfies(b -> {
            assertThat(b.id()).isEqualTo(d.id());
            assertThat(b.title()).isEqualTo(d.title());
            assertThat(b.access()).isEqualTo(d.access());
        });
    }

    @Test
    void hiddenRootLooksMissing() {
        DescriptionId missing = DescriptionId.of("no-such-fonds");
        assertThatThrownBy(() -> export(EadExporter.builder().build(), Principal.anonymous(), missing))
                .isInstanceOf(NotFoundException.class);
    }

    /**
     * The document with its export time (the header's {@code eventdatetime}, to the second) blanked, so that two
     * exports a second apart compare equal; every other byte is kept (the text is valid UTF-8, decoded losslessly).
     */
    private static String timeless(byte[] document) {
        return new String(document, StandardCharsets.UTF_8)
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "(time)");
    }

    private static byte[] exportWithJdkWriter(EadExporter exporter, Archive from, Principal p, DescriptionId id)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.export(from, p, id, javax.xml.stream.XMLOutputFactory.newDefaultFactory()
                .createXMLStreamWriter(out, "UTF-8"));
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(EadExporter.Flavour.class)
    void theLeanWriterWritesExactlyTheBytesOfTheJdkWriter(EadExporter.Flavour flavour) throws Exception {
        int compared = 0;
        for (boolean placeholder : new boolean[] {false, true}) {
            EadExporter exporter = EadExporter.builder().flavour(flavour).withheldPlaceholder(placeholder).build();
            for (Principal p : List.of(ADMIN, Principal.anonymous())) {
                for (RecordView f : fonds(p)) {
                    ByteArrayOutputStream lean = new ByteArrayOutputStream();
                    exporter.export(archive, p, f.id(), lean);
                    assertThat(timeless(lean.toByteArray())).as("%s of %s for %s", flavour, f.id(), p.id())
                            .isEqualTo(timeless(exportWithJdkWriter(exporter, archive, p, f.id())));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(4);
    }

    /** Markup characters, whitespace, supplementary characters and characters XML cannot carry, everywhere. */
    @ParameterizedTest
    @EnumSource(EadExporter.Flavour.class)
    void awkwardCharactersAreWrittenValidAndAsTheJdkWriterWritesThem(EadExporter.Flavour flavour) throws Exception {
        String awkward = "a & b < c > d \"q\" 'apos' ]]> \t tab\r\nline 𠀀 😀 \u0001 \uFFFE \uD800 lone \uDC00 end";
        try (Archive own = Archive.builder().store(new InMemoryArchiveStore()).build()) {
            own.putInstitution(ADMIN, SAMPLE.institution());
            DescriptionId id = DescriptionId.of("awkward");
            own.create(ADMIN, Description.builder().id(id).institution(SAMPLE.institution().code())
                    .level(org.archivekit.core.model.Level.FONDS).titleZh("怪字符 " + awkward)
                    .scopeAndContent(awkward + "\n\n" + awkward).arrangement(awkward)
                    .customFields(java.util.Map.of("note.x", awkward, "ead.bioghist", awkward))
                    .agents(List.of(new org.archivekit.core.model.Agent(org.archivekit.core.model.AgentType.PERSON,
                            awkward, org.archivekit.core.model.AgentRole.CREATOR, "id & \"x\"")))
                    .languages(List.of("zh")).subjects(List.of(awkward)).build());
            EadExporter exporter = EadExporter.builder().flavour(flavour).build();
            ByteArrayOutputStream lean = new ByteArrayOutputStream();
            exporter.export(own, ADMIN, id, lean);
            byte[] bytes = lean.toByteArray();
            assertThat(timeless(bytes)).isEqualTo(timeless(exportWithJdkWriter(exporter, own, ADMIN, id)));
            LocalSchemas schemas = new LocalSchemas(Corpus.schemas());
            Schema schema = flavour == EadExporter.Flavour.EAD3 ? schemas.ead3() : schemas.ead2002();
            assertThat(LocalSchemas.validate(schema, new ByteArrayInputStream(bytes))).isEmpty();
            String xml = new String(bytes, StandardCharsets.UTF_8);
            assertThat(xml).contains("a &amp; b &lt; c &gt; d \"q\" 'apos' ]]&gt; \t tab\r\nline 𠀀 😀    lone  end")
                    .doesNotContain("\u0001", "\uFFFE", "\uFFFD", "😀 ?", "lone ?");
        }
    }

    @Test
    void aFailingOutputEndsTheExportWithAnExportErrorAndStopsTheWalk() {
        RecordView largest = fonds(ADMIN).stream().max(java.util.Comparator.comparingLong(
                f -> archive.store().countChildren(f.id()))).orElseThrow();
        java.io.OutputStream failing = new java.io.OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 20_000) throw new IOException("No space left on device (injected)");
            }
        };

        assertThatThrownBy(() -> EadExporter.builder().build().export(archive, ADMIN, largest.id(), failing))
                .isInstanceOf(org.archivekit.core.ExportException.class)
                .hasMessageContaining("No space left on device");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("archivekit-walk-")
                && t.isAlive());
    }
}
