package org.archivekit.share.oai.harvest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.MutableClock;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.Title;
import org.archivekit.core.store.SqliteArchiveStore;
import org.archivekit.share.oai.OaiLedger;
import org.archivekit.share.oai.OaiProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our harvester against our provider over real HTTP on loopback: one archive publishes, another harvests it as a
 * partner. The harvest sees only what the anonymous public sees, an incremental harvest brings only the changes,
 * and records withdrawn or hidden at the source are withdrawn in the copy.
 */
final class HarvestRoundTripIT {
    private static final InstitutionCode PKU = InstitutionCode.of("PKU");
    private static final InstitutionCode PARTNER = InstitutionCode.of("PKU-ARCHIVES");
    private static final Principal ADMIN = Principal.admin("admin");
    private static final Principal PARTNER_STAFF = Principal.staff("staff", AccessLevel.RESTRICTED, PARTNER);
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final List<String> queries = Collections.synchronizedList(new ArrayList<>());
    private Archive source;
    private Archive copy;
    private OaiLedger ledger;
    private HttpServer server;
    private OaiProvider provider;
    private URI baseUrl;

    @BeforeEach
    void start() throws IOException {
        source = Archive.builder().store(SqliteArchiveStore.open(dir.resolve("source.db")))
                .policy(AccessPolicy.builder().clock(clock).build()).build();
        copy = Archive.builder().store(SqliteArchiveStore.open(dir.resolve("copy.db"))).build();
        source.putInstitution(ADMIN, new Institution(PKU, "北京大学档案馆", "Peking University Archives", null));
        create("F1", Level.FONDS, null, Access.PUBLIC);
        create("S1", Level.SERIES, "F1", Access.PUBLIC);
        create("FL1", Level.FILE, "S1", Access.PUBLIC);
        for (int i = 1; i <= 4; i++) create("I" + i, Level.ITEM, "FL1", Access.PUBLIC);
        create("secret", Level.ITEM, "FL1", Access.of(AccessLevel.RESTRICTED));
        create("S2", Level.SERIES, "F1", Access.of(AccessLevel.CAMPUS));
        create("campus-item", Level.ITEM, "S2", Access.PUBLIC);
        clock.advance(Duration.ofSeconds(1));
        source.create(ADMIN, Description.builder().id(DescriptionId.of("draft")).institution(PKU)
                .parent(DescriptionId.of("FL1")).level(Level.ITEM).titleZh("草稿").status(LifecycleStatus.DRAFT)
                .build());

        ledger = OaiLedger.open(dir.resolve("ledger.db"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oai");
        provider = OaiProvider.builder().archive(source).ledger(ledger).baseUrl(baseUrl.toString())
                .repositoryName("北京大学档案馆 OAI").repositoryIdentifier("archives.pku.example")
                .adminEmail("oai@pku.example").pageSize(3)
                .tokenSecret("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)).build();
        server.createContext("/oai", ex -> {
            queries.add(ex.getRequestURI().getRawQuery());
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            provider.handle(OaiProvider.parseQuery(ex.getRequestURI().getRawQuery()), buf);
            ex.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
            ex.sendResponseHeaders(200, buf.size());
            try (OutputStream out = ex.getResponseBody()) {
                buf.writeTo(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ledger.close();
        source.close();
        copy.close();
    }

    private void create(String id, Level level, String parent, Access access) {
        clock.advance(Duration.ofSeconds(1));
        Description.Builder b = Description.builder().id(DescriptionId.of(id)).institution(PKU)
                .parent(parent == null ? null : DescriptionId.of(parent)).level(level).titleZh("题名 " + id)
                .access(access).status(LifecycleStatus.PUBLISHED);
        if (id.equals("I1")) b.dates(List.of(ArchivalDate.parse("民国二十年")));
        source.create(ADMIN, b.build());
    }

    private void update(String id, java.util.function.UnaryOperator<Description.Builder> change) {
        Description d = source.get(ADMIN, DescriptionId.of(id));
        source.update(ADMIN, change.apply(d.toBuilder()).build());
    }

    private HarvestReport harvest() {
        return OaiHarvester.builder().archive(copy).actor(ADMIN).build()
                .harvest(HarvestRequest.of(baseUrl, PARTNER));
    }

    private static DescriptionId copied(String sourceId) {
        return OaiHarvester.recordId(PARTNER, "oai:archives.pku.example:" + sourceId);
    }

    private List<String> visible(Principal who) {
        try (Stream<RecordView> all = copy.list(who, null)) {
            return all.map(v -> v.description().id().value()).toList();
        }
    }

    @Test
    void harvestsWhatThePublicSeesThenOnlyTheChanges() {
        clock.advance(Duration.ofHours(1));
        Instant firstHarvest = clock.instant();
        HarvestReport first = harvest();
        assertThat(first.summary()).isEqualTo("3 pages: 7 created, 0 updated, 0 unchanged, 0 withdrawn, 0 skipped");
        List<String> publicIds = List.of("F1", "FL1", "I1", "I2", "I3", "I4", "S1");
        List<String> expected = new ArrayList<>(List.of("PKU-ARCHIVES"));
        publicIds.forEach(id -> expected.add(copied(id).value()));
        // hidden, draft and campus-only records never reach the partner, not even its administrator
        assertThat(visible(ADMIN)).containsExactlyElementsOf(expected);
        assertThat(visible(Principal.anonymous())).containsExactlyElementsOf(expected);

        Description i1 = copy.get(Principal.anonymous(), copied("I1"));
        assertThat(i1.title()).isEqualTo(Title.zh("题名 I1"));
        assertThat(i1.institution()).isEqualTo(PARTNER);
        assertThat(i1.parent()).isEqualTo(DescriptionId.of("PKU-ARCHIVES"));
        assertThat(i1.dates()).extracting(ArchivalDate::normalized).containsExactly("1931-01-01/1931-12-31");
        assertThat(i1.customFields()).containsEntry("oai.identifier", "oai:archives.pku.example:I1")
                .containsEntry("dc.identifier", "I1").containsEntry("dc.relation", "isPartOf:FL1")
                .containsEntry("dc.publisher", "PKU");
        assertThat(copy.institutions()).extracting(Institution::nameZh).containsExactly("北京大学档案馆 OAI");

        // an hour later: one title changed, one record withdrawn, one made restricted, one added
        clock.advance(Duration.ofHours(1));
        update("I1", b -> b.title(Title.zh("校史照片 I1")));
        update("I2", b -> b.status(LifecycleStatus.WITHDRAWN));
        update("I3", b -> b.access(Access.of(AccessLevel.RESTRICTED)));
        create("I5", Level.ITEM, "FL1", Access.PUBLIC);
        clock.advance(Duration.ofHours(1));
        int before = queries.size();
        HarvestReport second = harvest();
        assertThat(queries.get(before + 1)).isEqualTo("verb=ListRecords&metadataPrefix=oai_dc&from="
                + firstHarvest.toString().replace(":", "%3A"));
        assertThat(second.summary()).isEqualTo("2 pages: 1 created, 1 updated, 0 unchanged, 2 withdrawn, 0 skipped");
        assertThat(copy.get(Principal.anonymous(), copied("I1")).title()).isEqualTo(Title.zh("校史照片 I1"));
        assertThat(copy.find(Principal.anonymous(), copied("I2"))).isEmpty();
        assertThat(copy.find(Principal.anonymous(), copied("I3"))).isEmpty();
        assertThat(copy.get(PARTNER_STAFF, copied("I2")).status()).isEqualTo(LifecycleStatus.WITHDRAWN);
        assertThat(copy.get(PARTNER_STAFF, copied("I3")).customFields()).containsEntry("oai.status", "deleted");
        assertThat(copy.find(Principal.anonymous(), copied("I5"))).isPresent();
        assertThat(copy.find(ADMIN, copied("secret"))).isEmpty();

        // nothing changed since: an empty list (noRecordsMatch), and nothing rewritten
        clock.advance(Duration.ofHours(1));
        long version = copy.get(ADMIN, copied("I4")).version();
        HarvestReport third = harvest();
        assertThat(third.summary()).isEqualTo("0 pages: 0 created, 0 updated, 0 unchanged, 0 withdrawn, 0 skipped");
        assertThat(third.complete()).isTrue();
        assertThat(copy.get(ADMIN, copied("I4")).version()).isEqualTo(version);
    }
}
