package org.archivekit.core.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
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
import org.archivekit.core.model.Extent;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.Location;
import org.archivekit.core.model.Notes;
import org.archivekit.core.model.OpenStatus;
import org.archivekit.core.model.ReferenceCodeParts;
import org.archivekit.core.model.ReferenceCodeScheme;
import org.archivekit.core.model.Retention;
import org.archivekit.core.model.RetentionPeriod;
import org.archivekit.core.model.SecrecyMarking;
import org.archivekit.core.model.Title;
import org.archivekit.core.sample.SampleFonds.ItemContext;
import org.archivekit.core.sample.SampleFonds.Titles;
import org.archivekit.core.sample.SampleFonds.Topic;

/**
 * Turns the plan of the sample archive into descriptions, one record at a time; every random choice comes from a
 * generator seeded by the archive's seed and the record's id, so a record never depends on the ones before it.
 */
final class SampleRecords {

    /** Files and items ending in or after this year get an explicit opening date when meant to be public. */
    static final int EXPLICIT_OPENING_FROM = 1990;
    /** Items ending in or after this year may rely on the default opening date to stay on campus. */
    static final int DEFAULT_CLOSED_FROM = 2005;

    private static final Instant FUTURE_EMBARGO = LocalDate.of(2045, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant PAST_EMBARGO = LocalDate.of(2018, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final String ACCESS_NOTE = "依据《中华人民共和国档案法》（2020年修订），档案自形成之日起满二十五年向社会开放；"
            + "教育、科技等类档案可以少于二十五年向社会开放。\n\n"
            + "Open under the Archives Law of the PRC (2020): records open 25 years after their creation; education "
            + "and science records may open earlier.";
    private static final String PHOTO_USE = "复制或发表须注明“示范大学档案馆藏”。\n\nCredit: Demo University Archives.";

    private final long seed;
    private final InstitutionCode institution;
    private final ReferenceCodeScheme scheme;

    SampleRecords(long seed, InstitutionCode institution, ReferenceCodeScheme scheme) {
        this.seed = seed;
        this.institution = institution;
        this.scheme = scheme;
    }

    // ---------------------------------------------------------------- ids and randomness

    static String fondsId(SampleFonds f) {
        return f.number;
    }

    static String seriesId(SampleFonds f, int year, RetentionPeriod r) {
        return f.number + "-" + f.category + "." + year + "-" + r.code();
    }

    static String fileId(String seriesId, int fileNo) {
        return seriesId + "-" + pad(fileNo);
    }

    static String itemId(String fileId, int itemNo) {
        return fileId + "-" + pad(itemNo);
    }

    private static String pad(int n) {
        String s = Integer.toString(n);
        return s.length() >= 4 ? s : "0".repeat(4 - s.length()) + s;
    }

    /** A generator for the record {@code key}, the same for the same seed and key. */
    SplittableRandom random(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ h);
    }

    // ---------------------------------------------------------------- levels

    Description fonds(SampleFonds f, int firstYear, int lastYear, long files, long items, int sequence) {
        ReferenceCodeParts parts = ReferenceCodeParts.fonds(f.number);
        String unit = f.isPhotos() ? "张" : "件";
        List<Agent> creators = new ArrayList<>();
        if (firstYear < 1952) creators.add(Agent.creator(AgentType.CORPORATE_BODY, f.creator(firstYear)));
        creators.add(Agent.creator(AgentType.CORPORATE_BODY, f.creator(lastYear)));
        String span = firstYear + "—" + lastYear;
        String scope = "本全宗收录示范大学" + f.zh + span + "年形成的" + (f.isPhotos() ? "照片" : "文书") + "档案，"
                + "反映学校" + f.subject + "工作的历史面貌。\n\n" + "Records of the " + f.en + " of Demo University, "
                + firstYear + "–" + lastYear + ".";
        Notes notes = new Notes(ACCESS_NOTE, f.isPhotos() ? PHOTO_USE : null,
                firstYear < 1952 ? "1952年院系调整时由私立示范学院移交示范大学档案馆。\n\nTransferred from the private Demo "
                        + "College in the reorganisation of 1952." : null,
                "由" + f.zh + "按年度向档案馆移交。\n\nTransferred by the office year by year.", null,
                "示范大学档案馆藏，" + f.number + "，" + f.zh + "全宗");
        return Description.builder()
                .id(DescriptionId.of(fondsId(f)))
                .institution(institution)
                .level(Level.FONDS)
                .referenceCode(scheme.format(parts))
                .title(Title.zh(f.zh))
                .parallelTitles(List.of(Title.en(f.en)))
                .dates(List.of(ArchivalDate.ofYears(firstYear, lastYear)))
                .agents(creators)
                .extents(List.of(Extent.of(files, "卷"), Extent.of(items, unit)))
                .scopeAndContent(scope)
                .arrangement("按年度—保管期限—案卷排列。\n\nArranged by year, retention period and file.")
                .languages(firstYear < 1950 ? List.of("zh", "zh-Hant") : List.of("zh"))
                .subjects(List.of(f.subject))
                .location(new Location("档案馆第" + (1 + f.ordinal() % 4) + "库房", null))
                .carrier(f.isPhotos() ? Carrier.PHOTO : Carrier.PAPER)
                .notes(notes)
                .access(Access.PUBLIC)
                .sequence(sequence)
                .build();
    }

    Description series(SampleFonds f, int year, RetentionPeriod r, long files, long items, int sequence) {
        ReferenceCodeParts parts = ReferenceCodeParts.fonds(f.number).category(f.category).year(year).retention(r);
        String keptEn = r.years().map(y -> "kept " + y + " years").orElse("kept permanently");
        return Description.builder()
                .id(DescriptionId.of(seriesId(f, year, r)))
                .institution(institution)
                .parent(DescriptionId.of(fondsId(f)))
                .level(Level.SERIES)
                .referenceCode(scheme.format(parts))
                .title(Title.zh(year + "年 " + r.labelZh()))
                .parallelTitles(List.of(Title.en(year + ", " + keptEn)))
                .dates(List.of(yearDate(year)))
                .extents(List.of(Extent.of(files, "卷"), Extent.of(items, f.isPhotos() ? "张" : "件")))
                .languages(SampleText.isMinguo(year) ? List.of("zh-Hant") : List.of("zh"))
                .subjects(List.of(f.subject))
                .carrier(f.isPhotos() ? Carrier.PHOTO : Carrier.PAPER)
                .retention(Retention.reviewedAfter(r, year))
                .access(Access.PUBLIC)
                .sequence(sequence)
                .build();
    }

    /** What a file is about; the items of the file take their titles from it. */
    Topic topic(SampleFonds f, String fileId) {
        return SampleText.pick(random(fileId + "#topic"), f.topics);
    }

    Description file(SampleFonds f, int year, RetentionPeriod r, int fileNo, long items) {
        String seriesId = seriesId(f, year, r);
        String id = fileId(seriesId, fileNo);
        SplittableRandom rng = random(id);
        Topic topic = topic(f, id);
        ReferenceCodeParts parts = ReferenceCodeParts.fonds(f.number).category(f.category).year(year).retention(r)
                .organisation(f.org).file(fileNo);
        String yearZh = SampleText.isMinguo(year) ? SampleText.minguoYear(year) : year + "年";
        Access access = Access.PUBLIC;
        if (year >= EXPLICIT_OPENING_FROM) access = access.withOpeningDate(LocalDate.of(year + 1, 1, 1));
        return Description.builder()
                .id(DescriptionId.of(id))
                .institution(institution)
                .parent(DescriptionId.of(seriesId))
                .level(Level.FILE)
                .referenceCode(scheme.format(parts))
                .title(Title.zh(f.zh + yearZh + topic.zh()))
                .parallelTitles(List.of(Title.en(f.en + ": " + topic.en().toLowerCase(Locale.ROOT) + ", "
                        + year)))
                .dates(List.of(yearDate(year)))
                .agents(List.of(Agent.creator(AgentType.CORPORATE_BODY, f.creator(year))))
                .extents(List.of(Extent.of(items, f.isPhotos() ? "张" : "件")))
                .languages(SampleText.isMinguo(year) ? List.of("zh-Hant") : List.of("zh"))
                .subjects(List.of(topic.subject()))
                .location(location(f, rng, fileNo))
                .carrier(f.isPhotos() ? Carrier.PHOTO : Carrier.PAPER)
                .retention(Retention.reviewedAfter(r, year))
                .access(access)
                .status(rng.nextInt(200) == 0 ? LifecycleStatus.DRAFT : LifecycleStatus.PUBLISHED)
                .sequence(fileNo)
                .build();
    }

    Description item(SampleFonds f, int year, RetentionPeriod r, int fileNo, int itemNo, int seq) {
        String fileId = fileId(seriesId(f, year, r), fileNo);
        String id = itemId(fileId, itemNo);
        SplittableRandom rng = random(id);
        Topic topic = topic(f, fileId);
        int month = 1 + rng.nextInt(12);
        int day = 1 + rng.nextInt(28);
        ItemContext context = new ItemContext(year, month, seq, rng, SampleText.personName(rng, year));
        Titles titles = topic.titles().make(context);
        Carrier carrier = carrier(f, topic, year, rng);
        String zh = titles.zh();
        String en = titles.en();
        if (carrier == Carrier.AUDIO) {
            zh += "（录音）";
            en += " (audio recording)";
        } else if (carrier == Carrier.VIDEO && !f.isPhotos()) {
            zh += "（录像）";
            en += " (video recording)";
        }
        boolean parallel = f.isPhotos() || rng.nextInt(100) < 35;
        ArchivalDate date = itemDate(f, year, month, day, rng);
        Extent extent = extent(carrier, rng);
        List<Agent> agents = new ArrayList<>(3);
        agents.add(Agent.creator(AgentType.CORPORATE_BODY, f.creator(year)));
        if (carrier == Carrier.PHOTO || carrier == Carrier.VIDEO) {
            agents.add(new Agent(AgentType.PERSON, SampleText.personName(rng, year), AgentRole.PHOTOGRAPHER, null));
        }
        if (topic.zh().equals("来往函件") && !SampleText.isMinguo(year)) {
            agents.add(new Agent(AgentType.PERSON, context.person(), AgentRole.RECIPIENT, null));
        }
        String scope = "本件为" + f.creator(year) + (SampleText.isMinguo(year) ? SampleText.minguoYear(year)
                : year + "年") + "形成的" + carrier.labelZh() + "档案：" + zh + "，" + extentZh(extent) + "。";
        if (parallel) scope += "\n\n" + en + ". " + carrier.labelEn() + ", " + extentEn(extent) + ".";
        List<String> subjects = new ArrayList<>(2);
        subjects.add(topic.subject());
        if (zh.contains("校庆")) subjects.add("校庆");
        if (zh.contains("招生") || zh.contains("录取")) subjects.add("招生");
        if (!subjects.contains(f.subject)) subjects.add(f.subject);
        LifecycleStatus status = LifecycleStatus.PUBLISHED;
        int s = rng.nextInt(1000);
        if (s < 4) status = LifecycleStatus.DRAFT;
        else if (s < 7) status = LifecycleStatus.WITHDRAWN;
        Notes notes = Notes.NONE;
        if (status == LifecycleStatus.WITHDRAWN) {
            notes = new Notes(null, null, "2021年因涉及个人信息撤回，仅供馆内查阅。\n\nWithdrawn in 2021: it holds personal "
                    + "information.", null, null, null);
        } else if (f.isPhotos()) {
            notes = new Notes(null, PHOTO_USE, null, null, null, null);
        }
        return Description.builder()
                .id(DescriptionId.of(id))
                .institution(institution)
                .parent(DescriptionId.of(fileId))
                .level(Level.ITEM)
                .referenceCode(scheme.format(ReferenceCodeParts.fonds(f.number).category(f.category).year(year)
                        .retention(r).organisation(f.org).file(fileNo).item(itemNo)))
                .title(Title.zh(zh))
                .parallelTitles(parallel ? List.of(Title.en(en)) : List.of())
                .dates(List.of(date))
                .agents(agents)
                .extents(List.of(extent))
                .scopeAndContent(scope)
                .languages(SampleText.isMinguo(year) ? List.of("zh-Hant") : List.of("zh"))
                .subjects(subjects)
                .location(carrier == Carrier.BORN_DIGITAL ? new Location("数字档案长期保存系统", null)
                        : location(f, random(fileId), fileNo))
                .carrier(carrier)
                .notes(notes)
                .retention(Retention.reviewedAfter(r, year))
                .access(access(f, year, date, rng))
                .digitalObjects(digitalObjects(id, carrier, rng))
                .status(status)
                .sequence(itemNo)
                .build();
    }

    // ---------------------------------------------------------------- parts

    private static ArchivalDate yearDate(int year) {
        if (!SampleText.isMinguo(year)) return ArchivalDate.ofYears(year, year);
        return new ArchivalDate(SampleText.minguoYear(year), LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31),
                false);
    }

