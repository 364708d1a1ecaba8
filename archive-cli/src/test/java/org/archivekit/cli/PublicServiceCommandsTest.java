package org.archivekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cite, post, on-this-day, feed and qr over a small demo archive. */
final class PublicServiceCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    private static String publicItem;
    private static String hiddenItem;

    @BeforeAll
    static void fill() throws Exception {
        Cli.DemoItems items = Cli.demo(home);
        publicItem = items.publicItem();
        hiddenItem = items.hiddenItem();
    }

    @Test
    void citeWritesGbtAndChicagoAndHidesWhatTheRoleCannotSee() {
        Cli.Result gbt = Cli.run(home, "cite", publicItem);
        assertThat(gbt.exitCode()).as(gbt.err()).isZero();
        assertThat(gbt.out()).contains("[A]. 示范大学档案馆").contains("档号: ");
        assertThat(Cli.run(home, "cite", publicItem, "--style", "chicago").out()).contains("“").contains("示范大学档案馆.");
        Cli.Result hidden = Cli.run(home, "cite", hiddenItem);
        assertThat(hidden.exitCode()).isEqualTo(3);
        assertThat(Cli.run(home, "cite", hiddenItem, "--as", "admin").exitCode()).isZero();
    }

    @Test
    void postsComeFromPublicRecordsOnly() throws Exception {
        Cli.Result weibo = Cli.run(home, "post", "weibo", publicItem);
        assertThat(weibo.exitCode()).as(weibo.err()).isZero();
        assertThat(weibo.out()).startsWith("【").contains("#").contains("/records/" + publicItem);
        Cli.Result wechat = Cli.run(home, "post", "wechat", publicItem);
        JsonNode article = JSON.readTree(wechat.out());
        assertThat(article.get("title").asText()).isNotBlank();
        assertThat(article.get("content_source_url").asText()).endsWith(publicItem);
        assertThat(Cli.run(home, "post", "weibo", hiddenItem, "--as", "admin").exitCode()).isEqualTo(3);
    }

    @Test
    void onThisDayPicksAndWritesACalendar() throws Exception {
        Cli.Result day = Cli.run(home, "on-this-day", "--date", "03-14");
        assertThat(day.exitCode()).as(day.err()).isZero();
        assertThat(day.out()).contains("-03-14");
        Path csv = home.resolve("cal/2026-03.csv");
        Cli.Result cal = Cli.run(home, "on-this-day", "--calendar", "2026-03", "--out", csv.toString());
        assertThat(cal.exitCode()).as(cal.err()).isZero();
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8).get(0))
                .isEqualTo("day,match,record,title,date,score,permalink");
        Path json = home.resolve("cal/2026-03.json");
        assertThat(Cli.run(home, "on-this-day", "--calendar", "2026-03", "--out", json.toString()).exitCode()).isZero();
        assertThat(JSON.readTree(json.toFile()).isArray()).isTrue();
        assertThat(Cli.run(home, "on-this-day", "--date", "13-45").exitCode()).isEqualTo(2);
        assertThat(Cli.run(home, "on-this-day", "--calendar", "2026-03", "--out", "x.txt").exitCode()).isEqualTo(2);
    }

    @Test
    void feedsParseBackAndQrCodesAreWritten() throws Exception {
        Path rss = home.resolve("feeds/all.xml");
        Cli.Result r = Cli.run(home, "feed", "rss", "--limit", "20", "--out", rss.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        SyndFeed feed = new SyndFeedInput().build(new StringReader(Files.readString(rss)));
        assertThat(feed.getEntries()).hasSize(20);
        assertThat(feed.getEntries()).noneMatch(e -> e.getLink().endsWith("/" + hiddenItem));
        Path png = home.resolve("qr.png");
        assertThat(Cli.run(home, "qr", "https://archives.example.edu/r/" + publicItem, "--out", png.toString())
                .exitCode()).isZero();
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
        Path bad = home.resolve("bad.png");
        assertThat(Cli.run(home, "qr", "javascript:alert(1)", "--out", bad.toString()).exitCode()).isEqualTo(2);
        assertThat(bad).doesNotExist();
    }
}
