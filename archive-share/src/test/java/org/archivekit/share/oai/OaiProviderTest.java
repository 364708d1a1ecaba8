package org.archivekit.share.oai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.validation.Schema;
import org.archivekit.core.Archive;
import org.archivekit.core.MutableClock;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.core.testing.Conformance;
import org.archivekit.share.internal.xml.LocalSchemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

final class OaiProviderTest {
    static final InstitutionCode PKU = InstitutionCode.of("PKU");
    static final Principal ADMIN = Principal.admin("admin");
    static final Principal PARTNER = Principal.campus("partner", PKU);
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant EMBARGO_END = Instant.parse("2025-06-01T12:00:00Z");
    static final String NS = OaiProvider.OAI_NS;
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    static Schema schema;
    /** Responses validated, by verb or error code: printed at the end, the figures the issue asks for. */
    static final Map<String, Integer> VALIDATED = new TreeMap<>();

    MutableClock clock;
    Archive archive;
    OaiLedger ledger;
    OaiProvider provider;

    @BeforeAll
    static void compileSchemas() {
        schema = new LocalSchemas(Conformance.require("schemas")).compileAll("oai-pmh/OAI-PMH.xsd",
                "oai-pmh/oai_dc.xsd", "ead3/ead3.xsd");
    }

    @AfterAll
    static void printTable() {
        System.out.println("OAI-PMH responses validated against OAI-PMH.xsd + oai_dc.xsd + ead3.xsd:");
        VALIDATED.forEach((k, v) -> System.out.printf("  %-28s %4d%n", k, v));
        System.out.println("  total " + VALIDATED.values().stream().mapToInt(Integer::intValue).sum());
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        archive = Archive.builder().store(new InMemoryArchiveStore())
                .policy(AccessPolicy.builder().clock(clock).build()).build();
        archive.putInstitution(ADMIN,
                new Institution(PKU, "北京大学档案馆", "Peking University Archives", null));
        create("F1", Level.FONDS, null, Access.PUBLIC);
        create("S1", Level.SERIES, "F1", Access.PUBLIC);
        create("FL1", Level.FILE, "S1", Access.PUBLIC);
        for (int i = 1; i <= 5; i++) create("I" + i, Level.ITEM, "FL1", Access.PUBLIC);
        create("secret", Level.ITEM, "FL1", Access.of(AccessLevel.RESTRICTED));
        create("emb", Level.ITEM, "FL1", Access.PUBLIC.withEmbargoUntil(EMBARGO_END));
        create("S2", Level.SERIES, "F1", Access.of(AccessLevel.CAMPUS));
        create("campus-item", Level.ITEM, "S2", Access.PUBLIC);
        ledger = OaiLedger.inMemory();
        provider = provider(Principal.anonymous(), 3, true);
    }

    @AfterEach
    void tearDown() {
        ledger.close();
        archive.close();
    }

    OaiProvider provider(Principal who, int pageSize, boolean sets) {
        return OaiProvider.builder().archive(archive).ledger(ledger).baseUrl("https://archives.example.edu/oai")
                .adminEmail("archivist@example.edu").harvester(who).pageSize(pageSize).tokenSecret(SECRET)
                .tokenTtl(Duration.ofHours(1)).sets(sets).build();
    }

    Description create(String id, Level level, String parent, Access access) {
        clock.advance(Duration.ofSeconds(1));
        return archive.create(ADMIN, Description.builder().id(DescriptionId.of(id)).institution(PKU)
                .parent(parent == null ? null : DescriptionId.of(parent)).level(level).titleZh("题名 " + id)
                .access(access).status(LifecycleStatus.PUBLISHED).build());
    }

    Description update(String id, java.util.function.UnaryOperator<Description.Builder> change) {
        clock.advance(Duration.ofSeconds(1));
        Description d = archive.get(ADMIN, DescriptionId.of(id));
        return archive.update(ADMIN, change.apply(d.toBuilder()).build());
    }

