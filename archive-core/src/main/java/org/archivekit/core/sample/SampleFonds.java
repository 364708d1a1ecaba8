package org.archivekit.core.sample;

import static org.archivekit.core.sample.SampleText.BUILDINGS;
import static org.archivekit.core.sample.SampleText.CENTRES;
import static org.archivekit.core.sample.SampleText.COLLEGES;
import static org.archivekit.core.sample.SampleText.DEPARTMENTS;
import static org.archivekit.core.sample.SampleText.EVENTS;
import static org.archivekit.core.sample.SampleText.FOUNDED;
import static org.archivekit.core.sample.SampleText.MAJORS;
import static org.archivekit.core.sample.SampleText.MATTERS;
import static org.archivekit.core.sample.SampleText.PROJECTS;
import static org.archivekit.core.sample.SampleText.PROVINCES;
import static org.archivekit.core.sample.SampleText.RANKS;
import static org.archivekit.core.sample.SampleText.personName;
import static org.archivekit.core.sample.SampleText.pick;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The fonds of the sample university: who created them, their numbers and codes, years, share of the items, and
 * the topics their files are about, each with the titles its items get.
 */
enum SampleFonds {
    PRESIDENT("Z001", "XZB", "WS", "校长办公室", "President's Office", 1928, 0.18, "行政管理", List.of(
            new Topic("会议纪要", "Meeting minutes", "会议", c -> c.minguo()
                    ? t("校务会议记录（第" + c.seq() + "次）", "Minutes of the College Council, No. " + c.seq())
                    : t("校长办公会议纪要（第" + c.seq() + "次）",
                            "Minutes of the President's Office Meeting, No. " + c.seq())),
            new Topic("发文", "Issued documents", "规章制度", SampleFonds::presidentDocument),
            new Topic("来往函件", "Correspondence", "函件", c -> {
                var m = pick(c.rng(), MATTERS);
                return c.minguo()
                        ? t("呈教育部文（关于" + m.zh() + "）", "Petition to the Ministry of Education on " + m.en())
                        : t("致" + c.person() + "先生的函（关于" + m.zh() + "）", "Letter to " + c.person() + " on "
                                + m.en());
            }),
            new Topic("工作总结", "Annual reports", "工作总结", c -> c.minguo()
                    ? t("私立示范学院" + c.yearZh() + "校务报告", "Annual report of the college, " + c.year())
                    : t("示范大学" + c.year() + "年工作总结", "Annual report of Demo University, " + c.year())))),

    ACADEMIC("Z002", "JWC", "JX", "教务处", "Office of Academic Affairs", 1952, 0.18, "教学", List.of(
            new Topic("教学管理", "Teaching administration", "教学管理", c -> switch (c.rng().nextInt(4)) {
                case 0 -> t("关于印发《" + c.year() + "年本科教学工作要点》的通知",
                        "Notice on issuing the " + c.year() + " undergraduate teaching priorities");
                case 1 -> t(c.year() + "-" + (c.year() + 1) + "学年第" + (1 + c.rng().nextInt(2)) + "学期教学安排",
                        "Teaching schedule, " + c.year() + "-" + (c.year() + 1));
                case 2 -> t("关于开展" + c.year() + "年本科教学质量评估工作的通知",
                        "Notice on the " + c.year() + " undergraduate teaching quality review");
                default -> {
                    var m = pick(c.rng(), MAJORS);
                    yield t(m.zh() + "专业" + c.year() + "级人才培养方案", "Curriculum of " + m.en() + ", class of "
                            + c.year());
                }
            }),
            new Topic("招生", "Admissions", "招生", c -> switch (c.rng().nextInt(3)) {
                case 0 -> t("关于" + c.year() + "年本科招生工作的通知", "Notice on undergraduate admissions, "
                        + c.year());
                case 1 -> {
                    var p = pick(c.rng(), PROVINCES);
                    yield t(c.year() + "年" + p.zh() + "招生计划", "Admissions plan for " + p.en() + ", " + c.year());
                }
                default -> {
                    var col = pick(c.rng(), COLLEGES);
                    yield t(c.year() + "年新生录取名册（" + col.zh() + "）", "Register of admitted students, "
                            + col.en() + ", " + c.year());
                }
            }),
            new Topic("考务与成绩", "Examinations and grades", "考试", c -> {
                var m = pick(c.rng(), MAJORS);
                return c.rng().nextBoolean()
                        ? t(c.year() + "年" + m.zh() + "专业学生成绩登记表", "Grade register, " + m.en() + ", "
                                + c.year())
                        : t("关于" + c.person() + "等同学考试违纪的处理决定", "Decision on examination misconduct");
            }))),

