package org.archivekit.bench;

import com.ibm.icu.text.Transliterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.AgentType;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Carrier;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.ReferenceCode;
import org.archivekit.core.model.Title;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.search.ArchiveSearch;
import org.archivekit.search.SearchHit;
import org.archivekit.search.SearchRequest;
import org.archivekit.search.lucene.LuceneAnalysis;
import org.archivekit.search.lucene.LuceneSearchBackend;

/**
 * Measures search relevance for each {@link LuceneAnalysis}: a judged set of Chinese and English queries (names,
 * places, 档号, phrases, years, traditional characters, full-width forms, diacritics, typos) over hand-written
 * records plus known-item queries over a generated archive; prints nDCG@10 and recall@50 per option and category as
 * Markdown (the table in docs/search-relevance.md).
 *
 * <pre>{@code
 * mvn -q -B -pl archive-bench -am package -DskipTests
 * java -cp "archive-bench/target/archive-bench-0.1.0-SNAPSHOT.jar:$(cat archive-bench/target/classpath)" \
 *     org.archivekit.bench.RelevanceBench [items]
 * }</pre>
 */
public final class RelevanceBench {
    private static final InstitutionCode EVAL = InstitutionCode.of("CN-EVAL");
    private static final Principal ADMIN = Principal.admin("bench");

    /** A query with graded judgments (2 = the answer, 1 = relevant too) and a category for the report. */
    record Judged(String category, String query, Map<String, Integer> grades) {}

    private RelevanceBench() {}

    /** Runs the evaluation; the optional argument is the number of generated items (default 3000). */
    public static void main(String[] args) throws IOException {
        long items = args.length > 0 ? Long.parseLong(args[0]) : 3000;
        SampleArchive sample = SampleArchive.builder().items(items).seed(42).build();
        List<Description> hand = handRecords();
        List<Judged> queries = new ArrayList<>(handQueries());
        queries.addAll(sampleQueries(sample, hand));
        System.out.println("Judged queries: " + queries.size() + " (" + hand.size() + " hand-written records, "
                + sample.size() + " generated records)");
        Map<String, Map<String, double[]>> results = new LinkedHashMap<>();
        for (LuceneAnalysis a : LuceneAnalysis.values()) {
            String name = a.name().toLowerCase(Locale.ROOT);
            results.put(name + " (exact words only)", evaluate(a, false, sample, hand, queries));
            results.put(name + " + typo fallback", evaluate(a, true, sample, hand, queries));
        }
        List<String> categories = queries.stream().map(Judged::category).distinct().toList();
        StringBuilder md = new StringBuilder("| Analysis | All nDCG@10 | All recall@50 |");
        for (String c : categories) md.append(' ').append(c).append(" nDCG@10 |");
        md.append("\n|---|---|---|").append("---|".repeat(categories.size())).append('\n');
        for (Map.Entry<String, Map<String, double[]>> e : results.entrySet()) {
            double[] all = e.getValue().get("all");
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f |", e.getKey(), all[0], all[1]));
            for (String c : categories) md.append(String.format(Locale.ROOT, " %.3f |", e.getValue().get(c)[0]));
            md.append('\n');
        }
        System.out.println();
        System.out.print(md);
    }

