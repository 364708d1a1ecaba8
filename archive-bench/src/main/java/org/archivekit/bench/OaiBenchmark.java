package org.archivekit.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import org.archivekit.core.Archive;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Principal;
import org.archivekit.core.json.ArchiveJson;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.store.SqliteArchiveStore;
import org.archivekit.share.dc.DublinCoreWriter;
import org.archivekit.share.oai.OaiLedger;
import org.archivekit.share.oai.OaiProvider;

/**
 * E2: a full OAI-PMH ListRecords harvest ({@code oai_dc}, 100 records a page) over a generated archive in SQLite,
 * following resumption tokens through the provider's whole request path; against a raw loop over the same
 * store file in the same run (keyset SELECT of the JSON bodies, parse, Dublin Core through StAX, no access checks,
 * no ledger). Also the first page's time and the deepest full page's, each the median of 15 repeats, alternated.
 *
 * <p>Run:
 * <pre>{@code
 * mvn -q -B -pl archive-bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp archive-bench/target/archive-bench-0.1.0-SNAPSHOT.jar:$(cat archive-bench/target/cp.txt) \
 *     org.archivekit.bench.OaiBenchmark 100000
 * }</pre>
 * Goals (issue 6): at least 5,000 records/s, and the last page at most 1.5× the first. The records are loaded
 * with a clock a year back (an archive whose records were written before the harvest), then served on the
 * system clock; the ledger's one-time build is timed on its own.
 */
public final class OaiBenchmark {
    private static final Pattern TOKEN = Pattern.compile("<resumptionToken[^>]*>([^<]+)</resumptionToken>");
    private static final int PAGE = 100;

    private OaiBenchmark() {}