    STUDENTS("Z003", "XSC", "XS", "学生处", "Office of Student Affairs", 1952, 0.16, "学生工作", List.of(
            new Topic("毕业生", "Graduates", "毕业", c -> {
                var col = pick(c.rng(), COLLEGES);
                return c.rng().nextBoolean()
                        ? t(c.year() + "届毕业生名册（" + col.zh() + "）", "Register of graduates, " + col.en() + ", "
                                + c.year())
                        : t(c.year() + "届毕业生就业情况统计", "Employment of the graduates of " + c.year());
            }),
            new Topic("奖励与资助", "Awards and financial aid", "奖助学金", c -> switch (c.rng().nextInt(3)) {
                case 0 -> t(c.year() + "年度奖学金评审结果公示", "Scholarship results, " + c.year());
                case 1 -> t("关于表彰" + c.year() + "年度优秀学生干部的决定",
                        "Decision commending outstanding student leaders, " + c.year());
                default -> t(c.year() + "年学生资助工作总结", "Report on student financial aid, " + c.year());
            }),
            new Topic("学籍", "Student records", "学籍", c -> {
                var col = pick(c.rng(), COLLEGES);
                return switch (c.rng().nextInt(3)) {
                    case 0 -> t(c.year() + "级新生入学登记表（" + col.zh() + "）", "Enrolment forms, " + col.en()
                            + ", class of " + c.year());
                    case 1 -> t("关于" + c.person() + "同学休学的批复", "Approval of a leave of absence");
                    default -> t("学生违纪处分决定（" + c.year() + "）", "Disciplinary decisions, " + c.year());
                };
            }))),

    RESEARCH("Z004", "KYC", "KY", "科研处", "Office of Scientific Research", 1978, 0.14, "科研", List.of(
            new Topic("科研项目", "Research projects", "科研项目", c -> {
                var p = pick(c.rng(), PROJECTS);
                return switch (c.rng().nextInt(3)) {
                    case 0 -> t("科研项目结题报告（" + p.zh() + "）", "Final report: " + p.en());
                    case 1 -> t("关于" + p.zh() + "项目立项的批复", "Approval of the project " + p.en());
                    default -> t(c.year() + "年度国家自然科学基金项目申报汇总表",
                            "NSFC applications, " + c.year());
                };
            }),
            new Topic("科研成果", "Research results", "科研成果", c -> {
                var p = pick(c.rng(), PROJECTS);
                return switch (c.rng().nextInt(3)) {
                    case 0 -> t(c.year() + "年度科研成果登记表", "Register of research results, " + c.year());
                    case 1 -> t(p.zh() + "成果鉴定证书", "Evaluation certificate: " + p.en());
                    default -> t("专利申请材料（" + p.zh() + "）", "Patent application: " + p.en());
                };
            }),
            new Topic("科研机构", "Research units", "科研机构", c -> {
                var r = pick(c.rng(), CENTRES);
                return switch (c.rng().nextInt(3)) {
                    case 0 -> t("关于成立" + r.zh() + "的批复", "Approval to found the " + r.en());
                    case 1 -> t(r.zh() + c.year() + "年度工作报告", r.en() + ": annual report " + c.year());
                    default -> t("学术委员会会议纪要（" + c.year() + "年第" + c.seq() + "次）",
                            "Minutes of the Academic Committee, " + c.year() + " No. " + c.seq());
                };
            }))),

