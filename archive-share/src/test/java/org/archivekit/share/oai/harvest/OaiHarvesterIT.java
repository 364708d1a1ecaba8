package org.archivekit.share.oai.harvest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.archivekit.core.AccessRestrictedException;
import org.archivekit.core.Archive;
import org.archivekit.core.ConflictException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.AgentRole;
import org.archivekit.core.model.AgentType;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.Title;
import org.archivekit.core.store.SqliteArchiveStore;
import org.archivekit.core.testing.Conformance;
import org.archivekit.share.oai.harvest.OaiFixtureServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harvester over real HTTP on loopback against stored provider responses and scripted faults. */
final class OaiHarvesterIT {
    private static final InstitutionCode LIB = InstitutionCode.of("LIB");
    private static final Principal ADMIN = Principal.admin("harvester");
    private static final Principal STAFF = Principal.staff("staff", AccessLevel.RESTRICTED, LIB);

    @TempDir
    Path dir;

    private Archive archive;
    private OaiFixtureServer server;
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void open() {
        archive = Archive.builder().store(SqliteArchiveStore.open(dir.resolve("archive.db"))).build();
    }

    @AfterEach
    void close() {
        if (server != null) server.close();
        archive.close();
    }

    private static Path spec(String name) {
        return Conformance.require("schemas/oai-pmh/spec-examples").resolve(name);
    }

    private static Path aspace(String name) {
        return Conformance.require("schemas/oai-pmh/archivesspace-responses").resolve(name);
    }

    private OaiFixtureServer serve(Function<Map<String, String>, Reply> router) throws IOException {
        server = new OaiFixtureServer(router);
        return server;
    }

    /** The Library of Congress Identify of the spec (seconds granularity), then {@code lists} for the rest. */
    private static Function<Map<String, String>, Reply> loc(Function<Map<String, String>, Reply> lists) {
        return q -> "Identify".equals(q.get("verb")) ? Reply.file(spec("ex-sec4.2.xml")) : lists.apply(q);
    }

    /** A scripted partner's Identify (seconds granularity), then {@code lists} for the rest. */
    private static Function<Map<String, String>, Reply> partner(Function<Map<String, String>, Reply> lists) {
        return q -> "Identify".equals(q.get("verb")) ? partnerIdentify() : lists.apply(q);
    }

    private static Reply partnerIdentify() {
        return Reply.ok(identify("YYYY-MM-DDThh:mm:ssZ", "2024-03-01T10:00:00Z"));
    }

