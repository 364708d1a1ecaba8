package org.archivekit.share.ead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.validation.Schema;
import org.archivekit.core.Archive;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.AgentRole;
import org.archivekit.core.model.AgentType;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Carrier;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.Disclosure;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.OpenStatus;
import org.archivekit.core.model.ReferenceCode;
import org.archivekit.core.model.SecrecyMarking;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.spi.RecordRenderer;
import org.archivekit.core.spi.RenderedEntry;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.core.store.SqliteArchiveStore;
import org.archivekit.share.internal.xml.LocalSchemas;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stored EAD3 renditions: an export that copies them writes exactly the bytes of one that renders every record live,
 * for every caller and option, on the sample archive and on hand-made edge cases; and what it copies is only ever a
 * record the caller may see.
 */
final class Ead3RenditionsTest {
    private static final SampleArchive SAMPLE = SampleArchive.builder().items(300).seed(11).build();
    private static final Principal ADMIN = Principal.admin("renditions");
    private static final List<Principal> CALLERS = List.of(ADMIN, Principal.anonymous(),
            Principal.campus("c1", SAMPLE.institution().code()),
            Principal.staff("s1", AccessLevel.CAMPUS, SAMPLE.institution().code()));

    @TempDir
    Path dir;

    private ArchiveStore open(String kind) {
        return kind.equals("sqlite") ? SqliteArchiveStore.open(dir.resolve("a.db")) : new InMemoryArchiveStore();
    }

    /** An archive whose clock stands still, so two exports carry the same header time. */
    private static Archive archive(ArchiveStore store) {
        return Archive.builder().store(store).policy(org.archivekit.core.access.AccessPolicy.builder()
                .clock(java.time.Clock.fixed(Instant.now(), java.time.ZoneOffset.UTC)).build()).build();
    }