    PERSONNEL("Z005", "RSC", "RS", "人事处", "Office of Human Resources", 1952, 0.12, "人事", List.of(
            new Topic("干部任免", "Appointments", "任免", c -> {
                var d = pick(c.rng(), DEPARTMENTS);
                return c.rng().nextBoolean()
                        ? t("关于" + c.person() + "同志任" + d.zh() + "处长的通知", "Notice appointing the head of the "
                                + d.en())
                        : t("干部任免审批表（" + c.person() + "）", "Appointment approval form");
            }),
            new Topic("职称评审", "Academic ranks", "职称", c -> {
                var r = pick(c.rng(), RANKS);
                return c.rng().nextBoolean()
                        ? t(c.year() + "年专业技术职务评审结果", "Results of the " + c.year() + " rank review")
                        : t("关于" + c.person() + "等同志晋升" + r.zh() + "职务的通知", "Notice of promotion to "
                                + r.en());
            }),
            new Topic("工资与名册", "Pay and staff lists", "工资", c -> c.rng().nextBoolean()
                    ? t(c.year() + "年教职工工资调整方案", "Staff pay adjustment, " + c.year())
                    : t(c.year() + "年教职工名册", "Staff list, " + c.year())))),

    CONSTRUCTION("Z006", "JJC", "JJ", "基建处", "Office of Capital Construction", 1953, 0.10, "基建", List.of(
            new Topic("工程项目", "Building projects", "工程", c -> {
                var b = pick(c.rng(), BUILDINGS);
                return switch (c.rng().nextInt(4)) {
                    case 0 -> t(b.zh() + "工程竣工验收报告", b.en() + ": completion acceptance report");
                    case 1 -> t(b.zh() + "施工图（" + pick(c.rng(), List.of("建筑", "结构", "给排水", "电气")) + "）",
                            b.en() + ": construction drawings");
                    case 2 -> t(b.zh() + "工程招标文件", b.en() + ": tender documents");
                    default -> t(b.zh() + "工程监理月报（" + c.year() + "年" + c.month() + "月）",
                            b.en() + ": supervision report, " + c.year() + "-" + c.month());
                };
            }),
            new Topic("校园规划", "Campus planning", "校园规划", c -> c.rng().nextBoolean()
                    ? t("校园总体规划（" + c.year() + "年修订）", "Campus master plan, " + c.year() + " revision")
                    : t(c.year() + "年基建投资计划", "Capital construction budget, " + c.year())))),

    PHOTOS("Z007", "XSZP", "ZP", "校史照片", "University History Photographs", 1928, 0.12, "校史", List.of(
            new Topic("重大活动", "Events", "校庆", SampleFonds::eventPhoto),
            new Topic("师生合影", "Group portraits", "毕业", c -> {
                var col = pick(c.rng(), COLLEGES);
                return c.minguo()
                        ? t("私立示范学院" + c.yearZh() + "毕业同学合影", "Graduating class of the college, " + c.year())
                        : t(c.year() + "届毕业生合影（" + col.zh() + "）", "Graduating class of " + c.year() + ", "
                                + col.en());
            }),
            new Topic("校园风貌", "Campus views", "校园", c -> {
                var b = pick(c.rng(), BUILDINGS);
                return c.minguo()
                        ? t("学院校舍旧影（" + b.zh() + "）", "The college buildings: " + b.en())
                        : t(b.zh() + "外景", b.en() + ", exterior");
            })));

    /** Titles in Chinese and English. */
    record Titles(String zh, String en) {}

    /** What one item is made from: its date, running number, random source and helpers for names. */
    record ItemContext(int year, int month, int seq, SplittableRandom rng, String person) {
        boolean minguo() {
            return SampleText.isMinguo(year);
        }

        String yearZh() {
            return SampleText.minguoYear(year);
        }
    }

    /** Makes an item's titles. */
    interface TitleMaker {
        Titles make(ItemContext context);
    }

    /** What a file is about. */
    record Topic(String zh, String en, String subject, TitleMaker titles) {}

