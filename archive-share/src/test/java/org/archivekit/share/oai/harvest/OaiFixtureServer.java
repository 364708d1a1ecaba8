package org.archivekit.share.oai.harvest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

/**
 * A real HTTP server on loopback answering OAI-PMH requests from a script: stored conformance responses, hand-written
 * pages, and faults (status codes, Retry-After, delays, oversized and hostile bodies). Records every request's query.
 */
final class OaiFixtureServer implements AutoCloseable {

    /** One scripted answer. */
    record Reply(int status, Map<String, String> headers, byte[] body, long delayMillis, boolean chunked) {
        static Reply ok(String xml) {
            return new Reply(200, Map.of("Content-Type", "text/xml; charset=UTF-8"),
                    xml.getBytes(StandardCharsets.UTF_8), 0, false);
        }

        static Reply file(Path p) {
            try {
                return new Reply(200, Map.of("Content-Type", "text/xml"), Files.readAllBytes(p), 0, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Reply status(int status, Map<String, String> headers) {
            return new Reply(status, headers, ("<html><body>" + status + "</body></html>")
                    .getBytes(StandardCharsets.UTF_8), 0, false);
        }

        Reply delayed(long millis) {
            return new Reply(status, headers, body, millis, chunked);
        }

        /** The body gzip-compressed, with {@code Content-Encoding: gzip}. */
        Reply gzipped() {
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(buf)) {
                z.write(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put("Content-Encoding", "gzip");
            return new Reply(status, h, buf.toByteArray(), delayMillis, chunked);
        }

        Reply streamed() {
            return new Reply(status, headers, body, delayMillis, true);
        }
    }

    private final HttpServer server;
    private final List<Map<String, String>> requests = Collections.synchronizedList(new ArrayList<>());
    /** Answers given once each, before the router, in order. */
    private final ConcurrentLinkedDeque<Reply> queued = new ConcurrentLinkedDeque<>();
    private volatile Function<Map<String, String>, Reply> router;

    OaiFixtureServer(Function<Map<String, String>, Reply> router) throws IOException {
        this.router = router;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oai", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oai");
    }

    /** Answers the next request with {@code r} whatever it asks, then goes back to the router. */
    OaiFixtureServer thenOnce(Reply r) {
        queued.addLast(r);
        return this;
    }

    void route(Function<Map<String, String>, Reply> r) {
        this.router = r;
    }

    /** The query parameters of every request so far, in order. */
    List<Map<String, String>> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The verbs (or {@code verb:token}) asked so far. */
    List<String> verbs() {
        return requests().stream().map(q -> q.get("verb") + (q.containsKey("resumptionToken")
                ? ":" + q.get("resumptionToken") : "")).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            requests.add(q);
            Reply r = queued.pollFirst();
            if (r == null) r = router.apply(q);
            if (r.delayMillis() > 0) {
                try {
                    Thread.sleep(r.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(r.status(), r.chunked() ? 0 : r.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            } catch (IOException e) {
                // the harvester hung up (a refused oversized body, a timeout): fine for the fixture
            }
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null) return m;
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