    private static Map<String, double[]> evaluate(LuceneAnalysis analysis, boolean typos, SampleArchive sample,
            List<Description> hand, List<Judged> queries) throws IOException {
        Path dir = Files.createTempDirectory("archivekit-relevance");
        ArchiveStore store = new InMemoryArchiveStore();
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        StringBuilder misses = new StringBuilder();
        try (ArchiveSearch search = ArchiveSearch.builder().store(store).forgiveTypos(typos)
                .backend(LuceneSearchBackend.builder().directory(dir).analysis(analysis).build()).build()) {
            Archive archive = Archive.builder().store(store).listener(search.listener()).build();
            archive.putInstitution(ADMIN, sample.institution());
            archive.putInstitution(ADMIN, new Institution(EVAL, "评测档案馆", "Evaluation Archives", null));
            archive.importAll(ADMIN, sample.iterator());
            archive.importAll(ADMIN, hand.iterator());
            search.awaitIndexed();
            for (Judged q : queries) {
                List<String> ranked;
                try {
                    ranked = search.search(ADMIN, SearchRequest.builder(q.query()).limit(50).highlight(false).build())
                            .hits().stream().map(SearchHit::view).map(v -> v.id().value()).toList();
                } catch (org.archivekit.core.InvalidRequestException e) {
                    ranked = List.of();
                }
                double ndcg = ndcg(ranked, q.grades(), 10);
                double recall = recall(ranked, q.grades(), 50);
                if (ndcg < 0.5) misses.append("  ").append(String.format(Locale.ROOT, "%.2f", ndcg)).append("  ")
                        .append(q.query()).append('\n');
                for (String key : List.of("all", q.category())) {
                    double[] s = sums.computeIfAbsent(key, k -> new double[2]);
                    s[0] += ndcg;
                    s[1] += recall;
                    counts.merge(key, 1, Integer::sum);
                }
            }
        } finally {
            deleteTree(dir);
        }
        System.out.println(analysis + ": queries with nDCG@10 below 0.5:\n" + misses);
        Map<String, double[]> out = new LinkedHashMap<>();
        sums.forEach((k, v) -> out.put(k, new double[] {v[0] / counts.get(k), v[1] / counts.get(k)}));
        return out;
    }