    final String number;
    final String org;
    final String category;
    final String zh;
    final String en;
    final int startYear;
    final double weight;
    final String subject;
    final List<Topic> topics;

    SampleFonds(String number, String org, String category, String zh, String en, int startYear, double weight,
            String subject, List<Topic> topics) {
        this.number = number;
        this.org = org;
        this.category = category;
        this.zh = zh;
        this.en = en;
        this.startYear = startYear;
        this.weight = weight;
        this.subject = subject;
        this.topics = topics;
    }

    /** Whether the fonds is the photograph collection. */
    boolean isPhotos() {
        return this == PHOTOS;
    }

    /** The creating body's name in {@code year}: before 1952 the university was 私立示范学院. */
    String creator(int year) {
        return year < 1952 ? "私立示范学院" + (this == PRESIDENT ? "校长室" : "") : "示范大学" + zh;
    }

    private static Titles t(String zh, String en) {
        return new Titles(zh, en);
    }

    private static Titles presidentDocument(ItemContext c) {
        int anniversary = c.year() - FOUNDED;
        int kind = c.rng().nextInt(6);
        if (c.minguo()) {
            var m = pick(c.rng(), MATTERS);
            return t("私立示范学院布告（关于" + m.zh() + "）", "College notice on " + m.en());
        }
        return switch (kind) {
            case 0 -> t("关于印发《" + c.year() + "年学校工作要点》的通知", "Notice on issuing the " + c.year()
                    + " work priorities");
            case 1 -> {
                var d = pick(c.rng(), DEPARTMENTS);
                yield t("关于" + d.zh() + "机构调整的决定", "Decision on restructuring the " + d.en());
            }
            case 2 -> t("关于表彰" + c.year() + "年度先进集体和先进个人的决定",
                    "Decision commending outstanding units and staff, " + c.year());
            case 3 -> t("关于做好" + c.year() + "年寒假期间安全工作的通知", "Notice on safety during the "
                    + c.year() + " winter vacation");
            case 4 -> anniversary % 10 == 0 || anniversary % 10 == 9
                    ? t("关于举办建校" + (anniversary + 9) / 10 * 10 + "周年校庆活动的通知", "Notice on the "
                            + SampleText.ordinal((anniversary + 9) / 10 * 10) + " anniversary celebrations")
                    : t("关于调整" + c.year() + "年作息时间的通知", "Notice on the " + c.year() + " timetable");
            default -> {
                var d = pick(c.rng(), DEPARTMENTS);
                yield t("关于聘任" + c.person() + "同志为" + d.zh() + "负责人的通知", "Notice appointing the head of the "
                        + d.en());
            }
        };
    }

    private static Titles eventPhoto(ItemContext c) {
        int anniversary = c.year() - FOUNDED;
        if (c.minguo()) {
            return c.rng().nextBoolean()
                    ? t("私立示范学院" + c.yearZh() + "开学典礼", "Opening ceremony of the college, " + c.year())
                    : t("学院师生欢迎" + c.person() + "先生来校讲演", "Students welcome a visiting lecturer");
        }
        return switch (c.rng().nextInt(5)) {
            case 0 -> anniversary % 10 == 0
                    ? t("建校" + anniversary + "周年校庆大会",
                            "The " + SampleText.ordinal(anniversary) + " anniversary celebration")
                    : t(c.year() + "年春季田径运动会", "Spring athletics meeting, " + c.year());
            case 1 -> {
                var b = pick(c.rng(), BUILDINGS);
                yield t(b.zh() + "落成典礼", "Opening of the " + b.en());
            }
            case 2 -> {
                var e = pick(c.rng(), EVENTS);
                yield t("校长" + c.person() + "在" + e.zh() + "上讲话", "The president speaks at " + e.en());
            }
            case 3 -> t(c.year() + "年春季田径运动会", "Spring athletics meeting, " + c.year());
            default -> {
                var b = pick(c.rng(), BUILDINGS);
                yield t("外宾参观" + b.zh(), "Foreign guests visit the " + b.en());
            }
        };
    }
}
