package org.archivekit.core.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.AgentRole;
import org.archivekit.core.model.AgentType;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.AuditEvent;
import org.archivekit.core.model.Carrier;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.Disclosure;
import org.archivekit.core.model.Extent;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.Location;
import org.archivekit.core.model.Notes;
import org.archivekit.core.model.OpenStatus;
import org.archivekit.core.model.RecordInfo;
import org.archivekit.core.model.ReferenceCode;
import org.archivekit.core.model.Retention;
import org.archivekit.core.model.RetentionPeriod;
import org.archivekit.core.model.SecrecyMarking;
import org.archivekit.core.model.Title;
import org.jspecify.annotations.Nullable;

/** Concise, valid test data for stores and codecs; every value is fixed so tests can compare with equals. */
public final class StoreFixtures {
    /** The institution most fixtures belong to. */
    public static final InstitutionCode PKU = InstitutionCode.of("CN-100871-A");
    /** A second institution, for cross-institution checks. */
    public static final InstitutionCode THU = InstitutionCode.of("CN-100084-A");
    /** The creation time fixtures carry. */
    public static final Instant CREATED = Instant.parse("2024-03-01T08:30:00Z");

    private StoreFixtures() {}

    /** The id {@code value}. */
    public static DescriptionId id(String value) {
        return DescriptionId.of(value);
    }

    /** An institution with a Chinese name only. */
    public static Institution institution(InstitutionCode code, String nameZh) {
        return new Institution(code, nameZh, null, null);
    }

    /** A builder for a published record of {@link #PKU} with a Chinese title, created by {@code alice}. */
    public static Description.Builder record(String id, Level level, @Nullable String parent) {
        return Description.builder()
                .id(id(id))
                .institution(PKU)
                .parent(parent == null ? null : id(parent))
                .level(level)
                .titleZh("题名 " + id)
                .info(new RecordInfo(0, "alice", CREATED, "alice", CREATED));
    }

    /** A fonds of {@link #PKU}. */
    public static Description fonds(String id) {
        return record(id, Level.FONDS, null).build();
    }

    /** A record at {@code level} under {@code parent}, of {@link #PKU}. */
    public static Description child(String id, Level level, String parent) {
        return record(id, level, parent).build();
    }

    /** An item under {@code parent} carrying reference code {@code code}. */
    public static Description item(String id, String parent, @Nullable String code, int sequence) {
        return record(id, Level.ITEM, parent)
                .referenceCode(code == null ? null : ReferenceCode.of(code))
                .sequence(sequence)
                .build();
    }

    /** An audit event by {@code tester} with the given action and no target or versions. */
    public static AuditEvent audit(String action) {
        return new AuditEvent(0, Instant.parse("2024-03-02T09:00:00Z"), "tester", action, null, 0, 0, "");
    }

    /** A copy of {@code d} whose info says {@code who} changed it at {@code at}. */
    public static Description changedBy(Description d, String who, Instant at) {
        return d.toBuilder().info(new RecordInfo(d.version(), d.info().createdBy(), d.info().createdAt(), who, at))
                .build();
    }

    /** An item with every optional part set, Chinese text throughout, parented to {@code parent}. */
    public static Description fullyPopulated(String id, @Nullable String parent) {
        return Description.builder()
                .id(id(id))
                .institution(PKU)
                .parent(parent == null ? null : id(parent))
                .level(parent == null ? Level.FONDS : Level.ITEM)
                .referenceCode(ReferenceCode.of("Z109-WS·2011-Y-XZB-0012"))
                .title(Title.zh("关于1931年校务会议的记录"))
                .parallelTitles(List.of(Title.en("Minutes of the 1931 university council"),
                        new Title("關於校務會議的記錄", "zh-Hant")))
                .dates(List.of(
                        new ArchivalDate("民国二十年", LocalDate.of(1931, 1, 1), LocalDate.of(1931, 12, 31), false),
                        new ArchivalDate("约1949年以后", LocalDate.of(1949, 10, 1), null, true),
                        new ArchivalDate("before 1900", null, LocalDate.of(1899, 12, 31), false)))
                .agents(List.of(Agent.creator(AgentType.CORPORATE_BODY, "国立北京大学"),
                        new Agent(AgentType.PERSON, "蔡元培", AgentRole.AUTHOR, "isni:0000000121032683")))
                .extents(List.of(Extent.of(12, "件"), new Extent(new BigDecimal("0.50"), "linear metres")))
                .scopeAndContent("会议讨论了校舍、经费与课程设置。\n第二段：“引号”与 emoji 🎓。")
                .arrangement("按年度—保管期限—机构排列")
                .languages(List.of("zh", "en"))
                .subjects(List.of("校务会议", "高等教育"))
                .classification("G649.2")
                .location(new Location("一号库房 3排", "盒 0042"))
                .carrier(Carrier.DIGITIZED)
                .notes(new Notes("经馆长批准方可查阅", "仅供研究使用", "1952年院系调整时移交", "校长办公室移交",
                        "参见 Z109-WS·2011-Y-XZB-0013", "北京大学档案馆藏, Z109-WS·2011-Y-XZB-0012"))
                .customFields(Map.of("digitizedBy", "扫描组", "box.number", "42", "legacy_id", "A-0012"))
                .retention(new Retention(RetentionPeriod.YEARS_30, LocalDate.of(2042, 1, 1)))
                .access(new Access(AccessLevel.CAMPUS, SecrecyMarking.SECRET, Disclosure.ON_REQUEST,
                        OpenStatus.CONTROLLED, LocalDate.of(2036, 7, 1), Instant.parse("2030-01-01T00:00:00.123Z")))
                .digitalObjects(List.of(
                        new DigitalObjectRef("会议记录-第1页.jpg", "image/jpeg", 1_234_567,
                                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                        new DigitalObjectRef("minutes.pdf", "application/pdf", 0,
                                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")))
                .status(LifecycleStatus.DRAFT)
                .sequence(7)
                .info(new RecordInfo(3, "alice", CREATED, "bob", Instant.parse("2024-05-06T07:08:09.000000123Z")))
                .build();
    }
}