    static double ndcg(List<String> ranked, Map<String, Integer> grades, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            int g = grades.getOrDefault(ranked.get(i), 0);
            dcg += (Math.pow(2, g) - 1) / (Math.log(i + 2) / Math.log(2));
        }
        List<Integer> ideal = grades.values().stream().sorted(Comparator.reverseOrder()).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += (Math.pow(2, ideal.get(i)) - 1) / (Math.log(i + 2) / Math.log(2));
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    static double recall(List<String> ranked, Map<String, Integer> grades, int k) {
        long found = ranked.stream().limit(k).filter(id -> grades.getOrDefault(id, 0) > 0).count();
        return (double) found / Math.min(k, grades.size());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    // ------------------------------------------------------------------ the judged set

    private static List<Description> handRecords() {
        List<Description> out = new ArrayList<>();
        out.add(Description.builder().id(DescriptionId.of("EV")).institution(EVAL).level(Level.FONDS)
                .referenceCode(ReferenceCode.of("EV")).title(Title.zh("评测全宗")).access(Access.PUBLIC).build());
        hand(out, "H01", "西南联合大学迁校报告", "Report on the move of the National Southwest Associated University to"
                + " Kunming", "1938年由长沙迁往昆明。", "蒋梦麟", 1938, Carrier.PAPER);
        hand(out, "H02", "蔡元培校长就职演说", "Inaugural speech of President Cai Yuanpei", "1917年就任北京大学校长。",
                "蔡元培", 1917, Carrier.PAPER);
        hand(out, "H03", "司徒雷登致燕京大学师生函", "Letter from John Leighton Stuart to Yenching University", null,
                "John Leighton Stuart", 1946, Carrier.PAPER);
        hand(out, "H04", "北京大学图书馆新馆落成典礼照片", "Photographs of the opening of the new Peking University"
                + " Library", null, null, 1998, Carrier.PHOTO);
        hand(out, "H05", "國立清華大學招生簡章", "Admission brochure of National Tsing Hua University", null, null, 1933,
                Carrier.PAPER);
        hand(out, "H06", "关于抗日战争时期校产损失的调查", null, "调查日军占领期间校舍与图书损失。", null, 1946,
                Carrier.PAPER);
        hand(out, "H07", "Zhōu Péiyuán: lecture notes on relativity", null, "周培源相对论讲义。", "周培源", 1936,
                Carrier.PAPER);
        hand(out, "H08", "ＡＩ实验室建设方案", null, null, null, 2019, Carrier.BORN_DIGITAL);
        hand(out, "H09", "学生运动档案：一二·九运动", null, "1935年12月9日北平学生抗日救亡运动。", null, 1935,
                Carrier.PAPER);
        hand(out, "H10", "校史编纂委员会会议纪要", null, null, null, 1952, Carrier.PAPER);
        hand(out, "H11", "Minutes of the Board of Trustees meeting", null, "Trustees discussed the budget and the"
                + " hiring of faculty.", null, 1925, Carrier.PAPER);
        hand(out, "H12", "Budget of the chemistry department", null, "Annual budgets; chemicals and equipment.", null,
                1930, Carrier.PAPER);
        hand(out, "H13", "化学系经费预算", null, "化学试剂与仪器设备。", null, 1930, Carrier.PAPER);
        hand(out, "H14", "梅贻琦日记（手稿）", "Diary of Mei Yiqi", null, "梅贻琦", 1941, Carrier.PAPER);
        hand(out, "H15", "校园规划总图", null, "燕园与清华园的校园规划，含未名湖。", null, 1952, Carrier.PAPER);
        hand(out, "H16", "未名湖畔的学生合影", null, null, null, 1980, Carrier.PHOTO);
        hand(out, "H17", "教师职称评审材料", null, "副教授、教授职称评审。", null, 1988, Carrier.PAPER);
        hand(out, "H18", "研究生学位论文答辩记录", null, null, null, 1995, Carrier.PAPER);
        hand(out, "H19", "关于申请国家自然科学基金的报告", null, null, null, 2003, Carrier.PAPER);
        hand(out, "H20", "Photographs of graduation ceremonies", null, "Commencement, 1949.", null, 1949,
                Carrier.PHOTO);
        hand(out, "H21", "毕业典礼照片", null, "1949年毕业典礼。", null, 1949, Carrier.PHOTO);
        hand(out, "H22", "校务会议记录", null, "讨论校舍、经费与课程。", null, 1931, Carrier.PAPER);
        hand(out, "H23", "關於校務會議的記錄", null, null, null, 1932, Carrier.PAPER);
        hand(out, "H24", "校长办公室工作报告", null, null, null, 1990, Carrier.PAPER);
        hand(out, "H25", "年度工作总结", null, "包括图书馆与西南联合大学旧址的修缮。", null, 2000, Carrier.PAPER);
        return out;
    }

    private static void hand(List<Description> out, String id, String title, String en, String scope,
            String creator, int year, Carrier carrier) {
        Description.Builder b = Description.builder().id(DescriptionId.of(id)).institution(EVAL)
                .parent(DescriptionId.of("EV")).level(Level.ITEM)
                .referenceCode(ReferenceCode.of("EV-00" + id.substring(1))).title(Title.zh(title))
                .scopeAndContent(scope).carrier(carrier).dates(List.of(ArchivalDate.ofYears(year, year)))
                .access(Access.PUBLIC);
        if (en != null) b.parallelTitles(List.of(Title.en(en)));
        if (creator != null) b.agents(List.of(Agent.creator(AgentType.PERSON, creator)));
        out.add(b.build());
    }

    private static Judged j(String category, String query, Object... idGrade) {
        Map<String, Integer> g = new LinkedHashMap<>();
        for (int i = 0; i < idGrade.length; i += 2) g.put((String) idGrade[i], (Integer) idGrade[i + 1]);
        return new Judged(category, query, g);
    }

    private static List<Judged> handQueries() {
        return List.of(
                j("zh", "西南联合大学", "H01", 2, "H25", 1),
                j("zh", "西南联大", "H01", 2),
                j("names", "蒋梦麟", "H01", 2),
                j("names", "蔡元培", "H02", 2),
                j("names", "Cai Yuanpei", "H02", 2),
                j("names", "John Leighton Stuart", "H03", 2),
                j("names", "司徒雷登", "H03", 2),
                j("places", "燕京大学", "H03", 2),
                j("places", "北京大学图书馆", "H04", 2, "H02", 1),
                j("en", "library photographs", "H04", 2, "H20", 1),
                j("variants", "清华大学招生", "H05", 2),
                j("variants", "國立清華大學", "H05", 2),
                j("en", "brochures", "H05", 2),
                j("zh", "抗日战争 损失", "H06", 2),
                j("variants", "zhou peiyuan", "H07", 2),
                j("names", "周培源", "H07", 2),
                j("en", "relativity", "H07", 2),
                j("variants", "AI实验室", "H08", 2),
                j("variants", "ＡＩ", "H08", 2),
                j("zh", "一二·九运动", "H09", 2),
                j("years", "学生运动 1935", "H09", 2),
                j("en", "board of trustees", "H11", 2),
                j("en", "trustee meetings", "H11", 2),
                j("en", "chemistry budget", "H12", 2, "H13", 1),
                j("zh", "化学 经费", "H13", 2),
                j("names", "梅贻琦", "H14", 2),
                j("names", "Mei Yiqi diary", "H14", 2),
                j("places", "未名湖", "H16", 2, "H15", 1),
                j("zh", "校园规划", "H15", 2),
                j("zh", "职称评审", "H17", 2),
                j("zh", "学位论文答辩", "H18", 2),
                j("zh", "自然科学基金", "H19", 2),
                j("en", "graduation photographs", "H20", 2, "H21", 1),
                j("zh", "毕业典礼", "H21", 2),
                j("zh", "校务会议记录", "H22", 2, "H23", 2),
                j("variants", "關於校務會議", "H23", 2, "H22", 1),
                j("codes", "EV-0013", "H13", 2),
                j("codes", "ev-0021", "H21", 2),
                j("codes", "ＥＶ－００07", "H07", 2),
                j("typos", "relativty", "H07", 2),
                j("typos", "Leighten Stuart", "H03", 2),
                j("typos", "蔡元陪", "H02", 2),
                j("years", "毕业 year:1949", "H21", 2),
                j("phrases", "\"Board of Trustees\"", "H11", 2),
                j("phrases", "\"校务会议\"", "H22", 2, "H23", 2));
    }

    /** Known-item queries over the generated archive: title fragments, in simplified and traditional, and codes. */
    private static List<Judged> sampleQueries(SampleArchive sample, List<Description> hand) {
        Random rnd = new Random(7);
        List<Description> items = new ArrayList<>();
        List<Description> all = new ArrayList<>(hand);
        sample.forEach(d -> {
            all.add(d);
            if (d.level() == Level.ITEM && rnd.nextInt(100) == 0 && items.size() < 40) items.add(d);
        });
        Transliterator s2t = Transliterator.getInstance("Simplified-Traditional");
        List<Judged> out = new ArrayList<>();
        for (int i = 0; i < 15 && i < items.size(); i++) {
            Description d = items.get(i);
            // a fragment of Chinese characters only, as people type them (not half a year number)
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\p{IsHan}{3,}").matcher(d.title().text());
            List<String> runs = new ArrayList<>();
            while (m.find()) runs.add(m.group());
            if (runs.isEmpty()) continue;
            String t = runs.get(rnd.nextInt(runs.size()));
            int len = Math.min(t.length(), 3 + rnd.nextInt(3));
            int at = rnd.nextInt(t.length() - len + 1);
            String fragment = t.substring(at, at + len);
            Map<String, Integer> g = new LinkedHashMap<>();
            for (Description x : all) if (x.title().text().contains(fragment)) g.put(x.id().value(), 1);
            out.add(new Judged("sample-zh", fragment.replace("\"", ""), g));
            if (i < 6) out.add(new Judged("sample-trad", s2t.transliterate(fragment).replace("\"", ""), g));
        }
        for (int i = 15; i < 21; i++) {
            Description d = items.get(i);
            out.add(new Judged("sample-code", d.referenceCode().value(), Map.of(d.id().value(), 2)));
        }
        return out;
    }
}