    private OaiHarvester.Builder harvester() {
        return OaiHarvester.builder().archive(archive).actor(ADMIN).retries(3)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(5)).timeout(Duration.ofSeconds(10))
                .sleeper(waits::add);
    }

    private HarvestRequest request() {
        return HarvestRequest.of(server.baseUrl(), LIB);
    }

    private static String identify(String granularity, String responseDate) {
        return envelope(responseDate, "<Identify><repositoryName>Partner Library</repositoryName>"
                + "<baseURL>http://partner.example/oai</baseURL><protocolVersion>2.0</protocolVersion>"
                + "<adminEmail>a@partner.example</adminEmail><earliestDatestamp>2000-01-01</earliestDatestamp>"
                + "<deletedRecord>persistent</deletedRecord><granularity>" + granularity + "</granularity>"
                + "</Identify>");
    }

    private static String envelope(String responseDate, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">"
                + "<responseDate>" + responseDate + "</responseDate><request>http://partner.example/oai</request>"
                + body + "</OAI-PMH>";
    }

    private static String dcRecord(String id, String datestamp, String title, String extra) {
        return "<record><header><identifier>" + id + "</identifier><datestamp>" + datestamp + "</datestamp>"
                + "</header><metadata><oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" + title + "</dc:title>" + extra
                + "</oai_dc:dc></metadata></record>";
    }

    private static String deleted(String id, String datestamp) {
        return "<record><header status=\"deleted\"><identifier>" + id + "</identifier><datestamp>" + datestamp
                + "</datestamp></header></record>";
    }

    private static String list(String responseDate, String records, String token) {
        return envelope(responseDate, "<ListRecords>" + records + token + "</ListRecords>");
    }

    private Description stored(String oaiIdentifier) {
        return archive.get(STAFF, OaiHarvester.recordId(LIB, oaiIdentifier));
    }

    // ------------------------------------------------------------------ stored provider responses

    @Test
    void harvestsTheSpecExamplesIntoItsOwnInstitutionKeepingIdentifiersAndLinks() throws IOException {
        serve(q -> switch (q.get("verb")) {
            case "Identify" -> Reply.file(spec("ex-sec4.2.xml"));
            case "ListRecords" -> Reply.file(spec("ex-sec4.5b.xml"));
            default -> Reply.status(400, Map.of());
        });
        HarvestReport r = harvester().build().harvest(request());

        assertThat(r.summary()).isEqualTo("1 page: 2 created, 0 updated, 0 unchanged, 0 withdrawn, 0 skipped");
        assertThat(r.complete()).isTrue();
        assertThat(server.requests()).containsExactly(Map.of("verb", "Identify"),
                Map.of("verb", "ListRecords", "metadataPrefix", "oai_dc"));
        Institution lib = archive.institutions().get(0);
        assertThat(lib.code()).isEqualTo(LIB);
        assertThat(lib.nameZh()).isEqualTo("Library of Congress Open Archive Initiative Repository 1");
        Description box = archive.get(Principal.anonymous(), DescriptionId.of("LIB"));
        assertThat(box.level()).isEqualTo(Level.FONDS);
        assertThat(box.customFields()).containsEntry("oai.baseURL", server.baseUrl().toString())
                .containsEntry("oai.granularity", "YYYY-MM-DDThh:mm:ssZ")
                .containsEntry("oai.last.oai_dc", "2002-02-08T12:00:01Z");

        // the identifier fits the id form, so the id is just CODE:identifier
        Description opera = archive.get(Principal.anonymous(),
                DescriptionId.of("LIB:oai:perseus:Perseus:text:1999.02.0084"));
        assertThat(opera.parent()).isEqualTo(DescriptionId.of("LIB"));
        assertThat(opera.level()).isEqualTo(Level.ITEM);
        assertThat(opera.title()).isEqualTo(new Title("Opera Minora", "und"));
        assertThat(opera.agents()).containsExactly(Agent.creator(AgentType.PERSON, "Cornelius Tacitus"));
        assertThat(opera.languages()).isEmpty();
        assertThat(opera.status()).isEqualTo(LifecycleStatus.PUBLISHED);
        assertThat(opera.access().level()).isEqualTo(AccessLevel.PUBLIC);
        assertThat(opera.access().openingDate()).isEqualTo(LocalDate.of(2002, 5, 1));
        assertThat(opera.customFields()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "oai.identifier", "oai:perseus:Perseus:text:1999.02.0084",
                "oai.datestamp", "2002-05-01T14:16:12Z",
                "dc.type", "text",
                "dc.language", "latin",
                "dc.source", "Opera Minora. Cornelius Tacitus. Henry Furneaux. Clarendon Press. Oxford. 1900.",
                // the spec example wraps the URL over two lines; the link is kept whole
                "dc.identifier", "http://www.perseus.tufts.edu/cgi-bin/ptext?doc=Perseus:text:1999.02.0084"));
        Description germany = archive.get(Principal.anonymous(),
                DescriptionId.of("LIB:oai:perseus:Perseus:text:1999.02.0083"));
        assertThat(germany.title().text()).isEqualTo("Germany and its Tribes");
        assertThat(germany.customFields()).containsEntry("dc.language", "english");
        // the anonymous public sees the partner's fonds and both records
        try (var all = archive.list(Principal.anonymous(), null)) {
            assertThat(all.map(v -> v.description().id().value())).containsExactly("LIB",
                    "LIB:oai:perseus:Perseus:text:1999.02.0083", "LIB:oai:perseus:Perseus:text:1999.02.0084");
        }
    }

    @Test
    void mapsArchivesSpaceOutputWithItsQuirks() throws IOException {
        serve(q -> switch (q.get("verb") + " " + q.getOrDefault("identifier", "") + " "
                + q.getOrDefault("metadataPrefix", "")) {
            case "Identify  " -> Reply.file(aspace("identify.xml"));
            case "GetRecord oai:archivesspace//repositories/3/archival_objects/1 oai_dc" ->
                    Reply.file(aspace("getrecord_oai_dc.xml"));
            case "GetRecord oai:archivesspace//repositories/3/resources/1 oai_dc" ->
                    Reply.file(aspace("getrecord_resource_oai_dc.xml"));
            case "GetRecord oai:archivesspace//repositories/160/resources/632 oai_ead" ->
                    Reply.file(aspace("getrecord_oai_ead.xml"));
            default -> Reply.ok(envelope("2019-08-29T15:55:06Z", "<error code=\"idDoesNotExist\"/>"));
        });
        OaiHarvester h = harvester().build();
        String object = "oai:archivesspace//repositories/3/archival_objects/1";
        String resource = "oai:archivesspace//repositories/3/resources/1";
        assertThat(h.harvestRecord(request(), object).created()).isEqualTo(1);
        assertThat(h.harvestRecord(request(), resource).created()).isEqualTo(1);

        // "//" and "/" are outside the id form: the id keeps what it can and adds a hash of the identifier
        DescriptionId id = OaiHarvester.recordId(LIB, object);
        assertThat(id.value()).matches("LIB:oai:archivesspace--repositories-3-archival_objects-1-[0-9a-f]{12}");
        Description ao = archive.get(Principal.anonymous(), id);
        assertThat(ao.title()).isEqualTo(new Title("Archival_Object 1, 2017-06-01", "und"));
        assertThat(ao.dates()).containsExactly(ArchivalDate.ofDay(LocalDate.of(2017, 6, 1)));
        assertThat(ao.agents()).containsExactly(Agent.creator(AgentType.PERSON, "Agent, Creator"));
        assertThat(ao.subjects()).containsExactly("Topical -- Subject", "Function -- Subject",
                "Occupation -- Subject", "Agent, Subject");
        assertThat(ao.languages()).containsExactly("eng");
        assertThat(ao.scopeAndContent()).isEqualTo("bioghist note\n\nscope and contents note\n\nabstract note\n\n"
                + "general note\n\narrangement note");
        assertThat(ao.notes().useConditions())
                .isEqualTo("conditions governing access note\nconditions governing use note");
        assertThat(ao.customFields()).containsEntry("oai.identifier", object)
                .containsEntry("oai.datestamp", "2019-08-29T15:54:50Z")
                .containsEntry("dc.identifier",
                        "ArchivalObject OAI test 0\nhttp://localhost:8081/repositories/3/archival_objects/1")
                .containsEntry("dc.relation", "existence and location of originals note\nexistence and location of"
                        + " copies note\nseparated materials note\nrelated materials note\nTest resource 0, Resource"
                        + " OAI test 0.OAI.1")
                .containsEntry("dc.language", "Latn\nLanguage note")
                .containsEntry("dc.publisher", "oai_test")
                .containsEntry("dc.type", "Genre -- Subject")
                .containsEntry("dc.coverage", "Geographic -- Subject")
                .containsEntry("dc.format", "10 Volumes; Container summary\nphysical description note\n"
                        + "dimensions note")
                .doesNotContainKey("dc.date");

        // ArchivesSpace writes ranges with " -- ": read as a range, the expression kept as written
        Description res = archive.get(Principal.anonymous(), OaiHarvester.recordId(LIB, resource));
        assertThat(res.title().text()).isEqualTo("Test resource 0");
        assertThat(res.dates()).containsExactly(new ArchivalDate("2012-06-01 -- 2016-06-01",
                LocalDate.of(2012, 6, 1), LocalDate.of(2016, 6, 1), false));
        assertThat(res.scopeAndContent()).endsWith("I'm an ordered list. Item X; Item Y; Item Z");

        // EAD 2002 from ArchivesSpace is not mapped: skipped with the reason, the oai_dc record untouched
        String eadRecord = "oai:archivesspace//repositories/160/resources/632";
        HarvestReport ead = h.harvestRecord(request().withMetadataPrefix("oai_ead"), eadRecord);
        assertThat(ead.skipped()).containsExactly(new HarvestReport.Skipped(eadRecord,
                "metadata in urn:isbn:1-931666-22-9 is not mapped; harvest with --prefix oai_dc"));
        assertThat(archive.get(STAFF, id).version()).isEqualTo(ao.version());

        assertThatThrownBy(() -> h.harvestRecord(request(), "oai:archivesspace//nope"))
                .isInstanceOfSatisfying(OaiErrorException.class, e -> assertThat(e.code()).isEqualTo("idDoesNotExist"));
    }

    @Test
    void skipsOtherFormatsAndDeletedRecordsItNeverHeldWithTheReason() throws IOException {
        serve(loc(q -> Reply.file(spec("ex-sec4.5a.xml"))));
        HarvestReport r = harvester().build().harvest(request());
        assertThat(r.created()).isZero();
        assertThat(r.skipped()).containsExactly(
                new HarvestReport.Skipped("oai:arXiv.org:hep-th/9901001", "metadata in"
                        + " http://info.internet.isi.edu:80/in-notes/rfc/files/rfc1807.txt is not mapped; harvest with"
                        + " --prefix oai_dc"),
                new HarvestReport.Skipped("oai:arXiv.org:hep-th/9901007",
                        "deleted at the partner and never harvested here"));
    }

    @Test
    void anEmptyDcRecordIsSkippedForWantOfATitle() throws IOException {
        serve(loc(q -> Reply.file(spec("ex-sec3.2.xml"))));
        HarvestReport r = harvester().build().harvest(request());
        assertThat(r.skipped()).containsExactly(
                new HarvestReport.Skipped("oai:arXiv.org:1", "no dc:title (a title is required)"));
    }

    @Test
    void noRecordsMatchIsASuccessfulHarvestOfNothing() throws IOException {
        serve(loc(q -> Reply.file(spec("ex-sec4.3c.xml"))));
        HarvestReport r = harvester().build().harvest(request());
        assertThat(r.complete()).isTrue();
        assertThat(r.pages()).isZero();
        assertThat(r.created()).isZero();
    }

    @Test
    void oaiErrorsBecomeTypedErrors() throws IOException {
        serve(loc(q -> Reply.file(spec("ex-sec4.5c.xml"))));
        assertThatThrownBy(() -> harvester().build().harvest(request()))
                .isInstanceOfSatisfying(OaiErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo("badArgument");
                    assertThat(e.progress()).isNotNull();
                    assertThat(e.progress().complete()).isFalse();
                });
        server.route(loc(q -> Reply.file(spec("ex-sec4.6b.xml"))));
        assertThatThrownBy(() -> harvester().build().harvest(request().withSet("music")))
                .isInstanceOfSatisfying(OaiErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo("noSetHierarchy");
                    assertThat(e.getMessage()).endsWith("noSetHierarchy (This repository does not support sets)");
                });
    }

    // ------------------------------------------------------------------ paging and incremental state

    @Test
    void followsResumptionTokensToTheEmptyOne() throws IOException {
        serve(q -> {
            if (q.get("verb").equals("Identify")) return partnerIdentify();
            String token = q.getOrDefault("resumptionToken", "");
            return switch (token) {
                case "" -> Reply.ok(list("2024-03-01T10:00:01Z", dcRecord("oai:p:1", "2024-01-01", "One", "")
                        + dcRecord("oai:p:2", "2024-01-02", "Two", ""),
                        "<resumptionToken completeListSize=\"5\" cursor=\"0\">page2</resumptionToken>"));
                case "page2" -> Reply.ok(list("2024-03-01T10:00:02Z", dcRecord("oai:p:3", "2024-01-03", "Three", "")
                        + dcRecord("oai:p:4", "2024-01-04", "Four", ""),
                        "<resumptionToken completeListSize=\"5\" cursor=\"2\">page 3/&amp;?</resumptionToken>"));
                case "page 3/&?" -> Reply.ok(list("2024-03-01T10:00:03Z",
                        dcRecord("oai:p:5", "2024-01-05", "Five", ""),
                        "<resumptionToken completeListSize=\"5\" cursor=\"4\"/>"));
                default -> Reply.ok(envelope("2024-03-01T10:00:04Z", "<error code=\"badResumptionToken\"/>"));
            };
        });
        List<HarvestReport> progress = new ArrayList<>();
        HarvestReport r = harvester().onPage(progress::add).build().harvest(request());
        assertThat(r.pages()).isEqualTo(3);
        assertThat(r.created()).isEqualTo(5);
        assertThat(progress).extracting(HarvestReport::created).containsExactly(2L, 4L, 5L);
        // a token request carries the token alone (exclusive argument), encoded
        assertThat(server.verbs()).containsExactly("Identify", "ListRecords", "ListRecords:page2",
                "ListRecords:page 3/&?");
        assertThat(server.requests().get(2)).containsOnlyKeys("verb", "resumptionToken");
        assertThat(stored("oai:p:5").title().text()).isEqualTo("Five");
    }

    @Test
    void aSecondHarvestAsksFromTheFirstOnesResponseDateAndUpdatesRatherThanDuplicates() throws IOException {
        String[] title = {"Old title"};
        serve(partner(q -> Reply.ok(list("2024-03-01T10:00:01Z",
                dcRecord("oai:p:1", "2024-02-01T00:00:00Z", title[0], "")
                        + dcRecord("oai:p:2", "2024-02-01T00:00:00Z", "Same", ""), ""))));
        OaiHarvester h = harvester().build();
        assertThat(h.harvest(request()).created()).isEqualTo(2);
        long v1 = stored("oai:p:1").version();
        long v2 = stored("oai:p:2").version();

        title[0] = "New title";
        HarvestReport second = h.harvest(request());
        assertThat(server.requests().get(3)).containsEntry("from", "2024-03-01T10:00:00Z");
        assertThat(second.from()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(second.summary()).isEqualTo("1 page: 0 created, 1 updated, 1 unchanged, 0 withdrawn, 0 skipped");
        assertThat(stored("oai:p:1").title().text()).isEqualTo("New title");
        assertThat(stored("oai:p:1").version()).isEqualTo(v1 + 1);
        assertThat(stored("oai:p:2").version()).isEqualTo(v2);
        try (var all = archive.list(STAFF, Level.ITEM)) {
            assertThat(all.count()).isEqualTo(2);
        }

        // --full ignores the remembered date; an explicit from wins over it
        h.harvest(request().withFull(true));
        assertThat(server.requests().get(5)).doesNotContainKey("from");
        h.harvest(request().withFrom("2023-01-01"));
        assertThat(server.requests().get(7)).containsEntry("from", "2023-01-01");
    }

    @Test
    void aDayGranularPartnerGetsDays() throws IOException {
        serve(q -> q.get("verb").equals("Identify") ? Reply.ok(identify("YYYY-MM-DD", "2024-03-01T10:00:00Z"))
                : Reply.ok(list("2024-03-01T10:00:01Z", dcRecord("oai:p:1", "2024-02-01", "One", ""), "")));
        OaiHarvester h = harvester().build();
        h.harvest(request().withUntil("2024-02-20T12:00:00Z"));
        assertThat(server.requests().get(1)).containsEntry("until", "2024-02-20");
        // with until before the response date, the next harvest starts at until, not later
        h.harvest(request());
        assertThat(server.requests().get(3)).containsEntry("from", "2024-02-20");
    }

    @Test
    void aDeletedHeaderWithdrawsTheRecordAndAReturnRepublishesIt() throws IOException {
        String[] page = {dcRecord("oai:p:1", "2024-01-01", "Kept", "") + dcRecord("oai:p:2", "2024-01-01", "Gone", "")};
        serve(partner(q -> Reply.ok(list("2024-03-01T10:00:01Z", page[0], ""))));
        OaiHarvester h = harvester().build();
        h.harvest(request());
        DescriptionId gone = OaiHarvester.recordId(LIB, "oai:p:2");
        assertThat(archive.find(Principal.anonymous(), gone)).isPresent();

        page[0] = deleted("oai:p:2", "2024-03-02");
        HarvestReport r = h.harvest(request());
        assertThat(r.withdrawn()).isEqualTo(1);
        assertThat(archive.find(Principal.anonymous(), gone)).isEmpty();
        Description staffView = archive.get(STAFF, gone);
        assertThat(staffView.status()).isEqualTo(LifecycleStatus.WITHDRAWN);
        assertThat(staffView.customFields()).containsEntry("oai.status", "deleted")
                .containsEntry("oai.datestamp", "2024-03-02");
        assertThat(h.harvest(request()).unchanged()).isEqualTo(1); // deleted again: nothing to do

        page[0] = dcRecord("oai:p:2", "2024-03-05", "Back", "");
        assertThat(h.harvest(request()).updated()).isEqualTo(1);
        Description back = archive.get(Principal.anonymous(), gone);
        assertThat(back.status()).isEqualTo(LifecycleStatus.PUBLISHED);
        assertThat(back.title().text()).isEqualTo("Back");
        assertThat(back.customFields()).doesNotContainKey("oai.status");
    }

    @Test
    void aHarvestThatFailsMidwayKeepsItsPagesAndTheNextOneCompletesTheList() throws IOException {
        boolean[] broken = {true};
        serve(q -> {
            if (q.get("verb").equals("Identify")) return partnerIdentify();
            if (!q.containsKey("resumptionToken")) {
                return Reply.ok(list("2024-03-01T10:00:01Z", dcRecord("oai:p:1", "2024-01-01", "One", ""),
                        "<resumptionToken>t2</resumptionToken>"));
            }
            if (broken[0]) {
                return Reply.ok(envelope("2024-03-01T10:00:02Z", "<error code=\"badResumptionToken\">expired</error>"));
            }
            return Reply.ok(list("2024-03-01T10:00:02Z", dcRecord("oai:p:2", "2024-01-02", "Two", ""), ""));
        });
        OaiHarvester h = harvester().build();
        assertThatThrownBy(() -> h.harvest(request()))
                .isInstanceOfSatisfying(OaiErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo("badResumptionToken");
                    assertThat(e.progress().pages()).isEqualTo(1);
                    assertThat(e.progress().created()).isEqualTo(1);
                    assertThat(e.progress().complete()).isFalse();
                });
        assertThat(stored("oai:p:1").title().text()).isEqualTo("One");
        assertThat(archive.get(STAFF, DescriptionId.of("LIB")).customFields()).doesNotContainKey("oai.last.oai_dc");

        broken[0] = false;
        HarvestReport r = h.harvest(request());
        assertThat(server.requests().get(3)).doesNotContainKey("from"); // the state did not move: from the start
        assertThat(r.summary()).isEqualTo("2 pages: 1 created, 0 updated, 1 unchanged, 0 withdrawn, 0 skipped");
        assertThat(archive.get(STAFF, DescriptionId.of("LIB")).customFields())
                .containsEntry("oai.last.oai_dc", "2024-03-01T10:00:00Z");
    }

    @Test
    void aRepeatedTokenStopsTheHarvestInsteadOfLooping() throws IOException {
        serve(partner(q -> Reply.ok(list("2024-03-01T10:00:01Z", dcRecord("oai:p:1", "2024-01-01", "One", ""),
                        "<resumptionToken>same</resumptionToken>"))));
        assertThatThrownBy(() -> harvester().build().harvest(request()))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("'same' twice");
    }

    @Test
    void setsAreRememberedSeparately() throws IOException {
        serve(partner(q -> Reply.ok(list("2024-03-01T10:00:01Z", dcRecord("oai:p:1", "2024-01-01", "One", ""), ""))));
        OaiHarvester h = harvester().build();
        h.harvest(request().withSet("music"));
        assertThat(server.requests().get(1)).containsEntry("set", "music").doesNotContainKey("from");
        h.harvest(request());
        assertThat(server.requests().get(3)).doesNotContainKey("from").doesNotContainKey("set");
        h.harvest(request().withSet("music"));
        assertThat(server.requests().get(5)).containsEntry("from", "2024-03-01T10:00:00Z");
    }

    // ------------------------------------------------------------------ faults

    @Test
    void honoursRetryAfterOn503UpToTheCap() throws IOException {
        serve(loc(q -> Reply.file(spec("ex-sec4.5b.xml"))));
        server.thenOnce(Reply.status(503, Map.of("Retry-After", "2")))
                .thenOnce(Reply.status(503, Map.of("Retry-After", "3600")));
        HarvestReport r = harvester().build().harvest(request());
        assertThat(r.created()).isEqualTo(2);
        assertThat(r.retries()).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertThat(server.verbs()).containsExactly("Identify", "Identify", "Identify", "ListRecords");
    }

    @Test
    void retries5xxWithExponentialBackOffThenGivesUp() throws IOException {
        serve(loc(q -> Reply.status(500, Map.of())));
        server.thenOnce(Reply.status(502, Map.of())); // the Identify fails once, then succeeds
        assertThatThrownBy(() -> harvester().build().harvest(request()))
                .isInstanceOfSatisfying(PartnerUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.attempts()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("after 4 attempts: HTTP 500");
                });
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400));
    }

    @Test
    void aStatusThatRetryingCannotFixFailsAtOnce() throws IOException {
        serve(q -> Reply.status(404, Map.of()));
        assertThatThrownBy(() -> harvester().build().harvest(request()))
                .isInstanceOfSatisfying(PartnerUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.attempts()).isEqualTo(1);
                });
        assertThat(waits).isEmpty();
        assertThat(archive.institutions()).isEmpty();
    }

    @Test
    void aSlowPartnerTimesOutAndIsAskedAgain() throws IOException {
        serve(loc(q -> Reply.file(spec("ex-sec4.5b.xml"))));
        server.thenOnce(Reply.file(spec("ex-sec4.2.xml")).delayed(3_000));
        HarvestReport r = harvester().timeout(Duration.ofMillis(300)).build().harvest(request());
        assertThat(r.created()).isEqualTo(2);
        assertThat(r.retries()).isEqualTo(1);
        assertThat(waits).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void refusesAResponseLargerThanTheBoundWithOrWithoutALength() throws IOException {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 400; i++) big.append(dcRecord("oai:p:" + i, "2024-01-01", "Record " + i, ""));
        String body = list("2024-03-01T10:00:01Z", big.toString(), "");
        assertThat(body.length()).isGreaterThan(64 * 1024);
        serve(loc(q -> Reply.ok(body)));
        OaiHarvester h = harvester().maxResponseBytes(64 * 1024).build();
        assertThatThrownBy(() -> h.harvest(request()))
                .isInstanceOfSatisfying(ResponseTooLargeException.class, e -> assertThat(e.limit()).isEqualTo(65536));
        server.route(loc(q -> Reply.ok(body).streamed()));
        assertThatThrownBy(() -> h.harvest(request())).isInstanceOf(ResponseTooLargeException.class);
        try (var all = archive.list(STAFF, Level.ITEM)) {
            assertThat(all.count()).isZero();
        }
        assertThat(waits).isEmpty(); // refused, not retried
    }

    @Test
    void malformedAndNonOaiResponsesAreTypedErrors() throws IOException {
        serve(loc(q -> Reply.ok(list("2024-03-01T10:00:01Z", dcRecord("oai:p:1", "2024-01-01", "One", ""), "")
                        .replace("</ListRecords>", ""))));
        assertThatThrownBy(() -> harvester().build().harvest(request()))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("not well-formed or safe XML at line 1");
        server.route(q -> Reply.ok("<html><body>Service moved</body></html>"));
        assertThatThrownBy(() -> harvester().build().harvest(request()))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("its root is <html>");
        try (var all = archive.list(STAFF, Level.ITEM)) {
            assertThat(all.count()).isZero();
        }
    }

    @Test
    void refusesExternalEntitiesAndEntityExpansion() throws IOException {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE OAI-PMH [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + list("2024-03-01T10:00:01Z", dcRecord("oai:p:1", "2024-01-01", "&x;", ""), "")
                        .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "");
        serve(loc(q -> Reply.ok(xxe)));
        assertThatThrownBy(() -> harvester().build().harvest(request()))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("internal subset is refused").hasMessageNotContaining("root:");
        String lol = "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE OAI-PMH [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><responseDate>&b;</responseDate></OAI-PMH>";
        server.route(q -> Reply.ok(lol));
        assertThatThrownBy(() -> harvester().build().harvest(request())).isInstanceOf(MalformedResponseException.class);
        try (var items = archive.list(STAFF, Level.ITEM)) {
            assertThat(items.count()).isZero();
        }
    }

    @Test
    void aPartnerCodeStaysBoundToItsBaseUrl() throws IOException {
        serve(loc(q -> Reply.file(spec("ex-sec4.5b.xml"))));
        harvester().build().harvest(request());
        try (OaiFixtureServer other = new OaiFixtureServer(q -> Reply.file(spec("ex-sec4.2.xml")))) {
            assertThatThrownBy(() -> harvester().build().harvest(HarvestRequest.of(other.baseUrl(), LIB)))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("is harvested from " + server.baseUrl());
        }
    }

    @Test
    void localDecisionsSurviveARecordChangingAtThePartner() throws IOException {
        String[] title = {"One"};
        serve(partner(q -> Reply.ok(list("2024-03-01T10:00:01Z",
                dcRecord("oai:p:1", "2024-01-01", title[0], ""), ""))));
        OaiHarvester h = harvester().build();
        h.harvest(request());
        Description d = stored("oai:p:1");
        archive.update(ADMIN, d.toBuilder().access(d.access().withLevel(AccessLevel.CAMPUS))
                .customField("local.shelf", "B2").build());
        title[0] = "One, revised";
        assertThat(h.harvest(request()).updated()).isEqualTo(1);
        Description after = stored("oai:p:1");
        assertThat(after.title().text()).isEqualTo("One, revised");
        assertThat(after.access().level()).isEqualTo(AccessLevel.CAMPUS);
        assertThat(after.customFields()).containsEntry("local.shelf", "B2");
        assertThat(archive.find(Principal.anonymous(), after.id())).isEmpty();
    }

    @Test
    void titlesKeepTheirLanguageAndExtraTitlesBecomeParallelTitles() throws IOException {
        serve(partner(q -> Reply.ok(list("2024-03-01T10:00:01Z", dcRecord("oai:p:1", "2024-01-01",
                        "校史档案", "<dc:title xml:lang=\"en\">University History Records</dc:title>"
                                + "<dc:date>民国二十年</dc:date><dc:date>sometime in spring</dc:date>")
                        .replace("<dc:title>校史档案", "<dc:title xml:lang=\"zh\">校史档案"), ""))));
        harvester().build().harvest(request());
        Description d = stored("oai:p:1");
        assertThat(d.title()).isEqualTo(Title.zh("校史档案"));
        assertThat(d.parallelTitles()).containsExactly(Title.en("University History Records"));
        assertThat(d.dates()).containsExactly(new ArchivalDate("民国二十年", LocalDate.of(1931, 1, 1),
                LocalDate.of(1931, 12, 31), false));
        assertThat(d.customFields()).containsEntry("dc.date", "sometime in spring"); // kept as text, never dropped
    }

    @Test
    void readsGzipAndBoundsTheDecompressedBytes() throws IOException {
        serve(loc(q -> Reply.file(spec("ex-sec4.5b.xml")).gzipped()));
        assertThat(harvester().build().harvest(request()).created()).isEqualTo(2);

        // a small compressed body that inflates past the bound (a zip bomb) is refused while streaming
        String padding = " ".repeat(2 * 1024 * 1024);
        String bomb = list("2024-03-01T10:00:01Z", dcRecord("oai:p:bomb", "2024-01-01", "Bomb", ""), padding);
        Reply compressed = Reply.ok(bomb).gzipped();
        assertThat(compressed.body().length).isLessThan(64 * 1024);
        server.route(loc(q -> compressed));
        assertThatThrownBy(() -> harvester().maxResponseBytes(64 * 1024).build().harvest(request().withFull(true)))
                .isInstanceOf(ResponseTooLargeException.class);
        assertThat(archive.find(STAFF, OaiHarvester.recordId(LIB, "oai:p:bomb"))).isEmpty();
    }

    @Test
    void staffMayHarvestIntoTheirInstitutionButOnlyAnAdministratorCreatesOne() throws IOException {
        serve(loc(q -> Reply.file(spec("ex-sec4.5b.xml"))));
        assertThatThrownBy(() -> harvester().actor(STAFF).build().harvest(request()))
                .isInstanceOf(AccessRestrictedException.class);
        assertThat(archive.institutions()).isEmpty();
        archive.putInstitution(ADMIN, new Institution(LIB, "合作图书馆", "Partner Library", null));
        assertThat(harvester().actor(STAFF).build().harvest(request()).created()).isEqualTo(2);
        assertThat(archive.get(STAFF, DescriptionId.of("LIB")).info().createdBy()).isEqualTo("staff");
    }

    @Test
    void neverTakesOverALocalFondsThatHasTheContainersId() throws IOException {
        archive.putInstitution(ADMIN, new Institution(LIB, "合作图书馆", "Partner Library", null));
        archive.create(ADMIN, Description.builder().id(DescriptionId.of("LIB")).institution(LIB)
                .level(Level.FONDS).title(Title.zh("本馆全宗")).build());
        serve(loc(q -> Reply.file(spec("ex-sec4.5b.xml"))));
        assertThatThrownBy(() -> harvester().build().harvest(request()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("is not the harvest fonds of LIB");
        assertThat(archive.get(STAFF, DescriptionId.of("LIB")).title()).isEqualTo(Title.zh("本馆全宗"));
        assertThat(server.verbs()).containsExactly("Identify");
    }

    @Test
    void aPartnerThatIsDownIsRetriedThenReportedWithoutAStatus() throws IOException {
        serve(q -> Reply.status(500, Map.of()));
        HarvestRequest down = request();
        server.close();
        server = null;
        assertThatThrownBy(() -> harvester().retries(1).build().harvest(down))
                .isInstanceOfSatisfying(PartnerUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(-1);
                    assertThat(e.attempts()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("after 2 attempts: ConnectException");
                    assertThat(e.progress().pages()).isZero();
                });
        assertThat(waits).containsExactly(Duration.ofMillis(100));
    }
}
