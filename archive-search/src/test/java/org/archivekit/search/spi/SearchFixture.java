package org.archivekit.search.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.archivekit.core.Archive;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.AgentType;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Carrier;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.ReferenceCode;
import org.archivekit.core.model.SecrecyMarking;
import org.archivekit.core.model.Title;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.search.ArchiveSearch;
import org.jspecify.annotations.Nullable;

/**
 * A small hand-written bilingual archive for search tests: two institutions, records at every access level, an
 * embargo and an opening date that pass while the test runs, a draft, and canary words planted in records above
 * each role's clearance. Time starts at {@link #T0} on a {@link MutableClock}.
 */
public final class SearchFixture implements AutoCloseable {
    /** The first institution. */
    public static final InstitutionCode PKU = InstitutionCode.of("CN-100871-A");
    /** The second institution. */
    public static final InstitutionCode THU = InstitutionCode.of("CN-100084-A");
    /** When the clock starts. */
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** The administrator that wrote everything. */
    public static final Principal ADMIN = Principal.admin("admin");

    /** The clock of the policy. */
    public final MutableClock clock = new MutableClock(T0);
    /** The policy, on {@link #clock}. */
    public final AccessPolicy policy = AccessPolicy.builder().clock(clock).build();
    /** The store. */
    public final ArchiveStore store = new InMemoryArchiveStore();
    /** The search service. */
    public final ArchiveSearch search;
    /** The archive, whose writes reach the search service. */
    public final Archive archive;

    /** Fills a fresh archive and indexes it with {@code backend}. */
    public SearchFixture(SearchBackend backend) {
        search = ArchiveSearch.builder().store(store).policy(policy).backend(backend).build();
        archive = Archive.builder().store(store).policy(policy).listener(search.listener()).build();
        archive.putInstitution(ADMIN, new Institution(PKU, "示范北京大学档案馆", null, null));
        archive.putInstitution(ADMIN, new Institution(THU, "示范清华大学档案馆", null, null));
        archive.importAll(ADMIN, records().iterator());
        search.awaitIndexed();
    }

    /** The id {@code value}. */
    public static DescriptionId id(String value) {
        return DescriptionId.of(value);
    }

    /** A campus member of PKU. */
    public static Principal campus() {
        return Principal.campus("campus", PKU);
    }

    /** Staff of PKU cleared to RESTRICTED. */
    public static Principal staff() {
        return Principal.staff("staff", AccessLevel.RESTRICTED, PKU);
    }

    /** The hand-written records, parents first. */
    public static List<Description> records() {
        return List.of(
                rec("F1", PKU, null, Level.FONDS, "Z001", "校长办公室", null).build(),
                rec("S1", PKU, "F1", Level.SERIES, "Z001-WS·1937-Y", "1937年文书", null)
                        .dates(List.of(ArchivalDate.ofYears(1937, 1937))).build(),
                rec("I1", PKU, "S1", Level.ITEM, "Z001-WS·1937-Y-0001", "关于西南联合大学迁校的报告",
                        "北京大学、清华大学、南开大学南迁长沙，后至昆明，组成西南联合大学。")
                        .parallelTitles(List.of(Title.en("Report on moving the university to Kunming")))
                        .agents(List.of(Agent.creator(AgentType.PERSON, "蒋梦麟")))
                        .subjects(List.of("迁校", "抗日战争")).dates(List.of(ArchivalDate.ofYears(1937, 1938)))
                        .build(),
                rec("I2", PKU, "S1", Level.ITEM, "Z001-WS·1937-Y-0002", "國立北京大學校務會議記錄",
                        "Minutes of the council: the café and résumé of the dean.")
                        .agents(List.of(Agent.creator(AgentType.CORPORATE_BODY, "国立北京大学")))
                        .carrier(Carrier.PHOTO).dates(List.of(ArchivalDate.ofYears(1937, 1937))).build(),
                rec("I3", PKU, "S1", Level.ITEM, "Z001-WS·1937-Y-0003", "人事档案 canaryrestricted", null)
                        .access(Access.of(AccessLevel.RESTRICTED)).build(),
                rec("I4", PKU, "S1", Level.ITEM, "Z001-WS·1937-Y-0004", "绝密会议 canaryconfidential", null)
                        .access(Access.PUBLIC.withSecrecy(SecrecyMarking.SECRET)).build(),
                rec("I5", PKU, "S1", Level.ITEM, "Z001-WS·1937-Y-0005", "待解密文件 canaryembargo", null)
                        .access(Access.PUBLIC.withEmbargoUntil(T0.plus(Duration.ofDays(10)))).build(),
                rec("I6", PKU, "S1", Level.ITEM, "Z001-WS·1937-Y-0006", "校内通知 canarycampus", null)
                        .access(Access.of(AccessLevel.CAMPUS)).build(),
                rec("I7", PKU, "S1", Level.ITEM, "Z001-WS·1937-Y-0007", "草稿 canarydraft", null)
                        .status(LifecycleStatus.DRAFT).build(),
                rec("I8", PKU, "S1", Level.ITEM, "Z001-WS·1937-Y-0008", "开放审查 canaryopening", null)
                        .access(Access.PUBLIC.withOpeningDate(LocalDate.of(2026, 1, 21))).build(),
                rec("I11", PKU, "S1", Level.ITEM, "Z001-WS·1937-Y-0010", "Library building photographs",
                        "Photographs of the new library, 图书馆新馆落成。").carrier(Carrier.PHOTO).build(),
                rec("S2", PKU, "F1", Level.SERIES, "Z001-RS·1950-Y", "人事处系列 canaryseries", null)
                        .access(Access.of(AccessLevel.RESTRICTED)).build(),
                rec("I9", PKU, "S2", Level.ITEM, "Z001-RS·1950-Y-0001", "薪酬名册", "教职工薪酬。").build(),
                rec("F2", THU, null, Level.FONDS, "Q001", "清华档案", null).build(),
                rec("I10", THU, "F2", Level.ITEM, "Q001-0001", "清华校内 canarythu", null)
                        .access(Access.of(AccessLevel.CAMPUS)).build());
    }

    private static Description.Builder rec(String id, InstitutionCode inst, @Nullable String parent, Level level,
            String code, String title, @Nullable String scope) {
        return Description.builder().id(id(id)).institution(inst).parent(parent == null ? null : id(parent))
                .level(level).referenceCode(ReferenceCode.of(code)).title(Title.zh(title)).scopeAndContent(scope)
                .status(LifecycleStatus.PUBLISHED).access(Access.PUBLIC);
    }

    /** An unused path under {@code dir} for a backend's files. */
    public static Path indexDir(Path dir) {
        return dir.resolve("index");
    }

    @Override
    public void close() {
        search.close();
    }
}
