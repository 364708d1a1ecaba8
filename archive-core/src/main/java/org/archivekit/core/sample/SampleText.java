package org.archivekit.core.sample;

import java.util.List;
import java.util.SplittableRandom;

/** Vocabulary of the sample archive: names, places, projects, and the Chinese numerals of 民国 years. */
final class SampleText {
    private SampleText() {}

    /** The year the university was founded (as 私立示范学院); anniversaries count from it. */
    static final int FOUNDED = 1928;

    /** A bilingual term. */
    record Term(String zh, String en) {}

    static final List<String> SURNAMES = List.of("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐",
            "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董",
            "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏");

    static final List<String> GIVEN_NAMES = List.of("建国", "志强", "秀英", "明", "丽华", "文彬", "海涛", "淑芬",
            "国华", "振宇", "晓燕", "伟", "静", "德明", "玉兰", "子衡", "卫东", "红梅", "立新", "桂芝", "思远", "雨婷",
            "浩然", "佳怡", "宏伟", "春生");

    /** Names in the style of the 1920s–1940s. */
    static final List<String> OLD_GIVEN_NAMES = List.of("伯钧", "仲康", "叔平", "季常", "少卿", "鸿儒", "维新",
            "蕴华", "励之", "慕贞", "省三", "子良");

    static final List<Term> COLLEGES = List.of(
            new Term("文学院", "College of Liberal Arts"),
            new Term("理学院", "College of Science"),
            new Term("工学院", "College of Engineering"),
            new Term("经济管理学院", "School of Economics and Management"),
            new Term("外国语学院", "School of Foreign Languages"),
            new Term("法学院", "Law School"),
            new Term("医学院", "School of Medicine"));

    static final List<Term> MAJORS = List.of(
            new Term("汉语言文学", "Chinese Language and Literature"),
            new Term("数学与应用数学", "Mathematics and Applied Mathematics"),
            new Term("物理学", "Physics"),
            new Term("化学", "Chemistry"),
            new Term("计算机科学与技术", "Computer Science and Technology"),
            new Term("土木工程", "Civil Engineering"),
            new Term("机械工程", "Mechanical Engineering"),
            new Term("英语", "English"),
            new Term("会计学", "Accounting"),
            new Term("法学", "Law"),
            new Term("临床医学", "Clinical Medicine"));

    static final List<Term> BUILDINGS = List.of(
            new Term("图书馆", "Library"),
            new Term("第一教学楼", "Teaching Building No. 1"),
            new Term("理科大楼", "Science Building"),
            new Term("体育馆", "Gymnasium"),
            new Term("学生宿舍3号楼", "Student Dormitory No. 3"),
            new Term("大礼堂", "Auditorium"),
            new Term("实验楼", "Laboratory Building"),
            new Term("校史馆", "University History Museum"));

    static final List<Term> DEPARTMENTS = List.of(
            new Term("教务处", "Office of Academic Affairs"),
            new Term("学生处", "Office of Student Affairs"),
            new Term("科研处", "Office of Scientific Research"),
            new Term("人事处", "Office of Human Resources"),
            new Term("图书馆", "Library"),
            new Term("后勤处", "Office of Logistics"),
            new Term("国际交流处", "Office of International Exchange"));

    static final List<Term> PROJECTS = List.of(
            new Term("稀土功能材料改性研究", "Modification of rare-earth functional materials"),
            new Term("黄河流域水资源调查", "Survey of water resources in the Yellow River basin"),
            new Term("古籍数字化关键技术研究", "Key techniques for digitizing ancient books"),
            new Term("城市交通流模型研究", "Models of urban traffic flow"),
            new Term("新型抗菌药物筛选", "Screening of novel antibacterial drugs"),
            new Term("北方方言语音数据库建设", "A speech database of northern dialects"),
            new Term("小麦抗旱品种选育", "Breeding drought-resistant wheat"),
            new Term("区域经济协调发展研究", "Coordinated regional economic development"));

    static final List<Term> CENTRES = List.of(
            new Term("材料科学研究所", "Institute of Materials Science"),
            new Term("区域经济研究中心", "Centre for Regional Economics"),
            new Term("古籍整理研究所", "Institute of Classical Texts"),
            new Term("计算中心", "Computing Centre"));

    static final List<Term> MATTERS = List.of(
            new Term("校舍修缮", "repairs to college buildings"),
            new Term("图书捐赠", "a donation of books"),
            new Term("经费拨付", "funding"),
            new Term("教员聘请", "appointing teachers"),
            new Term("招生事宜", "admissions"),
            new Term("学术交流", "academic exchange"));

    static final List<Term> PROVINCES = List.of(
            new Term("河北省", "Hebei"), new Term("山东省", "Shandong"), new Term("河南省", "Henan"),
            new Term("江苏省", "Jiangsu"), new Term("四川省", "Sichuan"), new Term("广东省", "Guangdong"));

    static final List<Term> RANKS = List.of(
            new Term("教授", "professor"), new Term("副教授", "associate professor"), new Term("讲师", "lecturer"));

    static final List<Term> EVENTS = List.of(
            new Term("开学典礼", "the opening ceremony"),
            new Term("毕业典礼", "the graduation ceremony"),
            new Term("教师节表彰大会", "the Teachers' Day awards"),
            new Term("科技大会", "the science and technology conference"));

    private static final String[] DIGITS = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

    static <T> T pick(SplittableRandom rng, List<T> from) {
        return from.get(rng.nextInt(from.size()));
    }

    /** A plausible Chinese personal name; old-style given names for years before 1950. */
    static String personName(SplittableRandom rng, int year) {
        List<String> given = year < 1950 ? OLD_GIVEN_NAMES : GIVEN_NAMES;
        return pick(rng, SURNAMES) + pick(rng, given);
    }

    /** Whether {@code year} falls in the 民国 calendar (1912–1949) as used by the sample. */
    static boolean isMinguo(int year) {
        return year >= 1912 && year <= 1949;
    }

    /** The 民国 year of {@code year} in Chinese numerals: 1931 → 民国二十年. */
    static String minguoYear(int year) {
        return "民国" + numeral(year - 1911) + "年";
    }

    /** {@code n} (1–99) in Chinese numerals: 1 → 一, 10 → 十, 20 → 二十, 21 → 二十一. */
    static String numeral(int n) {
        if (n < 1 || n > 99) throw new IllegalArgumentException("numeral out of range: " + n);
        if (n < 10) return DIGITS[n];
        int tens = n / 10;
        int ones = n % 10;
        return (tens == 1 ? "" : DIGITS[tens]) + "十" + (ones == 0 ? "" : DIGITS[ones]);
    }

    /** {@code n} with its English ordinal suffix: 1st, 2nd, 3rd, 11th, 90th. */
    static String ordinal(int n) {
        int mod100 = n % 100;
        if (mod100 >= 11 && mod100 <= 13) return n + "th";
        return switch (n % 10) {
            case 1 -> n + "st";
            case 2 -> n + "nd";
            case 3 -> n + "rd";
            default -> n + "th";
        };
    }
}