    private static ArchivalDate itemDate(SampleFonds f, int year, int month, int day, SplittableRandom rng) {
        LocalDate date = LocalDate.of(year, month, day);
        if (SampleText.isMinguo(year)) {
            if (f.isPhotos()) {
                return new ArchivalDate("约" + SampleText.minguoYear(year), LocalDate.of(year, 1, 1),
                        LocalDate.of(year, 12, 31), true);
            }
            return new ArchivalDate(SampleText.minguoYear(year) + SampleText.numeral(month) + "月"
                    + SampleText.numeral(day) + "日", date, date, false);
        }
        if (rng.nextInt(5) == 0) {
            YearMonth ym = YearMonth.of(year, month);
            return new ArchivalDate(year + "年" + month + "月", ym.atDay(1), ym.atEndOfMonth(), false);
        }
        return ArchivalDate.ofDay(date);
    }

    private static Carrier carrier(SampleFonds f, Topic topic, int year, SplittableRandom rng) {
        int r = rng.nextInt(100);
        if (f.isPhotos()) {
            if (year >= 1985 && r < 5) return Carrier.VIDEO;
            return r < 15 ? Carrier.DIGITIZED : Carrier.PHOTO;
        }
        if (year >= 2000 && r < 10) return Carrier.BORN_DIGITAL;
        if (r < 14) return Carrier.DIGITIZED;
        if (f == SampleFonds.PRESIDENT && topic.zh().equals("会议纪要")) {
            if (year >= 1980 && r < 18) return Carrier.AUDIO;
            if (year >= 1990 && r < 20) return Carrier.VIDEO;
        }
        return Carrier.PAPER;
    }