    /** Sends {@code query} to {@code p}, validates the response and counts it under its verb or error code. */
    Document ask(OaiProvider p, String query) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.handle(OaiProvider.parseQuery(query), out);
        List<String> errors = LocalSchemas.validate(schema, new ByteArrayInputStream(out.toByteArray()));
        assertThat(errors).as("schema errors of %s:%n%s", query, out.toString(StandardCharsets.UTF_8)).isEmpty();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
        NodeList errs = doc.getElementsByTagNameNS(NS, "error");
        String label = errs.getLength() > 0 ? "error " + ((Element) errs.item(0)).getAttribute("code")
                : ((Element) doc.getElementsByTagNameNS(NS, "request").item(0)).getAttribute("verb");
        if (query.contains("metadataPrefix=ead3") && errs.getLength() == 0) label += " (ead3)";
        VALIDATED.merge(label, 1, Integer::sum);
        return doc;
    }

    Document ask(String query) throws Exception {
        return ask(provider, query);
    }

    static String error(Document d) {
        NodeList e = d.getElementsByTagNameNS(NS, "error");
        return e.getLength() == 0 ? null : ((Element) e.item(0)).getAttribute("code");
    }

    static List<String> texts(Document d, String name) {
        List<String> out = new ArrayList<>();
        NodeList n = d.getElementsByTagNameNS(NS, name);
        for (int i = 0; i < n.getLength(); i++) out.add(n.item(i).getTextContent());
        return out;
    }

    static String id(String s) {
        return "oai:archives.example.edu:" + s;
    }

    /** Every identifier a full list harvest yields (following tokens), with "(deleted)" marks. */
    List<String> harvest(OaiProvider p, String verbAndArgs) throws Exception {
        List<String> out = new ArrayList<>();
        Document d = ask(p, verbAndArgs);
        String verb = verbAndArgs.replaceAll("verb=(\\w+).*", "$1");
        while (true) {
            if (error(d) != null) {
                assertThat(error(d)).isEqualTo("noRecordsMatch");
                return out;
            }
            NodeList headers = d.getElementsByTagNameNS(NS, "header");
            for (int i = 0; i < headers.getLength(); i++) {
                Element h = (Element) headers.item(i);
                String ident = h.getElementsByTagNameNS(NS, "identifier").item(0).getTextContent();
                out.add(h.getAttribute("status").equals("deleted") ? ident + " (deleted)" : ident);
            }
            List<String> token = texts(d, "resumptionToken");
            if (token.isEmpty() || token.get(0).isEmpty()) return out;
            d = ask(p, "verb=" + verb + "&resumptionToken=" + token.get(0));
        }
    }

    // ---- every verb and every error, valid ------------------------------------------------------------------

    @Test
    void everyVerbAnswersValidXml() throws Exception {
        Document identify = ask("verb=Identify");
        assertThat(texts(identify, "deletedRecord")).containsExactly("persistent");
        assertThat(texts(identify, "granularity")).containsExactly("YYYY-MM-DDThh:mm:ssZ");
        assertThat(texts(ask("verb=ListMetadataFormats"), "metadataPrefix")).containsExactly("oai_dc", "ead3");
        assertThat(texts(ask("verb=ListMetadataFormats&identifier=" + id("I1")), "metadataPrefix")).hasSize(2);
        assertThat(texts(ask("verb=ListSets"), "setSpec")).containsExactly("PKU", "PKU:F1", "PKU:F1:S1");
        Document dc = ask("verb=GetRecord&identifier=" + id("I1") + "&metadataPrefix=oai_dc");
        assertThat(dc.getElementsByTagNameNS("http://purl.org/dc/elements/1.1/", "title").item(0).getTextContent())
                .isEqualTo("题名 I1");
        Document ead = ask("verb=GetRecord&identifier=" + id("S1") + "&metadataPrefix=ead3");
        assertThat(ead.getElementsByTagNameNS("http://ead3.archivists.org/schema/", "ead").getLength()).isOne();
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc")).containsExactly(
                id("F1"), id("S1"), id("FL1"), id("I1"), id("I2"), id("I3"), id("I4"), id("I5"));
        assertThat(harvest(provider, "verb=ListRecords&metadataPrefix=oai_dc")).hasSize(8);
        assertThat(harvest(provider, "verb=ListRecords&metadataPrefix=ead3")).hasSize(8);
    }

    @Test
    void everyErrorConditionAnswersValidXml() throws Exception {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("", "badVerb");
        cases.put("verb=Frobnicate", "badVerb");
        cases.put("verb=Identify&verb=Identify", "badVerb");
        cases.put("verb=Identify&colour=red", "badArgument");
        cases.put("verb=ListRecords", "badArgument");
        cases.put("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=ead3", "badArgument");
        cases.put("verb=ListRecords&metadataPrefix=oai_dc&from=2025-13-01", "badArgument");
        cases.put("verb=ListRecords&metadataPrefix=oai_dc&from=2025-01-01&until=2025-02-01T00:00:00Z", "badArgument");
        cases.put("verb=ListRecords&metadataPrefix=oai_dc&from=2025-02-01&until=2025-01-01", "badArgument");
        cases.put("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x", "badArgument");
        cases.put("verb=GetRecord&metadataPrefix=oai_dc", "badArgument");
        cases.put("verb=ListRecords&metadataPrefix=oai_dc&set=a%20b", "badArgument");
        cases.put("verb=ListRecords&resumptionToken=forged.token", "badResumptionToken");
        cases.put("verb=ListSets&resumptionToken=anything", "badResumptionToken");
        cases.put("verb=ListRecords&metadataPrefix=marc21", "cannotDisseminateFormat");
        cases.put("verb=GetRecord&identifier=" + id("I1") + "&metadataPrefix=mods", "cannotDisseminateFormat");
        cases.put("verb=GetRecord&identifier=" + id("nope") + "&metadataPrefix=oai_dc", "idDoesNotExist");
        cases.put("verb=GetRecord&identifier=urn:other:I1&metadataPrefix=oai_dc", "idDoesNotExist");
        cases.put("verb=ListMetadataFormats&identifier=" + id("nope"), "idDoesNotExist");
        cases.put("verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-01", "noRecordsMatch");
        cases.put("verb=ListIdentifiers&metadataPrefix=oai_dc&set=PKU:NOPE", "noRecordsMatch");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Document d = ask(c.getKey());
            assertThat(error(d)).as(c.getKey()).isEqualTo(c.getValue());
            Element request = (Element) d.getElementsByTagNameNS(NS, "request").item(0);
            boolean malformed = c.getValue().equals("badVerb") || c.getValue().equals("badArgument");
            assertThat(request.hasAttributes()).as("arguments echoed for %s", c.getKey()).isEqualTo(!malformed);
        }
        update("I5", b -> b.status(LifecycleStatus.WITHDRAWN));
        assertThat(error(ask("verb=ListMetadataFormats&identifier=" + id("I5")))).isEqualTo("noMetadataFormats");
        OaiProvider noSets = provider(Principal.anonymous(), 3, false);
        assertThat(error(ask(noSets, "verb=ListSets"))).isEqualTo("noSetHierarchy");
        assertThat(error(ask(noSets, "verb=ListRecords&metadataPrefix=oai_dc&set=PKU"))).isEqualTo("noSetHierarchy");
    }

    // ---- leaks ---------------------------------------------------------------------------------------------

    @Test
    void aHiddenIdAnswersExactlyAsAnUnknownOne() throws Exception {
        String hidden = body(provider, "verb=GetRecord&identifier=" + id("secret") + "&metadataPrefix=oai_dc");
        String unknown = body(provider, "verb=GetRecord&identifier=" + id("secreu") + "&metadataPrefix=oai_dc");
        assertThat(hidden.replace("secret", "secreu")).isEqualTo(unknown);
        assertThat(error(ask("verb=GetRecord&identifier=" + id("campus-item") + "&metadataPrefix=oai_dc")))
                .isEqualTo("idDoesNotExist");
        assertThat(error(ask("verb=GetRecord&identifier=" + id("emb") + "&metadataPrefix=ead3")))
                .isEqualTo("idDoesNotExist");
    }

    String body(OaiProvider p, String query) throws Exception {
        ask(p, query);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.handle(OaiProvider.parseQuery(query), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void neverVisibleRecordsNeverAppearInAnyList() throws Exception {
        StringBuilder all = new StringBuilder();
        for (String q : List.of("verb=ListRecords&metadataPrefix=oai_dc", "verb=ListRecords&metadataPrefix=ead3",
                "verb=ListIdentifiers&metadataPrefix=oai_dc", "verb=ListSets")) {
            Document d = ask(q);
            all.append(body(provider, q));
            List<String> token = texts(d, "resumptionToken");
            while (!token.isEmpty() && !token.get(0).isEmpty()) {
                String next = "verb=" + q.replaceAll("verb=(\\w+).*", "$1") + "&resumptionToken=" + token.get(0);
                all.append(body(provider, next));
                token = texts(ask(next), "resumptionToken");
            }
        }
        assertThat(all.toString()).contains(id("I1")).doesNotContain("secret").doesNotContain("campus-item")
                .doesNotContain("S2").doesNotContain(":emb<");
    }

    @Test
    void aPartnerPrincipalSeesCampusRecordsThePublicDoesNot() throws Exception {
        OaiProvider partner = provider(PARTNER, 50, true);
        assertThat(harvest(partner, "verb=ListIdentifiers&metadataPrefix=oai_dc"))
                .contains(id("S2"), id("campus-item")).doesNotContain(id("secret"));
        assertThat(texts(ask(partner, "verb=ListSets"), "setSpec")).contains("PKU:F1:S2");
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc")).doesNotContain(id("S2"));
    }

    @Test
    void aRecordSeenThroughAGrantNeverNamesItsHiddenParent() throws Exception {
        // an outside reader (the public for PKU) granted the campus item, but not its campus-only series S2
        Principal granted = Principal.campus("outsider", InstitutionCode.of("OTHER")).withGrant(
                new org.archivekit.core.access.Grant(DescriptionId.of("campus-item"), T0.plus(Duration.ofDays(365))));
        OaiProvider p = provider(granted, 50, true);
        Document got = ask(p, "verb=ListRecords&metadataPrefix=oai_dc");
        assertThat(harvest(p, "verb=ListIdentifiers&metadataPrefix=oai_dc")).contains(id("campus-item"))
                .doesNotContain(id("S2"));
        assertThat(relations(got)).contains("isPartOf:FL1").doesNotContain("isPartOf:S2"); // FL1: the items' file
        assertThat(texts(got, "setSpec")).doesNotContain("PKU:F1:S2");
        assertThat(relations(ask(provider(PARTNER, 50, true), "verb=ListRecords&metadataPrefix=oai_dc")))
                .contains("isPartOf:S2");
    }

    static List<String> relations(Document d) {
        NodeList n = d.getElementsByTagNameNS(org.archivekit.share.dc.DublinCoreWriter.DC_NS, "relation");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) out.add(n.item(i).getTextContent());
        return out;
    }

    @Test
    void aWithdrawnRecordOnceExposedIsADeletedHeaderWithoutMetadata() throws Exception {
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc")).contains(id("I5"));
        Description withdrawn = update("I5", b -> b.status(LifecycleStatus.WITHDRAWN));

        Document got = ask("verb=GetRecord&identifier=" + id("I5") + "&metadataPrefix=oai_dc");
        Element header = (Element) got.getElementsByTagNameNS(NS, "header").item(0);
        assertThat(header.getAttribute("status")).isEqualTo("deleted");
        assertThat(got.getElementsByTagNameNS(NS, "metadata").getLength()).isZero();
        assertThat(texts(got, "datestamp")).containsExactly(OaiTime.seconds(withdrawn.info().updatedAt()));
        assertThat(harvest(provider, "verb=ListRecords&metadataPrefix=oai_dc"))
                .contains(id("I5") + " (deleted)").doesNotContain(id("I5"));
        Document records = ask("verb=ListRecords&metadataPrefix=oai_dc&from="
                + OaiTime.seconds(withdrawn.info().updatedAt()));
        assertThat(records.getElementsByTagNameNS(NS, "metadata").getLength()).isZero();
    }

    @Test
    void aRestrictedAncestorHidesItsSubtreeAsDeletedHeadersStampedWithTheAncestorsChange() throws Exception {
        harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc");
        Description s1 = update("S1", b -> b.access(Access.of(AccessLevel.CAMPUS)));
        clock.advance(Duration.ofMinutes(10));

        List<String> since = harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&from="
                + OaiTime.seconds(s1.info().updatedAt()));
        assertThat(since).containsExactlyInAnyOrder(id("S1") + " (deleted)", id("FL1") + " (deleted)",
                id("I1") + " (deleted)", id("I2") + " (deleted)", id("I3") + " (deleted)", id("I4") + " (deleted)",
                id("I5") + " (deleted)");
        assertThat(error(ask("verb=GetRecord&identifier=" + id("I1") + "&metadataPrefix=oai_dc"))).isNull();
        assertThat(error(ask("verb=GetRecord&identifier=" + id("secret") + "&metadataPrefix=oai_dc")))
                .isEqualTo("idDoesNotExist");
    }

    @Test
    void anEmbargoEndingShowsTheRecordDatestampedAtTheEmbargosEndWithoutAnyWrite() throws Exception {
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc")).doesNotContain(id("emb"));
        clock.set(EMBARGO_END.plus(Duration.ofDays(3)));

        Document d = ask("verb=GetRecord&identifier=" + id("emb") + "&metadataPrefix=oai_dc");
        assertThat(texts(d, "datestamp")).containsExactly(OaiTime.seconds(EMBARGO_END));
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2025-06-01"))
                .containsExactly(id("emb"));
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&until=2025-05-31")).hasSize(8);
    }

    @Test
    void aWriteCommittedAfterAHarvestButStampedBeforeItIsStillHarvestedIncrementally() throws Exception {
        Document first = ask("verb=ListIdentifiers&metadataPrefix=oai_dc");
        String responseDate = texts(first, "responseDate").get(0);
        Instant harvestedAt = clock.instant();
        clock.set(harvestedAt.minusSeconds(20)); // a long transaction: its time was taken before the harvest
        create("late-commit", Level.ITEM, "FL1", Access.PUBLIC);
        clock.set(harvestedAt.plusSeconds(60));

        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&from=" + responseDate))
                .containsExactly(id("late-commit"));
    }

    @Test
    void exposureSurvivesAProviderRestartWithItsLedgerFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (OaiLedger durable = OaiLedger.open(dir.resolve("ledger.db"))) {
            OaiProvider p = OaiProvider.builder().archive(archive).ledger(durable)
                    .baseUrl("https://archives.example.edu/oai").adminEmail("archivist@example.edu")
                    .tokenSecret(SECRET).build();
            assertThat(error(ask(p, "verb=GetRecord&identifier=" + id("I2") + "&metadataPrefix=oai_dc"))).isNull();
        }
        update("I2", b -> b.access(Access.of(AccessLevel.RESTRICTED)));
        try (OaiLedger reopened = OaiLedger.open(dir.resolve("ledger.db"))) {
            OaiProvider p = OaiProvider.builder().archive(archive).ledger(reopened)
                    .baseUrl("https://archives.example.edu/oai").adminEmail("archivist@example.edu")
                    .tokenSecret(SECRET).build();
            Document d = ask(p, "verb=GetRecord&identifier=" + id("I2") + "&metadataPrefix=oai_dc");
            assertThat(((Element) d.getElementsByTagNameNS(NS, "header").item(0)).getAttribute("status"))
                    .isEqualTo("deleted");
            assertThat(error(ask(p, "verb=GetRecord&identifier=" + id("secret") + "&metadataPrefix=oai_dc")))
                    .isEqualTo("idDoesNotExist");
        }
    }

    @Test
    void onSqliteAWithdrawnSeriesTurnsItsSubtreeIntoDeletedHeaders(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        archive.close();
        archive = Archive.builder().store(org.archivekit.core.store.SqliteArchiveStore.open(dir.resolve("a.db")))
                .policy(AccessPolicy.builder().clock(clock).build()).build();
        archive.putInstitution(ADMIN, new Institution(PKU, "北京大学档案馆", null, null));
        create("F1", Level.FONDS, null, Access.PUBLIC);
        create("S1", Level.SERIES, "F1", Access.PUBLIC);
        for (int i = 1; i <= 4; i++) create("I" + i, Level.ITEM, "S1", Access.PUBLIC);
        create("S2", Level.SERIES, "F1", Access.PUBLIC);
        OaiProvider p = provider(Principal.anonymous(), 2, true);
        assertThat(harvest(p, "verb=ListIdentifiers&metadataPrefix=oai_dc")).hasSize(7);

        Description s1 = update("S1", b -> b.status(LifecycleStatus.WITHDRAWN));
        clock.advance(Duration.ofMinutes(30));

        String from = OaiTime.seconds(s1.info().updatedAt());
        assertThat(harvest(p, "verb=ListRecords&metadataPrefix=oai_dc&from=" + from))
                .containsExactly(id("I1") + " (deleted)", id("I2") + " (deleted)", id("I3") + " (deleted)",
                        id("I4") + " (deleted)", id("S1") + " (deleted)");
        assertThat(harvest(p, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=PKU:F1:S1")).hasSize(5)
                .allMatch(h -> h.endsWith("(deleted)"));
        assertThat(setSpecs(p)).containsExactly("PKU", "PKU:F1", "PKU:F1:S2");
    }

    // ---- tokens --------------------------------------------------------------------------------------------

    @Test
    void forgedTamperedExpiredAndForeignTokensAreRefused() throws Exception {
        String token = texts(ask("verb=ListIdentifiers&metadataPrefix=oai_dc"), "resumptionToken").get(0);
        assertThat(error(ask("verb=ListIdentifiers&resumptionToken=" + token))).isNull();
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(error(ask("verb=ListIdentifiers&resumptionToken=" + tampered))).isEqualTo("badResumptionToken");
        String payload = token.substring(0, token.indexOf('.'));
        String altered = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new String(
                java.util.Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).replace("oai_dc", "ead3")
                .getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
        assertThat(error(ask("verb=ListIdentifiers&resumptionToken=" + altered))).isEqualTo("badResumptionToken");
        assertThat(error(ask("verb=ListRecords&resumptionToken=" + token))).isEqualTo("badResumptionToken");
        assertThat(error(ask(provider(PARTNER, 3, true), "verb=ListIdentifiers&resumptionToken=" + token)))
                .isEqualTo("badResumptionToken");
        clock.advance(Duration.ofHours(2));
        assertThat(error(ask("verb=ListIdentifiers&resumptionToken=" + token))).isEqualTo("badResumptionToken");
    }

    @Test
    void aHarvestStaysCorrectWhileRecordsAreAddedAndUpdated() throws Exception {
        for (int i = 0; i < 20; i++) create("N" + i, Level.ITEM, "FL1", Access.PUBLIC);
        List<String> before = harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc");
        Document d = ask("verb=ListIdentifiers&metadataPrefix=oai_dc");
        List<String> got = new ArrayList<>(texts(d, "identifier"));
        String token = texts(d, "resumptionToken").get(0);
        d = ask("verb=ListIdentifiers&resumptionToken=" + token);
        got.addAll(texts(d, "identifier"));
        // mid-harvest: an already harvested record and a not yet harvested one change, new ones arrive
        update("F1", b -> b.titleZh("改名"));
        update("N10", b -> b.titleZh("改名"));
        create("late", Level.ITEM, "FL1", Access.PUBLIC);
        token = texts(d, "resumptionToken").get(0);
        while (true) {
            d = ask("verb=ListIdentifiers&resumptionToken=" + token);
            got.addAll(texts(d, "identifier"));
            token = texts(d, "resumptionToken").get(0);
            if (token.isEmpty()) break;
        }
        for (String unchanged : before) {
            if (unchanged.equals(id("F1")) || unchanged.equals(id("N10"))) continue;
            assertThat(got).as("unchanged %s exactly once", unchanged).containsOnlyOnce(unchanged);
        }
        assertThat(got).contains(id("late"), id("N10"), id("F1"));
    }

    @Test
    void fromAndUntilSelectBySecondAndByDay() throws Exception {
        Description i3 = archive.get(ADMIN, DescriptionId.of("I3"));
        String at = OaiTime.seconds(i3.info().updatedAt());
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&from=" + at + "&until=" + at))
                .containsExactly(id("I3"));
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&until=" + at))
                .containsExactly(id("F1"), id("S1"), id("FL1"), id("I1"), id("I2"), id("I3"));
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2025-01-01&until=2025-01-01"))
                .hasSize(8);
        assertThat(error(ask("verb=ListIdentifiers&metadataPrefix=oai_dc&until=2024-12-31")))
                .isEqualTo("noRecordsMatch");
    }

    @Test
    void setsSelectAnInstitutionAFondsOrASeries() throws Exception {
        create("F2", Level.FONDS, null, Access.PUBLIC);
        create("a:b", Level.SERIES, "F2", Access.PUBLIC);
        create("F2-item", Level.ITEM, "a:b", Access.PUBLIC);
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=PKU:F1:S1"))
                .containsExactly(id("S1"), id("FL1"), id("I1"), id("I2"), id("I3"), id("I4"), id("I5"));
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=PKU:F2"))
                .containsExactly(id("F2"), id("a:b"), id("F2-item"));
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=PKU:F2:a~b"))
                .containsExactly(id("a:b"), id("F2-item"));
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=PKU")).hasSize(11);
        assertThat(setSpecs(provider)).contains("PKU:F2:a~b");
    }

    @Test
    void aRecordMovedToAnotherSetIsDeletedInTheSetItLeft() throws Exception {
        create("S3", Level.SERIES, "F1", Access.PUBLIC);
        create("FL3", Level.FILE, "S3", Access.PUBLIC);
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=PKU:F1:S1")).contains(id("I1"));

        Description moved = update("I1", b -> b.parent(DescriptionId.of("FL3")));
        clock.advance(Duration.ofMinutes(30));
        String from = "&from=" + OaiTime.seconds(moved.info().updatedAt());

        // the set it left: deleted there, incrementally and in a full selective harvest, never with metadata
        assertThat(harvest(provider, "verb=ListRecords&metadataPrefix=oai_dc&set=PKU:F1:S1" + from))
                .containsExactly(id("I1") + " (deleted)");
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=PKU:F1:S1"))
                .containsExactly(id("S1"), id("FL1"), id("I2"), id("I3"), id("I4"), id("I5"), id("I1") + " (deleted)");
        Document left = ask("verb=ListRecords&metadataPrefix=oai_dc&set=PKU:F1:S1" + from);
        assertThat(left.getElementsByTagNameNS(NS, "metadata").getLength()).isZero();
        assertThat(texts(left, "setSpec")).contains("PKU:F1:S1");
        // the set it joined, the sets holding both places and the whole repository: a live record, once
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=PKU:F1:S3" + from))
                .containsExactly(id("I1"));
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=PKU:F1" + from))
                .containsExactly(id("I1"));
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc" + from)).containsExactly(id("I1"));

        // moved back: live in S1 again, not also deleted there; now deleted in S3
        Description back = update("I1", b -> b.parent(DescriptionId.of("FL1")));
        clock.advance(Duration.ofMinutes(30));
        String since = "&from=" + OaiTime.seconds(back.info().updatedAt());
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=PKU:F1:S1" + since))
                .containsExactly(id("I1"));
        assertThat(harvest(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc&set=PKU:F1:S3" + since))
                .containsExactly(id("I1") + " (deleted)");
        // small pages across both kinds of entry: the keyset still yields each once, in datestamp order
        assertThat(harvest(provider(Principal.anonymous(), 1, true),
                "verb=ListIdentifiers&metadataPrefix=oai_dc&set=PKU:F1:S3")).containsExactly(id("S3"), id("FL3"),
                        id("I1") + " (deleted)");
    }

    // ---- ListSets in pages ---------------------------------------------------------------------------------

    /** Every set spec a full ListSets harvest yields, following tokens. */
    List<String> setSpecs(OaiProvider p) throws Exception {
        List<String> out = new ArrayList<>();
        Document d = ask(p, "verb=ListSets");
        while (true) {
            assertThat(error(d)).isNull();
            out.addAll(texts(d, "setSpec"));
            List<String> token = texts(d, "resumptionToken");
            if (token.isEmpty() || token.get(0).isEmpty()) return out;
            d = ask(p, "verb=ListSets&resumptionToken=" + token.get(0));
        }
    }

    @Test
    void listSetsComesInKeysetPagesWithTheCompleteSize() throws Exception {
        for (int f = 2; f <= 4; f++) {
            create("F" + f, Level.FONDS, null, Access.PUBLIC);
            for (int s = 1; s <= 3; s++) create("F" + f + "S" + s, Level.SERIES, "F" + f, Access.PUBLIC);
        }
        create("F3S4", Level.SERIES, "F3", Access.of(AccessLevel.RESTRICTED)); // never listed for the public
        archive.putInstitution(ADMIN, new Institution(InstitutionCode.of("THU"), "清华大学档案馆", null, null));
        OaiProvider p = provider(Principal.anonymous(), 4, true);
        List<String> expected = new ArrayList<>(List.of("PKU", "PKU:F1", "PKU:F1:S1"));
        for (int f = 2; f <= 4; f++) {
            expected.add("PKU:F" + f);
            for (int s = 1; s <= 3; s++) expected.add("PKU:F" + f + ":F" + f + "S" + s);
        }
        expected.add("THU");

        assertThat(setSpecs(p)).containsExactlyElementsOf(expected);
        Document first = ask(p, "verb=ListSets");
        assertThat(texts(first, "setSpec")).hasSize(4);
        Element token = (Element) first.getElementsByTagNameNS(NS, "resumptionToken").item(0);
        assertThat(token.getAttribute("completeListSize")).isEqualTo(Integer.toString(expected.size()));
        assertThat(token.getAttribute("expirationDate")).isNotEmpty();

        // a set added behind the cursor is not repeated; one ahead of it is picked up (keyset, not offset)
        Document second = ask(p, "verb=ListSets&resumptionToken=" + token.getTextContent());
        List<String> secondPage = texts(second, "setSpec");
        create("A0", Level.FONDS, null, Access.PUBLIC);
        create("F4S9", Level.SERIES, "F4", Access.PUBLIC);
        String next = texts(second, "resumptionToken").get(0);
        List<String> rest = new ArrayList<>();
        for (Document d = ask(p, "verb=ListSets&resumptionToken=" + next); ; ) {
            rest.addAll(texts(d, "setSpec"));
            String t = texts(d, "resumptionToken").get(0);
            if (t.isEmpty()) break;
            d = ask(p, "verb=ListSets&resumptionToken=" + t);
        }
        assertThat(rest).contains("PKU:F4:F4S9").doesNotContain("PKU:A0").doesNotContainAnyElementsOf(secondPage);

        // tokens stay bound to their verb, audience and bytes
        String t = token.getTextContent();
        assertThat(error(ask(p, "verb=ListRecords&resumptionToken=" + t))).isEqualTo("badResumptionToken");
        assertThat(error(ask(provider(PARTNER, 4, true), "verb=ListSets&resumptionToken=" + t)))
                .isEqualTo("badResumptionToken");
        String altered = t.substring(0, 5) + (t.charAt(5) == 'A' ? 'B' : 'A') + t.substring(6);
        assertThat(error(ask(p, "verb=ListSets&resumptionToken=" + altered))).isEqualTo("badResumptionToken");
    }
}
