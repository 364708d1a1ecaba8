package org.archivekit.share.ead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.AgentRole;
import org.archivekit.core.model.AgentType;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Extent;
import org.archivekit.core.model.Level;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The EAD → model mapping, element by element, on small hand-written documents. */
final class EadImporterTest {
    private static final String EAD3 = "<ead xmlns=\"http://ead3.archivists.org/schema/\"><control><recordid>"
            + "coll 42/a</recordid></control><archdesc level=\"collection\"><did><unittitle>Papers</unittitle>"
            + "<unitid>MS 42</unitid></did>%s<dsc>%s</dsc></archdesc></ead>";

    private static List<Description> read(String xml) {
        List<Description> out = new ArrayList<>();
        Corpus.importer().read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "t.xml", "t",
                out::add);
        return out;
    }

    private static List<Description> ead3(String archdescNotes, String components) {
        return read(String.format(EAD3, archdescNotes, components));
    }

    private static EadImportResult result(String xml) {
        return Corpus.importer().read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "t.xml", "t",
                d -> { });
    }

    @Nested
    final class Ids {
        @Test
        void fondsIdComesFromRecordidSanitized() {
            assertThat(ead3("", "").get(0).id()).isEqualTo(DescriptionId.of("coll_42_a"));
        }

        @Test
        void componentIdsComeFromIdThenUnitidThenPositionAndAreDeduplicated() {
            List<Description> d = ead3("", "<c id=\"ref 1\"><did><unittitle>a</unittitle></did></c>"
                    + "<c><did><unitid>B/2</unitid><unittitle>b</unittitle></did></c>"
                    + "<c><did><unittitle>c</unittitle></did></c>"
                    + "<c id=\"ref 1\"><did><unittitle>d</unittitle></did></c>");
            assertThat(d).extracting(x -> x.id().value()).containsExactly("coll_42_a", "coll_42_a.ref_1",
                    "coll_42_a.B_2", "coll_42_a.3", "coll_42_a.ref_1-2");
        }

        @Test
        void optionOverridesTheFondsId() {
            List<Description> out = new ArrayList<>();
            EadImporter.builder().institution(Corpus.INST).fondsId(DescriptionId.of("F9")).build()
                    .read(new ByteArrayInputStream(String.format(EAD3, "", "").getBytes(StandardCharsets.UTF_8)),
                            "t.xml", "t", out::add);
            assertThat(out.get(0).id().value()).isEqualTo("F9");
            assertThat(out.get(0).institution()).isEqualTo(Corpus.INST);
        }
    }

    @Nested
    final class Levels {
        @ParameterizedTest
        @CsvSource({"series,SERIES,", "subseries,SUBSERIES,", "file,FILE,", "item,ITEM,",
            "recordgrp,SUBFONDS,recordgrp",
            "class,SERIES,class", "otherlevel:subsubseries,SUBSERIES,subsubseries", "otherlevel:box,FILE,box",
            "otherlevel:mystery,FILE,mystery", "unspecified,FILE,unspecified"})
        void mapsLevelAndKeepsTheOriginal(String ead, Level level, String kept) {
            String attrs = ead.startsWith("otherlevel:") ? "level=\"otherlevel\" otherlevel=\"" + ead.substring(11)
                    + "\"" : "level=\"" + ead + "\"";
            Description c = ead3("", "<c " + attrs + "><did><unittitle>x</unittitle></did></c>").get(1);
            assertThat(c.level()).isEqualTo(level);
            assertThat(c.customFields().get("ead.level")).isEqualTo(kept);
        }

        @Test
        void archdescIsAlwaysTheFondsAndNumberedComponentsNest() {
            List<Description> d = read("<ead><eadheader><eadid>n</eadid></eadheader><archdesc level=\"collection\">"
                    + "<did><unittitle>t</unittitle></did><dsc><c01 level=\"series\"><did><unittitle>s</unittitle>"
                    + "</did><c02 level=\"file\"><did><unittitle>f</unittitle></did><c03 level=\"series\"><did>"
                    + "<unittitle>i</unittitle></did></c03></c02></c01></dsc></archdesc></ead>");
            assertThat(d).extracting(Description::level).containsExactly(Level.FONDS, Level.SERIES, Level.FILE,
                    Level.FILE);
            assertThat(d.get(3).parent()).isEqualTo(d.get(2).id());
            assertThat(d.get(0).customFields()).containsEntry("ead.level", "collection");
        }

        @Test
        void summaryCountsPerLevel() {
            EadImportResult r = result(String.format(EAD3, "", "<c level=\"series\"><did><unittitle>s</unittitle>"
                    + "</did><c level=\"file\"><did><unittitle>f</unittitle></did></c></c>"));
            assertThat(r.perLevel()).containsEntry(Level.FONDS, 1L).containsEntry(Level.SERIES, 1L)
                    .containsEntry(Level.FILE, 1L);
            assertThat(r.format()).isEqualTo(EadFormat.EAD3);
            assertThat(r.summary()).contains("3 records");
        }
    }

    @Nested
    final class Dates {
        private Description one(String did) {
            return ead3("", "<c level=\"file\"><did><unittitle>x</unittitle>" + did + "</did></c>").get(1);
        }

        @Test
        void expressionIsParsed() {
            var d = one("<unitdate>1931-1935</unitdate>").dates().get(0);
            assertThat(d.begin()).isEqualTo(LocalDate.of(1931, 1, 1));
            assertThat(d.end()).isEqualTo(LocalDate.of(1935, 12, 31));
        }

        @Test
        void normalIsTheFallback() {
            var d = one("<unitdate normal=\"15771009/15771024\">1577 oktober 9 - 1577 oktober 24</unitdate>")
                    .dates().get(0);
            assertThat(d.expression()).isEqualTo("1577 oktober 9 - 1577 oktober 24");
            assertThat(d.begin()).isEqualTo(LocalDate.of(1577, 10, 9));
            assertThat(d.end()).isEqualTo(LocalDate.of(1577, 10, 24));
        }

        @Test
        void unreadableDateIsKeptAsTextAndReported() {
            String xml = String.format(EAD3, "", "<c level=\"file\"><did><unittitle>x</unittitle>"
                    + "<unitdate normal=\"0000/0000\">ohne Datum</unitdate></did></c>");
            Description c = read(xml).get(1);
            assertThat(c.dates()).isEmpty();
            assertThat(c.customFields()).containsEntry("ead.unitdate", "ohne Datum");
            assertThat(result(xml).skipped()).anySatisfy(s -> {
                assertThat(s.element()).isEqualTo("unitdate");
                assertThat(s.count()).isEqualTo(1);
            });
        }

        @Test
        void structuredDateRange() {
            var d = one("<unitdatestructured><daterange><fromdate standarddate=\"1901\">1901</fromdate>"
                    + "<todate standarddate=\"1905-06\">June 1905</todate></daterange></unitdatestructured>")
                    .dates().get(0);
            assertThat(d.begin()).isEqualTo(LocalDate.of(1901, 1, 1));
            assertThat(d.end()).isEqualTo(LocalDate.of(1905, 6, 30));
        }
    }

    @Nested
    final class Content {
        @Test
        void didElementsMapToTheirFields() {
            Description c = ead3("", "<c level=\"file\"><did><unitid>B1/F2</unitid><unittitle lang=\"zh\">"
                    + "北京大学  校务\n 文件</unittitle><origination><persname identifier=\"viaf:1\"><part>Hu Shi</part>"
                    + "</persname></origination><physdescstructured coverage=\"whole\" physdescstructuredtype="
                    + "\"spaceoccupied\"><quantity>2.5</quantity><unittype>linear feet</unittype>"
                    + "</physdescstructured><langmaterial><language langcode=\"chi\">Chinese</language>"
                    + "</langmaterial><physloc>Stack 3</physloc><container localtype=\"box\">1</container>"
                    + "<container localtype=\"folder\">2</container><dao daotype=\"derived\" href=\"https://x/1.jpg\""
                    + " linktitle=\"Scan\"/></did></c>").get(1);
            assertThat(c.referenceCode().value()).isEqualTo("B1/F2");
            assertThat(c.title().text()).isEqualTo("北京大学 校务 文件");
            assertThat(c.title().language()).isEqualTo("zh");
            assertThat(c.agents())
                    .containsExactly(new Agent(AgentType.PERSON, "Hu Shi", AgentRole.CREATOR, "viaf:1"));
            assertThat(c.extents()).containsExactly(new Extent(new BigDecimal("2.5"), "linear feet"));
            assertThat(c.languages()).containsExactly("zh");
            assertThat(c.location().place()).isEqualTo("Stack 3");
            assertThat(c.location().container()).isEqualTo("Box 1, Folder 2");
            assertThat(c.customFields()).containsEntry("ead.dao", "https://x/1.jpg\tScan");
        }

        @Test
        void ead2002PhysdescExtentAndNotes() {
            Description f = read("<ead xmlns=\"urn:isbn:1-931666-22-9\"><eadheader><eadid>e</eadid></eadheader>"
                    + "<archdesc level=\"fonds\"><did><unittitle>t</unittitle><physdesc><extent>1,200 items</extent>"
                    + " and photographs</physdesc></did><scopecontent><head>Scope</head><p>First  para.</p>"
                    + "<p>Second.</p></scopecontent><bioghist><p>Born.</p></bioghist><accessrestrict><p>Closed until"
                    + " <date normal=\"2030-07-01\" type=\"restriction\">July 1, 2030</date></p></accessrestrict>"
                    + "<controlaccess><subject>Universities</subject><geogname>Beijing</geogname><corpname>Peking"
                    + " University</corpname></controlaccess></archdesc></ead>").get(0);
            assertThat(f.extents()).containsExactly(new Extent(new BigDecimal("1200"), "items"));
            assertThat(f.customFields()).containsEntry("ead.physdesc", "and photographs")
                    .containsEntry("ead.bioghist", "Born.");
            assertThat(f.scopeAndContent()).isEqualTo("First para.\n\nSecond.");
            assertThat(f.notes().accessConditions()).isEqualTo("Closed until July 1, 2030");
            assertThat(f.access().openingDate()).isEqualTo(LocalDate.of(2030, 7, 1));
            assertThat(f.subjects()).containsExactly("Universities", "Beijing");
            assertThat(f.agents()).containsExactly(new Agent(AgentType.CORPORATE_BODY, "Peking University",
                    AgentRole.SUBJECT, null));
        }

        @Test
        void internalAudienceIsNotPublic() {
            List<Description> d = ead3("<odd audience=\"internal\"><p>staff only</p></odd>",
                    "<c level=\"file\" audience=\"internal\"><did><unittitle>x</unittitle></did></c>");
            assertThat(d.get(1).access().level()).isEqualTo(AccessLevel.RESTRICTED);
            assertThat(d.get(0).customFields()).doesNotContainKey("ead.odd");
            assertThat(d.toString()).doesNotContain("staff only");
        }

        @Test
        void missingTitleIsSuppliedAndReported() {
            String xml = String.format(EAD3, "", "<c level=\"file\"><did><unitdate>1950</unitdate></did></c>");
            assertThat(read(xml).get(1).title().text()).isEqualTo("1950");
            assertThat(result(xml).skipped()).anySatisfy(s -> assertThat(s.element()).isEqualTo("unittitle"));
        }
    }

    @Nested
    final class LateArchdescNotes {
        private static final String EAD2002 = "<ead xmlns=\"urn:isbn:1-931666-22-9\"><eadheader><eadid>late</eadid>"
                + "<filedesc><titlestmt><titleproper>Late</titleproper></titlestmt></filedesc></eadheader>"
                + "<archdesc level=\"collection\"><did><unittitle>Papers</unittitle></did>"
                + "<scopecontent><p>Before.</p></scopecontent>"
                + "<dsc><c01 level=\"series\"><did><unittitle>S</unittitle></did>"
                + "<c02 level=\"file\"><did><unittitle>F</unittitle></did><scopecontent><p>File.</p></scopecontent>"
                + "</c02></c01></dsc>"
                + "<bioghist><head>Biography</head><p>Born 1900.</p></bioghist>"
                + "<scopecontent><p>After.</p></scopecontent>"
                + "<accessrestrict><p>Open.</p></accessrestrict>"
                + "<controlaccess><subject>Physics</subject></controlaccess>"
                + "<odd audience=\"internal\"><p>staff only</p></odd>"
                + "</archdesc></ead>";

        @Test
        void archdescNotesAfterTheDscAreImportedFromAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
                throws Exception {
            java.nio.file.Path file = dir.resolve("late.xml");
            java.nio.file.Files.writeString(file, EAD2002);
            List<Description> out = new ArrayList<>();

            EadImportResult r = Corpus.importer().read(file, out::add);

            assertThat(out).extracting(d -> d.id().value()).containsExactly("late", "late.1", "late.1.1");
            Description fonds = out.get(0);
            assertThat(fonds.scopeAndContent()).isEqualTo("Before.\n\nAfter.");
            assertThat(fonds.customFields()).containsEntry("ead.bioghist", "Born 1900.");
            assertThat(fonds.notes().accessConditions()).isEqualTo("Open.");
            assertThat(fonds.subjects()).containsExactly("Physics");
            assertThat(out.get(2).scopeAndContent()).isEqualTo("File.");
            assertThat(fonds.toString()).doesNotContain("staff only");
            assertThat(r.skipped()).noneSatisfy(s -> assertThat(s.reason()).contains("after child components"));
            assertThat(r.skipped()).anySatisfy(s -> assertThat(s.element()).isEqualTo("head"));
            assertThat(r.skipped()).anySatisfy(s -> assertThat(s.element()).isEqualTo("odd"));
        }

        @Test
        void aOneOffStreamStillReportsThemAsSkipped() {
            List<Description> out = new ArrayList<>();
            EadImportResult r = Corpus.importer().read(new ByteArrayInputStream(
                    EAD2002.getBytes(StandardCharsets.UTF_8)), "late.xml", "late", out::add);

            assertThat(out.get(0).scopeAndContent()).isEqualTo("Before.");
            assertThat(r.skipped()).anySatisfy(s -> assertThat(s.reason()).contains("after child components"));
        }
    }
}
