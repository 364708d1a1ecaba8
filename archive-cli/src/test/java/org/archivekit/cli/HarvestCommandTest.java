package org.archivekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HarvestCommandTest {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><responseDate>2024-05-01T08:00:00Z"
            + "</responseDate><request>http://museum.example/oai</request>";
    private static final String IDENTIFY = HEAD + "<Identify><repositoryName>City Museum</repositoryName>"
            + "<baseURL>http://museum.example/oai</baseURL><protocolVersion>2.0</protocolVersion>"
            + "<adminEmail>oai@museum.example</adminEmail><earliestDatestamp>2000-01-01T00:00:00Z</earliestDatestamp>"
            + "<deletedRecord>persistent</deletedRecord><granularity>YYYY-MM-DDThh:mm:ssZ</granularity>"
            + "</Identify></OAI-PMH>";

    @TempDir
    Path home;

    @TempDir
    Path work;

    private HttpServer server;
    private final List<String> queries = Collections.synchronizedList(new ArrayList<>());
    private volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oai", ex -> {
            String q = ex.getRequestURI().getQuery();
            queries.add(q);
            String body = q.startsWith("verb=Identify") ? IDENTIFY : HEAD + "<ListRecords>"
                    + record("oai:museum:1", "青铜器图录", "zh") + record("oai:museum:2", "Bronze vessels", "en")
                    + "<resumptionToken/></ListRecords></OAI-PMH>";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String record(String id, String title, String lang) {
        return "<record><header><identifier>" + id + "</identifier><datestamp>2024-04-01T00:00:00Z</datestamp>"
                + "</header><metadata><oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title xml:lang=\"" + lang + "\">" + title
                + "</dc:title><dc:subject>bronze</dc:subject></oai_dc:dc></metadata></record>";
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oai";
    }

    @Test
    void harvestsIntoItsOwnInstitutionSearchablyAndIncrementally() throws IOException {
        // the archive's own finding aid first, then the museum's catalogue: one search finds both
        Path ead = java.nio.file.Files.writeString(work.resolve("f1.xml"),
                "<ead xmlns=\"http://ead3.archivists.org/schema/\"><control><recordid>F1</recordid></control>"
                + "<archdesc level=\"fonds\"><did><unittitle>青铜器发掘档案</unittitle></did></archdesc></ead>");
        assertThat(Cli.run(home, "import", "ead", ead.toString(), "--institution", "UNIV").exitCode()).isZero();

        Cli.Result r = Cli.run(home, "harvest", url(), "--as-institution", "MUSEUM");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).as(r.err()).isEqualTo(url() + " -> MUSEUM (everything): 1 page: 2 created, 0 updated, 0 unchanged,"
                + " 0 withdrawn, 0 skipped" + System.lineSeparator());

        Cli.Result found = Cli.run(home, "search", "青铜器");
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out()).startsWith("2 records").contains("MUSEUM:oai:museum:1").contains("【青铜器】图录")
                .contains("City Museum").contains("F1 ").contains("【青铜器】发掘档案");
        Cli.Result shown = Cli.run(home, "show", "MUSEUM:oai:museum:2");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("Bronze vessels").contains("oai:museum:2");

        Cli.Result again = Cli.run(home, "harvest", url(), "--as-institution", "MUSEUM");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("(from 2024-05-01T08:00:00Z): 1 page: 0 created, 0 updated, 2 unchanged");
        assertThat(queries.get(3)).isEqualTo("verb=ListRecords&metadataPrefix=oai_dc&from=2024-05-01T08:00:00Z");
    }

    @Test
    void badInputExitsTwoAndAnUnavailablePartnerExitsOne() {
        Cli.Result badDate = Cli.run(home, "harvest", url(), "--as-institution", "MUSEUM", "--from", "May 2024");
        assertThat(badDate.exitCode()).isEqualTo(2);
        assertThat(badDate.err()).contains("must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ");
        Cli.Result badCode = Cli.run(home, "harvest", url(), "--as-institution", "no spaces");
        assertThat(badCode.exitCode()).isEqualTo(2);
        Cli.Result noCode = Cli.run(home, "harvest", url());
        assertThat(noCode.exitCode()).isEqualTo(2);
        assertThat(noCode.err()).contains("--as-institution");

        status = 500;
        Cli.Result down = Cli.run(home, "harvest", url(), "--as-institution", "MUSEUM", "--retries", "0");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).contains("archivekit: gave up on " + url() + "?verb=Identify after 1 attempt: HTTP 500");
    }
}