    private static byte[] export(Archive archive, Principal p, DescriptionId id, boolean stored, boolean placeholder) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EadExporter.builder().storedRenditions(stored).withheldPlaceholder(placeholder).build()
                .export(archive, p, id, out);
        return out.toByteArray();
    }

    /** How many records below {@code id} (itself included) have a current EAD3 rendition. */
    private static long rendered(Archive archive, DescriptionId id) {
        try (Stream<RenderedEntry> s = archive.store().renderedSubtree(id, Ead3Renditions.FORMAT,
                Ead3Renditions.FORMAT_VERSION)) {
            return s.filter(e -> e.rendition() != null).count();
        }
    }

    private static DescriptionId id(String v) {
        return DescriptionId.of(v);
    }

    /** Hand-made records under {@code fonds}: hidden descendants, Chinese, digital objects, awkward text. */
    private static void edgeCases(Archive archive, DescriptionId fonds) {
        var inst = SAMPLE.institution().code();
        // the unpaired surrogates make a SQL store keep no rendition of edge-awkward (its text reads back changed)
        String awkward = "a & b < c > \"q\" 'apos' ]]> \t tab\r\nline 𠀀 😀 \u0001 \uFFFE \uD800 lone end";
        archive.create(ADMIN, Description.builder().id(id("edge-closed")).institution(inst).parent(fonds)
                .level(Level.SERIES).titleZh("未开放系列 closed series").sequence(90)
                .access(new Access(AccessLevel.CAMPUS, SecrecyMarking.NONE, Disclosure.ON_REQUEST,
                        OpenStatus.CONTROLLED, LocalDate.of(2041, 1, 1), Instant.parse("2040-06-30T00:00:00Z")))
                .build());
        // public by itself, but below a closed series: hidden from the public with its whole subtree
        archive.create(ADMIN, Description.builder().id(id("edge-under-closed")).institution(inst)
                .parent(id("edge-closed")).level(Level.FILE).titleZh("公开卷 public file below closed").build());
        archive.create(ADMIN, Description.builder().id(id("edge-draft")).institution(inst).parent(fonds)
                .level(Level.FILE).titleZh("草稿 draft").status(LifecycleStatus.DRAFT).sequence(91).build());
        archive.create(ADMIN, Description.builder().id(id("edge-open")).institution(inst).parent(fonds)
                .level(Level.SERIES).titleZh("开放系列 open series").sequence(92)
                .referenceCode(ReferenceCode.of("北大-档-12")).build());
        archive.create(ADMIN, Description.builder().id(id("edge-digital")).institution(inst)
                .parent(id("edge-open")).level(Level.FILE).titleZh("数字案卷 digital file")
                .carrier(Carrier.BORN_DIGITAL).classification("K825.46 / 人物传记")
                .digitalObjects(List.of(new DigitalObjectRef("会议记录 1987.pdf", "application/pdf", 123_456,
                        "ab".repeat(32)), new DigitalObjectRef("scan;0001.tif", "image/tiff", 0, "0f".repeat(32))))
                .build());
        archive.create(ADMIN, Description.builder().id(id("edge-awkward")).institution(inst)
                .parent(id("edge-open")).level(Level.FILE).titleZh("怪字符 " + awkward)
                .scopeAndContent(awkward + "\n\n" + awkward).arrangement(awkward)
                .dates(List.of(ArchivalDate.parse("1949-1950"), ArchivalDate.parse("1937")))
                .customFields(Map.of("note.x", awkward, "ead.bioghist", awkward, "ead.level", "otherthing"))
                .agents(List.of(new Agent(AgentType.PERSON, awkward, AgentRole.CREATOR, "id & \"x\""),
                        new Agent(AgentType.CORPORATE_BODY, "北京大学", AgentRole.SUBJECT, null)))
                .languages(List.of("zh", "en")).subjects(List.of("校史", awkward)).build());
        archive.create(ADMIN, Description.builder().id(id("edge-restricted-item")).institution(inst)
                .parent(id("edge-open")).level(Level.FILE).titleZh("限制卷 restricted")
                .access(Access.of(AccessLevel.RESTRICTED)).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "memory"})
    void exportsWithAndWithoutStoredRenditionsAreTheSameBytes(String kind) throws Exception {
        try (Archive archive = archive(open(kind))) {
            Ead3Renditions.register(archive.store());
            archive.putInstitution(ADMIN, SAMPLE.institution());
            archive.importAll(ADMIN, SAMPLE.iterator());
            List<RecordView> fonds = archive.fonds(ADMIN, SAMPLE.institution().code());
            DescriptionId first = fonds.get(0).description().id();
            edgeCases(archive, first);
            // an edit after the import: its rendition follows the new version
            Description open = archive.get(ADMIN, id("edge-open"));
            archive.update(ADMIN, open.toBuilder().scopeAndContent("修订后的范围 revised scope").build());

            Schema schema = new LocalSchemas(Corpus.schemas()).ead3();
            int compared = 0;
            long copied = 0;
            for (RecordView f : fonds) {
                DescriptionId fid = f.description().id();
                long total;
                try (Stream<RecordView> all = archive.descendants(ADMIN, fid)) {
                    total = 1 + all.count();
                }
                // text with an unpaired surrogate reads back changed from a SQL store: that record is rendered live
                long unrendered = kind.equals("sqlite") && fid.equals(first) ? 1 : 0;
                assertThat(rendered(archive, fid)).as("renditions kept below " + fid).isEqualTo(total - unrendered);
                for (Principal p : CALLERS) {
                    if (archive.find(p, fid).isEmpty()) continue;
                    for (boolean placeholder : new boolean[] {false, true}) {
                        byte[] live = export(archive, p, fid, false, placeholder);
                        byte[] stored = export(archive, p, fid, true, placeholder);
                        assertThat(new String(stored, StandardCharsets.UTF_8))
                                .as(fid + " for " + p.id() + ", placeholder " + placeholder)
                                .isEqualTo(new String(live, StandardCharsets.UTF_8));
                        assertThat(stored).isEqualTo(live);
                        compared++;
                    }
                }
                copied += total - 1;
                byte[] bytes = export(archive, Principal.anonymous(), fid, true, true);
                assertThat(LocalSchemas.validate(schema, new ByteArrayInputStream(bytes))).isEmpty();
            }
            assertThat(compared).isGreaterThan(8);
            assertThat(copied).isGreaterThan(300);
            String admin = new String(export(archive, ADMIN, first, true, false), StandardCharsets.UTF_8);
            assertThat(admin).contains("会议记录 1987.pdf", "修订后的范围 revised scope", "北大-档-12",
                    "公开卷 public file below closed", "限制卷 restricted");
            String anonymous = new String(export(archive, Principal.anonymous(), first, true, true),
                    StandardCharsets.UTF_8);
            assertThat(anonymous).contains("Restricted material withheld", "会议记录 1987.pdf")
                    .doesNotContain("公开卷", "未开放系列", "草稿", "限制卷");
        }
    }

    /**
     * A renderer of the same format that writes a marker instead: it proves the export copies what the store keeps
     * (the marker shows) and only for records the caller may see (hidden ones' markers never show).
     */
    private static RecordRenderer marking(int formatVersion) {
        return new RecordRenderer() {
            @Override
            public String format() {
                return Ead3Renditions.FORMAT;
            }

            @Override
            public int formatVersion() {
                return formatVersion;
            }

            @Override
            public byte[] render(Description d) {
                return ("<c level=\"file\"><did><unittitle>STORED:" + d.id() + "</unittitle></did>")
                        .getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "memory"})
    void theExportCopiesStoredFragmentsOnlyForVisibleRecordsAndOnlyWhileCurrent(String kind) {
        try (Archive archive = archive(open(kind))) {
            archive.putInstitution(ADMIN, SAMPLE.institution());
            var inst = SAMPLE.institution().code();
            archive.create(ADMIN, Description.builder().id(id("F")).institution(inst).level(Level.FONDS)
                    .titleZh("全宗").build());
            archive.create(ADMIN, Description.builder().id(id("before")).institution(inst).parent(id("F"))
                    .level(Level.SERIES).titleZh("登记之前 written before").sequence(0).build());
            archive.store().registerRenderer(marking(Ead3Renditions.FORMAT_VERSION));
            edgeCases(archive, id("F"));

            String admin = new String(export(archive, ADMIN, id("F"), true, false), StandardCharsets.UTF_8);
            assertThat(admin).contains("STORED:edge-closed", "STORED:edge-under-closed", "STORED:edge-digital",
                    "STORED:edge-restricted-item").doesNotContain("STORED:F<", "STORED:before")
                    .contains("登记之前 written before"); // no rendition: written live
            String anonymous = new String(export(archive, Principal.anonymous(), id("F"), true, true),
                    StandardCharsets.UTF_8);
            assertThat(anonymous).contains("STORED:edge-open", "STORED:edge-digital")
                    .contains(kind.equals("sqlite") ? "怪字符" : "STORED:edge-awkward") // see edge-awkward
                    .doesNotContain("STORED:edge-closed", "STORED:edge-under-closed", "STORED:edge-draft",
                            "STORED:edge-restricted-item")
                    .contains("Restricted material withheld");
            // the option off renders everything live
            assertThat(new String(export(archive, ADMIN, id("F"), false, false), StandardCharsets.UTF_8))
                    .doesNotContain("STORED:");

            // a renderer of another format version: nothing stored is current any more, the export is live
            archive.store().registerRenderer(marking(Ead3Renditions.FORMAT_VERSION + 1));
            Description digital = archive.get(ADMIN, id("edge-digital"));
            archive.update(ADMIN, digital.toBuilder().titleZh("改名 renamed").build());
            String after = new String(export(archive, ADMIN, id("F"), true, false), StandardCharsets.UTF_8);
            assertThat(after).contains("STORED:edge-open").doesNotContain("STORED:edge-digital")
                    .contains("改名 renamed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "memory"})
    void aRecordUpdatedOrWrittenBeforeTheRendererStaysCorrect(String kind) {
        try (Archive archive = archive(open(kind))) {
            archive.putInstitution(ADMIN, SAMPLE.institution());
            archive.importAll(ADMIN, SAMPLE.iterator()); // no renderer yet: no renditions
            Ead3Renditions.register(archive.store());
            DescriptionId first = archive.fonds(ADMIN, SAMPLE.institution().code()).get(0).description().id();
            assertThat(rendered(archive, first)).isZero();
            edgeCases(archive, first); // these have renditions, the sample records do not
            assertThat(rendered(archive, first)).isEqualTo(kind.equals("sqlite") ? 6 : 7); // see edge-awkward
            for (Principal p : CALLERS) {
                if (archive.find(p, first).isEmpty()) continue;
                assertThat(export(archive, p, first, true, true)).isEqualTo(export(archive, p, first, false, true));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "memory"})
    void ead2002AndTheJdkWriterNeverUseEad3Renditions(String kind) throws Exception {
        try (Archive archive = archive(open(kind))) {
            archive.putInstitution(ADMIN, SAMPLE.institution());
            archive.create(ADMIN, Description.builder().id(id("F")).institution(SAMPLE.institution().code())
                    .level(Level.FONDS).titleZh("全宗").build());
            archive.store().registerRenderer(marking(Ead3Renditions.FORMAT_VERSION));
            edgeCases(archive, id("F"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            EadExporter.builder().flavour(EadExporter.Flavour.EAD2002).build().export(archive, ADMIN, id("F"), out);
            assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("STORED:").contains("数字案卷");
            ByteArrayOutputStream jdk = new ByteArrayOutputStream();
            EadExporter.builder().build().export(archive, ADMIN, id("F"), javax.xml.stream.XMLOutputFactory
                    .newDefaultFactory().createXMLStreamWriter(jdk, "UTF-8"));
            assertThat(jdk.toString(StandardCharsets.UTF_8)).doesNotContain("STORED:").contains("数字案卷");
        }
    }

    /**
     * Renditions follow moves and re-sequencing (their keys and depths are rewritten with the records'), and a home
     * whose renditions are still in schema step 3's table exports the same bytes after the migration, copying them.
     */
    @org.junit.jupiter.api.Test
    void movedSubtreesAndAStepThreeHomeExportTheSameBytes() throws Exception {
        java.time.Clock clock = java.time.Clock.fixed(Instant.now(), java.time.ZoneOffset.UTC);
        Path file = dir.resolve("a.db");
        java.util.function.Function<ArchiveStore, Archive> archiveOf = store -> Archive.builder().store(store)
                .policy(org.archivekit.core.access.AccessPolicy.builder().clock(clock).build()).build();
        List<byte[]> before = new java.util.ArrayList<>();
        DescriptionId first;
        DescriptionId second;
        long renditions;
        try (Archive archive = archiveOf.apply(SqliteArchiveStore.open(file))) {
            Ead3Renditions.register(archive.store());
            archive.putInstitution(ADMIN, SAMPLE.institution());
            archive.importAll(ADMIN, SAMPLE.iterator());
            first = archive.fonds(ADMIN, SAMPLE.institution().code()).get(0).description().id();
            edgeCases(archive, first);
            // the open series and its files move below the closed one (hidden from the public with it), the draft
            // goes first among its siblings
            archive.update(ADMIN, archive.get(ADMIN, id("edge-open")).toBuilder().parent(id("edge-closed"))
                    .build());
            archive.update(ADMIN, archive.get(ADMIN, id("edge-draft")).toBuilder().sequence(-3).build());
            // in a fonds where every record has a rendition: a file with its items moves to another series, and
            // that series goes first
            second = archive.fonds(ADMIN, SAMPLE.institution().code()).get(1).description().id();
            List<Description> series = archive.store().children(second, null, 2);
            Description moved = archive.store().children(series.get(0).id(), null, 1).get(0);
            archive.update(ADMIN, moved.toBuilder().parent(series.get(1).id()).build());
            archive.update(ADMIN, archive.get(ADMIN, series.get(1).id()).toBuilder().sequence(-1).build());
            long total;
            try (Stream<RecordView> all = archive.descendants(ADMIN, second)) {
                total = 1 + all.count();
            }
            assertThat(rendered(archive, second)).isEqualTo(total);
            for (Principal p : CALLERS) {
                if (archive.find(p, second).isEmpty()) continue;
                byte[] stored = export(archive, p, second, true, true);
                assertThat(stored).as("for " + p.id()).isEqualTo(export(archive, p, second, false, true));
                assertThat(new String(stored, StandardCharsets.UTF_8)).contains(moved.id().value());
            }
            renditions = rendered(archive, first);
            for (Principal p : CALLERS) {
                byte[] stored = export(archive, p, first, true, true);
                assertThat(stored).as("for " + p.id()).isEqualTo(export(archive, p, first, false, true));
                before.add(stored);
            }
            String anonymous = new String(before.get(1), StandardCharsets.UTF_8);
            assertThat(anonymous).doesNotContain("数字案卷", "开放系列", "草稿");
            assertThat(new String(before.get(0), StandardCharsets.UTF_8)).contains("数字案卷", "草稿");
        }
        assertThat(renditions).isGreaterThan(40);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                java.sql.Statement s = c.createStatement()) { // back to step 3's table, as the last release left it
            s.executeUpdate("CREATE TABLE rendition AS SELECT d.id AS id, r.format AS format, r.format_version"
                    + " AS format_version, r.record_version AS record_version, r.facts AS facts, r.body AS body"
                    + " FROM tree_rendition r JOIN description d ON d.tree_key = r.tree_key");
            s.executeUpdate("DROP TABLE tree_rendition");
            s.executeUpdate("DELETE FROM schema_version WHERE version = 4");
        }
        try (Archive archive = archiveOf.apply(SqliteArchiveStore.open(file))) {
            Ead3Renditions.register(archive.store());
            assertThat(rendered(archive, first)).isEqualTo(renditions);
            for (int i = 0; i < CALLERS.size(); i++) {
                assertThat(export(archive, CALLERS.get(i), first, true, true)).as("for " + CALLERS.get(i).id())
                        .isEqualTo(before.get(i));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theFragmentIsWhatTheLiveExportWritesForTheComponent() {
        Description d = Description.builder().id(id("x1")).institution(SAMPLE.institution().code())
                .parent(id("F")).level(Level.ITEM).titleZh("单件 <item> & 其他").build();
        String fragment = new String(Ead3Renditions.fragment(d), StandardCharsets.UTF_8);
        assertThat(fragment).startsWith("<c level=\"item\"><did>").contains("单件 &lt;item&gt; &amp; 其他")
                .doesNotContain("</c>").endsWith(">");
        assertThat(Ead3Renditions.renderer().render(d)).isEqualTo(Ead3Renditions.fragment(d));
    }
}