    private static Extent extent(Carrier carrier, SplittableRandom rng) {
        return switch (carrier) {
            case PHOTO -> Extent.of(1, "张");
            case AUDIO, VIDEO -> Extent.of(10 + rng.nextInt(111), "分钟");
            default -> Extent.of(1 + rng.nextInt(40), "页");
        };
    }

    private static String extentZh(Extent e) {
        return "共" + e.quantity().toPlainString() + e.unit();
    }

    private static String extentEn(Extent e) {
        String unit = switch (e.unit()) {
            case "张" -> "print";
            case "分钟" -> "minutes";
            default -> "pages";
        };
        if (unit.equals("print") && e.quantity().intValue() != 1) unit = "prints";
        if (unit.equals("pages") && e.quantity().intValue() == 1) unit = "page";
        return e.quantity().toPlainString() + " " + unit;
    }

    private static Location location(SampleFonds f, SplittableRandom fileRng, int fileNo) {
        int room = 1 + f.ordinal() % 4;
        int row = 1 + fileRng.nextInt(20);
        int shelf = 1 + fileRng.nextInt(12);
        return new Location("档案馆第" + room + "库房 " + row + "排" + shelf + "架", "盒 " + f.number + "-"
                + pad(1 + (fileNo - 1) / 4));
    }

