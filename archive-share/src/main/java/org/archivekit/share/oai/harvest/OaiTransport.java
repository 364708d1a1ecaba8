package org.archivekit.share.oai.harvest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * How the harvester sends one GET request; the default is {@link #of(HttpClient, Duration)}. A host may supply its
 * own (a proxy, a client with its TLS settings, a recorded fixture). Implementations must be thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface OaiTransport {

    /**
     * Sends a GET for {@code uri}.
     *
     * @return the status, headers and body; the caller closes it
     * @throws IOException when no response came (refused, reset, timed out); the harvester retries it
     */
    Response get(URI uri) throws IOException;

    /**
     * One HTTP response.
     *
     * @param status the HTTP status code
     * @param headers the response headers ({@code Retry-After} and {@code Content-Length} are read)
     * @param body the (already decompressed) body, read at most up to the harvester's bound
     */
    record Response(int status, HttpHeaders headers, InputStream body) implements Closeable {
        public Response {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /**
     * The JDK client sending each request with {@code timeout} to the response headers, asking for gzip and
     * deflate, and following no redirect the client does not follow itself.
     */
    static OaiTransport of(HttpClient client, Duration timeout) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(timeout, "timeout");
        return uri -> {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                    .header("Accept", "text/xml, application/xml")
                    .header("Accept-Encoding", "gzip, deflate")
                    .header("User-Agent", "ArchiveKit-OAI-Harvester/0.1").build();
            HttpResponse<InputStream> r;
            try {
                r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for " + uri);
            }
            InputStream body = r.body();
            String encoding = r.headers().firstValue("Content-Encoding").orElse("").trim()
                    .toLowerCase(Locale.ROOT);
            if (encoding.equals("gzip") || encoding.equals("x-gzip")) body = new GZIPInputStream(body);
            else if (encoding.equals("deflate")) body = new InflaterInputStream(body);
            return new Response(r.statusCode(), r.headers(), body);
        };
    }
}