    /** Runs E2 for the item count given (default 100,000). */
    public static void main(String[] args) throws Exception {
        long items = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("e2-");
        try {
            SampleArchive sample = SampleArchive.builder().items(items).seed(6).build();
            Principal admin = Principal.admin("bench");
            Path db = dir.resolve("a.db");
            long t0 = System.nanoTime();
            Clock past = Clock.fixed(Instant.now().minusSeconds(365L * 86400), ZoneOffset.UTC);
            try (Archive loader = Archive.builder().store(SqliteArchiveStore.open(db))
                    .policy(AccessPolicy.builder().clock(past).build()).build()) {
                loader.putInstitution(admin, sample.institution());
                loader.importAll(admin, sample.iterator());
            }
            double load = (System.nanoTime() - t0) / 1e9;
            System.out.printf("E2 OAI-PMH ListRecords (oai_dc, %d a page) over SQLite; %,d records loaded in %.1f s%n",
                    PAGE, sample.size(), load);
            System.out.println("| harvester | records | ledger build s | ArchiveKit rec/s | raw rec/s | ratio"
                    + " | ListRecords last/first page ms | ListIdentifiers last/first page ms |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            try (Archive archive = Archive.builder().store(SqliteArchiveStore.open(db)).build()) {
                run("admin (all records)", archive, admin, dir.resolve("ledger-admin.db"), db);
                run("public", archive, Principal.anonymous(), dir.resolve("ledger-public.db"), db);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String label, Archive archive, Principal who, Path ledgerFile, Path db) throws Exception {
        try (OaiLedger ledger = OaiLedger.open(ledgerFile)) {
            OaiProvider provider = OaiProvider.builder().archive(archive).ledger(ledger)
                    .baseUrl("https://archives.example.edu/oai").adminEmail("archivist@example.edu").harvester(who)
                    .pageSize(PAGE).build();
            long s0 = System.nanoTime();
            provider.sync();
            double build = (System.nanoTime() - s0) / 1e9;
            harvest(provider, 30); // warm-up
            long h0 = System.nanoTime();
            long[] result = harvest(provider, Long.MAX_VALUE);
            double seconds = (System.nanoTime() - h0) / 1e9;
            long records = result[0];
            long raw0 = System.nanoTime();
            long rawRecords = raw(db, records);
            double rawSeconds = (System.nanoTime() - raw0) / 1e9;
            String first = "verb=ListRecords&metadataPrefix=oai_dc";
            String last = "verb=ListRecords&resumptionToken=" + lastFullPageToken(provider, "ListRecords");
            double[] ms = interleavedMedians(provider, first, last);
            // headers only: the same paging, ledger and visibility work without the metadata, whose size differs
            // between the first records (fonds and series) and the last (items)
            double[] hs = interleavedMedians(provider, "verb=ListIdentifiers&metadataPrefix=oai_dc",
                    "verb=ListIdentifiers&resumptionToken=" + lastFullPageToken(provider, "ListIdentifiers"));
            System.out.printf("| %s | %,d | %.1f | %,.0f | %,.0f | %.2f | %.2f / %.2f = %.2f | %.2f / %.2f = %.2f |%n",
                    label, records, build, records / seconds, rawRecords / rawSeconds,
                    (records / seconds) / (rawRecords / rawSeconds), ms[1], ms[0], ms[1] / ms[0], hs[1], hs[0],
                    hs[1] / hs[0]);
        }
    }

    /** {records, pages} of a harvest of at most {@code maxPages} pages. */
    private static long[] harvest(OaiProvider provider, long maxPages) {
        String query = "verb=ListRecords&metadataPrefix=oai_dc";
        long records = 0;
        long pages = 0;
        while (pages < maxPages) {
            String body = ask(provider, query);
            pages++;
            records += count(body, "<record>");
            Matcher m = TOKEN.matcher(body);
            if (!m.find()) break;
            query = "verb=ListRecords&resumptionToken=" + m.group(1);
        }
        return new long[] {records, pages};
    }

    /** The token of the deepest page that is full (the final page may hold fewer records than the first). */
    private static String lastFullPageToken(OaiProvider provider, String verb) {
        String query = "verb=" + verb + "&metadataPrefix=oai_dc";
        String unit = verb.equals("ListRecords") ? "<record>" : "<header>";
        String token = null;
        String full = null;
        while (true) {
            String body = ask(provider, query);
            if (token != null && count(body, unit) == PAGE) full = token;
            Matcher m = TOKEN.matcher(body);
            if (!m.find()) return full;
            token = m.group(1);
            query = "verb=" + verb + "&resumptionToken=" + token;
        }
    }

    /** The median times of {@code a} and {@code b}, alternated 15 times so that load swings hit both alike. */
    private static double[] interleavedMedians(OaiProvider provider, String a, String b) {
        double[] ta = new double[15];
        double[] tb = new double[15];
        for (int i = 0; i < ta.length; i++) {
            ta[i] = time(provider, a);
            tb[i] = time(provider, b);
        }
        Arrays.sort(ta);
        Arrays.sort(tb);
        return new double[] {ta[ta.length / 2], tb[tb.length / 2]};
    }

    private static double time(OaiProvider provider, String query) {
        long t = System.nanoTime();
        provider.handle(OaiProvider.parseQuery(query), OutputStream.nullOutputStream());
        return (System.nanoTime() - t) / 1e6;
    }

    private static String ask(OaiProvider provider, String query) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        provider.handle(OaiProvider.parseQuery(query), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static long count(String s, String what) {
        long n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }

    /** The raw loop: the first {@code records} rows in (updated_at, id) keyset pages, as Dublin Core. */
    private static long raw(Path db, long records) throws Exception {
        XMLOutputFactory f = XMLOutputFactory.newDefaultFactory();
        long n = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement first = c.prepareStatement("SELECT changed_at, id, body FROM description"
                        + " ORDER BY changed_at, id LIMIT ?");
                PreparedStatement next = c.prepareStatement("SELECT changed_at, id, body FROM description"
                        + " WHERE (changed_at, id) > (?, ?) ORDER BY changed_at, id LIMIT ?")) {
            String at = null;
            String id = null;
            while (n < records) {
                PreparedStatement ps = at == null ? first : next;
                if (at != null) {
                    ps.setString(1, at);
                    ps.setString(2, id);
                }
                ps.setInt(at == null ? 1 : 3, PAGE);
                int rows = 0;
                XMLStreamWriter w = f.createXMLStreamWriter(OutputStream.nullOutputStream(), "UTF-8");
                w.writeStartDocument();
                w.writeStartElement("ListRecords");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && n < records) {
                        at = rs.getString(1);
                        id = rs.getString(2);
                        DublinCoreWriter.write(w, ArchiveJson.readDescription(rs.getString(3)));
                        rows++;
                        n++;
                    }
                }
                w.writeEndElement();
                w.writeEndDocument();
                w.close();
                if (rows == 0) break;
            }
        }
        return n;
    }
}