    /**
     * The access of an item, drawn so that effective levels come out about 70% public, 15% campus, 10% restricted
     * and 5% confidential (see {@link SampleArchive}).
     */
    private static Access access(SampleFonds f, int year, ArchivalDate date, SplittableRandom rng) {
        double u = rng.nextDouble();
        int variant = rng.nextInt(3);
        boolean young = year >= EXPLICIT_OPENING_FROM;
        LocalDate openEarly = date.end() == null ? null : date.end().plusDays(1);
        if (u < 0.70) {
            Access a = Access.PUBLIC;
            if (rng.nextInt(20) == 0) a = a.withDisclosure(Disclosure.ON_REQUEST);
            if (rng.nextInt(25) == 0) a = a.withEmbargoUntil(PAST_EMBARGO.plusSeconds(86_400L * rng.nextInt(1500)));
            return young ? a.withOpeningDate(openEarly) : a;
        }
        if (u < 0.85) {
            if (variant == 0 && year >= DEFAULT_CLOSED_FROM) return Access.PUBLIC; // closed by the 25-year rule
            if (variant == 1) return Access.of(AccessLevel.CAMPUS).withOpenStatus(OpenStatus.CONTROLLED);
            return Access.of(AccessLevel.CAMPUS).withDisclosure(Disclosure.ON_REQUEST);
        }
        if (u < 0.95) {
            return switch (variant) {
                case 0 -> Access.of(AccessLevel.RESTRICTED).withDisclosure(Disclosure.ON_REQUEST);
                case 1 -> Access.of(AccessLevel.RESTRICTED).withOpenStatus(OpenStatus.NOT_OPEN)
                        .withDisclosure(Disclosure.WITHHELD);
                default -> Access.PUBLIC.withEmbargoUntil(FUTURE_EMBARGO.plusSeconds(86_400L * rng.nextInt(5000)))
                        .withOpeningDate(young ? openEarly : null);
            };
        }
        Access confidential = Access.of(AccessLevel.CONFIDENTIAL).withDisclosure(Disclosure.WITHHELD);
        if (f.isPhotos() || variant == 2) return confidential;
        return confidential.withOpenStatus(OpenStatus.NOT_OPEN)
                .withSecrecy(variant == 0 ? SecrecyMarking.SECRET : SecrecyMarking.CLASSIFIED);
    }

