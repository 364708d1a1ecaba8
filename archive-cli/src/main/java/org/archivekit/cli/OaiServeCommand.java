package org.archivekit.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.archivekit.core.Archive;
import org.archivekit.share.oai.OaiLedger;
import org.archivekit.share.oai.OaiProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit oai serve --port P}: the OAI-PMH provider over HTTP (GET and form POST) until stopped. */
@Command(name = "serve", description = "Serve OAI-PMH at http://localhost:PORT/oai (GET and form-encoded POST)"
        + " until stopped.")
final class OaiServeCommand implements Callable<Integer> {
    /** The largest POST body accepted; OAI-PMH requests are a few hundred bytes. */
    static final int MAX_BODY = 64 * 1024;

    @ParentCommand
    private OaiCommand oai;

    @Option(names = "--port", required = true, paramLabel = "P", description = "The port (0: any free port).")
    private int port;

    @Mixin
    private ReadOptions read = new ReadOptions();

    @Override
    public Integer call() throws Exception {
        CliContext ctx = oai.main.context();
        try (Archive archive = ctx.openExisting(); OaiLedger ledger = OaiLedger.open(ctx.home().resolve(
                OaiCommand.LEDGER))) {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            String baseUrl = new SharingSettings(ctx.home()).property("oai.baseUrl",
                    "http://localhost:" + server.getAddress().getPort() + "/oai");
            OaiProvider provider = OaiCommand.provider(ctx, archive, ledger, read, baseUrl);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            start(server, provider, pool);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop(1);
                pool.shutdown();
                stopped.countDown();
            }));
            ctx.err().println("serving OAI-PMH at " + baseUrl + " as " + provider.harvester().id()
                    + "; stop with Ctrl-C");
            ctx.err().flush();
            stopped.await();
        }
        return ExitCodes.OK;
    }

    /** Serves {@code provider} at {@code /oai} on {@code server} with {@code pool}, and starts it. */
    static void start(HttpServer server, OaiProvider provider, ExecutorService pool) {
        server.createContext("/oai", exchange -> {
            try (exchange) {
                answer(exchange, provider);
            }
        });
        server.setExecutor(pool);
        server.start();
    }

    private static void answer(HttpExchange exchange, OaiProvider provider) throws IOException {
        String query;
        switch (exchange.getRequestMethod()) {
            case "GET" -> query = exchange.getRequestURI().getRawQuery();
            case "POST" -> {
                String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
                if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                    plain(exchange, 415, "OAI-PMH POST requests are application/x-www-form-urlencoded\n");
                    return;
                }
                try (InputStream in = exchange.getRequestBody()) {
                    byte[] body = in.readNBytes(MAX_BODY + 1);
                    if (body.length > MAX_BODY) {
                        plain(exchange, 413, "request body too large\n");
                        return;
                    }
                    query = new String(body, StandardCharsets.UTF_8);
                }
            }
            default -> {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                plain(exchange, 405, "use GET or POST\n");
                return;
            }
        }
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
        exchange.sendResponseHeaders(200, 0); // chunked: the response streams
        try (OutputStream out = exchange.getResponseBody()) {
            provider.handle(OaiProvider.parseQuery(query), out);
        }
    }

    private static void plain(HttpExchange exchange, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(status, b.length);
        exchange.getResponseBody().write(b);
    }
}
