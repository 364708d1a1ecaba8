package org.archivekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.validation.Schema;
import org.archivekit.core.Archive;
import org.archivekit.core.testing.Conformance;
import org.archivekit.share.internal.xml.LocalSchemas;
import org.archivekit.share.oai.OaiLedger;
import org.archivekit.share.oai.OaiProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** oai and oai serve over a small demo archive. */
final class OaiCommandsTest {
    private static final Pattern TOKEN = Pattern.compile("<resumptionToken[^>]*>([^<]+)</resumptionToken>");

    @TempDir
    static Path home;

    private static Schema schema;
    private static String publicItem;
    private static String hiddenItem;

    @BeforeAll
    static void fill() throws Exception {
        schema = new LocalSchemas(Conformance.require("schemas")).compileAll("oai-pmh/OAI-PMH.xsd",
                "oai-pmh/oai_dc.xsd", "ead3/ead3.xsd");
        Cli.DemoItems items = Cli.demo(home);
        publicItem = items.publicItem();
        hiddenItem = items.hiddenItem();
    }

    private static String valid(String xml) throws Exception {
        assertThat(LocalSchemas.validate(schema, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))))
                .as(xml).isEmpty();
        return xml;
    }

    private static String oai(String request, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("oai", request));
        args.addAll(List.of(more));
        Cli.Result r = Cli.run(home, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return valid(r.out());
    }

    private static String id(String record) {
        return "oai:localhost:" + record;
    }

    @Test
    void oaiPrintsOneValidResponseAndTokensWorkAcrossRuns() throws Exception {
        assertThat(oai("verb=Identify")).contains("<deletedRecord>persistent</deletedRecord>");
        String first = oai("verb=ListIdentifiers&metadataPrefix=oai_dc");
        Matcher m = TOKEN.matcher(first);
        assertThat(m.find()).isTrue();
        String second = oai("verb=ListIdentifiers&resumptionToken=" + m.group(1));
        assertThat(second).doesNotContain("<error").contains("<header>");
        assertThat(oai("verb=ListRecords&metadataPrefix=ead3")).contains("<ead xmlns=");
    }

    @Test
    void theRoleDecidesWhatIsHarvestedAndHiddenIdsAreUnknown() throws Exception {
        String asPublic = oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + id(hiddenItem));
        assertThat(asPublic).contains("code=\"idDoesNotExist\"").doesNotContain("<metadata>");
        String asAdmin = oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + id(hiddenItem), "--as", "admin");
        assertThat(asAdmin).contains("<metadata>").doesNotContain("<error");
        assertThat(oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + id(publicItem))).contains("<metadata>");
        assertThat(oai("verb=Frobnicate")).contains("code=\"badVerb\"");
    }

    @Test
    void serveAnswersGetAndFormPostAlikeAndRefusesOtherMethods() throws Exception {
        CliContext ctx = new CliContext(home, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                false);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Archive archive = ctx.openExisting(); OaiLedger ledger = OaiLedger.open(home.resolve("serve-ledger.db"))) {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/oai";
            OaiProvider provider = OaiCommand.provider(ctx, archive, ledger, new ReadOptions(), base);
            OaiServeCommand.start(server, provider, pool);
            HttpClient http = HttpClient.newHttpClient();
            String query = "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:" + publicItem;
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base + "?" + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base))
                    .PUT(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.headers().firstValue("Content-Type")).hasValue("text/xml; charset=UTF-8");
            assertThat(valid(get.body())).contains("<metadata>").contains(base + "</request>");
            assertThat(post.statusCode()).isEqualTo(200);
            assertThat(valid(post.body()).replaceAll("<responseDate>[^<]+", ""))
                    .isEqualTo(get.body().replaceAll("<responseDate>[^<]+", ""));
            assertThat(put.statusCode()).isEqualTo(405);
        } finally {
            server.stop(0);
            pool.shutdown();
        }
    }
}