    private static List<DigitalObjectRef> digitalObjects(String id, Carrier carrier, SplittableRandom rng) {
        String ext;
        String type;
        long size;
        switch (carrier) {
            case DIGITIZED -> {
                ext = "pdf";
                type = "application/pdf";
                size = 200_000L + rng.nextInt(5_000_000);
            }
            case BORN_DIGITAL -> {
                boolean pdf = rng.nextBoolean();
                ext = pdf ? "pdf" : "docx";
                type = pdf ? "application/pdf"
                        : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                size = 20_000L + rng.nextInt(2_000_000);
            }
            case PHOTO -> {
                if (rng.nextBoolean()) return List.of();
                ext = "tif";
                type = "image/tiff";
                size = 5_000_000L + rng.nextInt(60_000_000);
            }
            case AUDIO -> {
                ext = "mp3";
                type = "audio/mpeg";
                size = 2_000_000L + rng.nextInt(100_000_000);
            }
            case VIDEO -> {
                ext = "mp4";
                type = "video/mp4";
                size = 50_000_000L + rng.nextInt(1_000_000_000);
            }
            default -> {
                return List.of();
            }
        }
        String name = id + "." + ext;
        return List.of(new DigitalObjectRef(name, type, size, sha256(id + "/" + name)));
    }

    private static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
