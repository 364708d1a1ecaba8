package org.archivekit.share.oai.harvest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.archivekit.core.Archive;
import org.archivekit.core.ConflictException;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.Title;
import org.archivekit.share.oai.harvest.OaiResponseReader.Item;
import org.jspecify.annotations.Nullable;

/**
 * Harvests a partner's OAI-PMH 2.0 provider into the store: the partner becomes an institution of its own, its
 * records become items under one fonds standing for the partner, and one search then spans the whole alliance.
 *
 * <pre>{@code
 * OaiHarvester harvester = OaiHarvester.builder().archive(archive).actor(Principal.admin("harvester")).build();
 * HarvestReport r = harvester.harvest(HarvestRequest.of(URI.create("https://museum.example/oai"),
 *         InstitutionCode.of("MUSEUM")));
 * }</pre>
 *
 * <p>Each harvest sends Identify (for the granularity and name), then ListRecords with {@code from} set to the
 * partner's response date of the last complete harvest of the same set and format, following resumption tokens to
 * the end. A record keeps a stable id derived from its OAI identifier, so a re-harvest updates it (only when its
 * content changed) rather than duplicating it; a deleted header withdraws it. Responses are parsed as they stream
 * with the hardened StAX parser and refused past {@code maxResponseBytes}. Timeouts, connection failures, HTTP 5xx
 * and 503 are retried with exponential back-off ({@code Retry-After} honoured up to the back-off cap).
 *
 * <p>Each page is applied before the next is requested: when a harvest fails, what was stored stays stored and
 * the remembered state does not move, so the next harvest asks again from the same date and completes the list.
 * Immutable and thread-safe, but harvest one partner from one thread at a time.
 *
 * @since 0.1
 */
public final class OaiHarvester {
    /** Container custom field: the base URL the institution is harvested from. */
    public static final String BASE_URL_FIELD = "oai.baseURL";
    /** Container custom field prefix: the response date of the last complete harvest, per format and set. */
    public static final String LAST_HARVEST_FIELD = "oai.last.";

    private static final Pattern PLAIN_PREFIX = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

    private final Archive archive;
    private final Principal actor;
    private final OaiTransport transport;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final long maxResponseBytes;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<HarvestReport> onPage;

    private OaiHarvester(Builder b) {
        this.archive = Objects.requireNonNull(b.archive, "archive: call Builder.archive(...) first");
        this.actor = Objects.requireNonNull(b.actor, "actor: call Builder.actor(...) first");
        this.transport = b.transport != null ? b.transport : OaiTransport.of(b.client != null ? b.client
                : HttpClient.newBuilder().connectTimeout(b.timeout).followRedirects(HttpClient.Redirect.NORMAL)
                        .build(), b.timeout);
        this.maxAttempts = b.retries + 1;
        this.backoffBase = b.backoffBase;
        this.backoffMax = b.backoffMax;
        this.maxResponseBytes = b.maxResponseBytes;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.onPage = b.onPage;
    }

    /** Starts a harvester; an archive and an actor are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Harvests {@code request}'s partner to the end of its list (or until a failure).
     *
     * @return what was done
     * @throws HarvestException (a subtype) when the partner's list could not be read to its end; its
     *     {@link HarvestException#progress()} tells what was stored
     * @throws ConflictException when the institution is already fed from another base URL, or holds a record with
     *     the container's id that is not a harvest container
     * @throws org.archivekit.core.AccessRestrictedException when the actor may not create the institution (it must
     *     be an administrator of it) or write its records
     */
    public HarvestReport harvest(HarvestRequest request) {
        Objects.requireNonNull(request, "request");
        return new Run(request).execute();
    }

    /**
     * Fetches the one record {@code identifier} with GetRecord and stores it as a harvest would (created, updated,
     * withdrawn or skipped); the incremental state is left alone.
     *
     * @throws OaiErrorException with {@code idDoesNotExist} when the partner does not know it
     * @throws HarvestException (another subtype) when the partner cannot be read
     */
    public HarvestReport harvestRecord(HarvestRequest request, String identifier) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(identifier, "identifier");
        return new Run(request).executeOne(identifier);
    }

    /** The record id a partner record with {@code oaiIdentifier} gets in {@code institution}. */
    public static DescriptionId recordId(InstitutionCode institution, String oaiIdentifier) {
        return DcMapping.recordId(institution, oaiIdentifier);
    }

    /** The id of the fonds that holds a partner's records in {@code institution}: the institution code. */
    public static DescriptionId containerId(InstitutionCode institution) {
        return DcMapping.containerId(institution);
    }

    /** The container custom field remembering the last complete harvest of {@code prefix} and {@code set}. */
    static String stateKey(String prefix, @Nullable String set) {
        String p = PLAIN_PREFIX.matcher(prefix).matches() ? prefix : "p" + DcMapping.sha256(prefix).substring(0, 12);
        return LAST_HARVEST_FIELD + p + (set == null ? "" : ".set-" + DcMapping.sha256(set).substring(0, 12));
    }

    /** One harvest: its request, counters and progress. */
    private final class Run {
        private final HarvestRequest request;
        private final InstitutionCode code;
        private final DescriptionId container;
        private @Nullable String from;
        private @Nullable Instant responseDate;
        private int pages;
        private long created;
        private long updated;
        private long unchanged;
        private long withdrawn;
        private long skippedCount;
        private final List<HarvestReport.Skipped> skipped = new ArrayList<>();
        private int retries;

        Run(HarvestRequest request) {
            this.request = request;
            this.code = request.institution();
            this.container = DcMapping.containerId(code);
        }

        HarvestReport executeOne(String identifier) {
            try {
                identify();
                Map<String, String> params = new LinkedHashMap<>();
                params.put("verb", "GetRecord");
                params.put("identifier", identifier);
                params.put("metadataPrefix", request.metadataPrefix());
                OaiResponseReader.Response page = fetch(params);
                failOnErrors("GetRecord " + identifier, page);
                apply(page.records());
                pages++;
                return report(true);
            } catch (HarvestException e) {
                throw e.progress() == null ? e.withProgress(report(false)) : e;
            }
        }

        /** Sends Identify, keeps its response date, and makes sure the institution and its fonds exist. */
        private Map.Entry<OaiResponseReader.Identify, Description> identify() {
            OaiResponseReader.Response identifyResponse = fetch(Map.of("verb", "Identify"));
            failOnErrors("Identify", identifyResponse);
            OaiResponseReader.Identify identify = identifyResponse.identify();
            if (identify == null) {
                throw new MalformedResponseException("the Identify response of " + request.baseUrl()
                        + " has no <Identify> element", null, null);
            }
            responseDate = identifyResponse.responseDate() != null ? identifyResponse.responseDate()
                    : clock.instant().truncatedTo(ChronoUnit.SECONDS);
            return Map.entry(identify, ensureContainer(identify));
        }

        HarvestReport execute() {
            try {
                Map.Entry<OaiResponseReader.Identify, Description> started = identify();
                OaiResponseReader.Identify identify = started.getKey();
                Description box = started.getValue();
                String stateKey = stateKey(request.metadataPrefix(), request.set());
                String remembered = request.full() ? null : box.customFields().get(stateKey);
                from = request.from() != null ? request.from() : remembered;
                boolean days = identify.daysOnly();
                Map<String, String> params = new LinkedHashMap<>();
                params.put("verb", "ListRecords");
                params.put("metadataPrefix", request.metadataPrefix());
                if (from != null) params.put("from", granular(from, days));
                if (request.until() != null) params.put("until", granular(request.until(), days));
                if (request.set() != null) params.put("set", request.set());
                Set<String> tokens = new HashSet<>();
                while (true) {
                    OaiResponseReader.Response page = fetch(params);
                    if (page.errors().stream().allMatch(e -> e.code().equals("noRecordsMatch"))
                            && !page.errors().isEmpty()) {
                        break; // an empty list is a successful harvest of nothing
                    }
                    failOnErrors("ListRecords", page);
                    apply(page.records());
                    pages++;
                    onPage.accept(report(false));
                    OaiResponseReader.Token token = page.token();
                    if (token == null || token.value().isEmpty()) break;
                    if (!tokens.add(token.value())) {
                        throw new MalformedResponseException("the partner sent resumption token '" + token.value()
                                + "' twice; stopping rather than looping", null, null);
                    }
                    params = new LinkedHashMap<>();
                    params.put("verb", "ListRecords");
                    params.put("resumptionToken", token.value());
                }
                remember(stateKey);
                return report(true);
            } catch (HarvestException e) {
                throw e.progress() == null ? e.withProgress(report(false)) : e;
            }
        }

        private void failOnErrors(String verb, OaiResponseReader.Response r) {
            if (!r.errors().isEmpty()) throw new OaiErrorException(verb + " at " + request.baseUrl(), r.errors(), null);
        }

        /** The partner's fonds in its institution, created with the institution when missing. */
        private Description ensureContainer(OaiResponseReader.Identify identify) {
            String name = identify.repositoryName().isBlank() ? request.baseUrl().getHost()
                    : identify.repositoryName();
            if (archive.institutions().stream().noneMatch(i -> i.code().equals(code))) {
                archive.putInstitution(actor, new Institution(code, name, name,
                        new Institution.Contact(null, null, null, request.baseUrl().toString())));
            }
            String base = request.baseUrl().toString();
            Optional<Description> found = archive.store().find(container);
            if (found.isPresent()) {
                Description c = found.get();
                String bound = c.customFields().get(BASE_URL_FIELD);
                if (!c.institution().equals(code) || bound == null) {
                    throw new ConflictException("record '" + container + "' exists and is not the harvest fonds of "
                            + code + "; harvest into another institution code");
                }
                if (!bound.equals(base)) {
                    throw new ConflictException("institution " + code + " is harvested from " + bound + ", not "
                            + base + "; use another institution code for another partner");
                }
                return c;
            }
            Description c = Description.builder().id(container).institution(code).level(Level.FONDS)
                    .title(new Title(name, "und")).access(Access.PUBLIC).status(LifecycleStatus.PUBLISHED)
                    .customFields(Map.of(BASE_URL_FIELD, base, "oai.repositoryName", name,
                            "oai.granularity", identify.granularity(), "oai.deletedRecord", identify.deletedRecord()))
                    .build();
            return archive.create(actor, c);
        }

        private void apply(List<Item> items) {
            Instant now = clock.instant();
            for (Item item : items) {
                if (item.identifier().isEmpty()) {
                    skip("(none)", "a record header without an identifier");
                    continue;
                }
                DescriptionId id = DcMapping.recordId(code, item.identifier());
                // an existence check, not a read for a user: the store, so that new ids leave no audit "deny"
                Description existing = archive.store().find(id).orElse(null);
                if (existing != null && (!existing.institution().equals(code)
                        || !item.identifier().equals(existing.customFields().get(DcMapping.OAI_IDENTIFIER)))) {
                    skip(item.identifier(), "its id '" + id + "' is held by a record not harvested from this partner");
                    continue;
                }
                if (item.deleted()) {
                    if (existing == null) {
                        skip(item.identifier(), "deleted at the partner and never harvested here");
                    } else if (existing.status() == LifecycleStatus.WITHDRAWN
                            && "deleted".equals(existing.customFields().get(DcMapping.OAI_STATUS))) {
                        unchanged++;
                    } else {
                        write(item, DcMapping.withdraw(existing, item.datestamp()), existing);
                        withdrawn++;
                    }
                    continue;
                }
                if (item.metadataNamespace() == null) {
                    skip(item.identifier(), "the record has no metadata");
                    continue;
                }
                if (!OaiResponseReader.OAI_DC_NS.equals(item.metadataNamespace())) {
                    skip(item.identifier(), "metadata in " + item.metadataNamespace()
                            + " is not mapped; harvest with --prefix oai_dc");
                    continue;
                }
                String[] why = new String[1];
                Description mapped = DcMapping.map(item, code, container, existing, now, why);
                if (mapped == null) {
                    skip(item.identifier(), why[0]);
                    continue;
                }
                if (existing != null) {
                    boolean wasDeleted = "deleted".equals(existing.customFields().get(DcMapping.OAI_STATUS));
                    // local decisions survive a re-harvest: the access and status staff set are kept, except that
                    // a record the partner had deleted comes back published when the partner sends it again
                    mapped = mapped.toBuilder().access(existing.access())
                            .status(wasDeleted ? LifecycleStatus.PUBLISHED : existing.status()).build();
                    if (mapped.equals(existing)) {
                        unchanged++;
                        continue;
                    }
                }
                if (write(item, mapped, existing)) {
                    if (existing == null) created++;
                    else updated++;
                }
            }
        }

        /** Stores {@code d}; a record the model refuses is skipped with the reason. */
        private boolean write(Item item, Description d, @Nullable Description existing) {
            try {
                if (existing == null) archive.create(actor, d);
                else archive.update(actor, d);
                return true;
            } catch (InvalidRequestException e) {
                skip(item.identifier(), "refused by the model: " + e.getMessage());
                return false;
            } catch (IllegalArgumentException e) {
                skip(item.identifier(), "refused by the model: " + e.getMessage());
                return false;
            }
        }

        private void skip(String identifier, String reason) {
            skippedCount++;
            if (skipped.size() < HarvestReport.MAX_SKIPPED_LISTED) {
                skipped.add(new HarvestReport.Skipped(identifier, reason));
            }
        }

        /** Moves the incremental state on to the response date (or to until, when that is earlier). */
        private void remember(String stateKey) {
            Instant next = Objects.requireNonNull(responseDate);
            if (request.until() != null) {
                Instant until = OaiResponseReader.instant(request.until());
                if (until != null && until.isBefore(next)) next = until;
            }
            Description box = archive.store().find(container).orElseThrow();
            Map<String, String> custom = new TreeMap<>(box.customFields());
            custom.put(stateKey, next.truncatedTo(ChronoUnit.SECONDS).toString());
            archive.update(actor, box.toBuilder().customFields(custom).build());
        }

        private HarvestReport report(boolean complete) {
            return new HarvestReport(request.baseUrl(), code, from, responseDate, pages, created, updated,
                    unchanged, withdrawn, skippedCount, skipped, retries, complete);
        }

        /** One request with retries; the parsed response. */
        private OaiResponseReader.Response fetch(Map<String, String> params) {
            URI uri = uri(request.baseUrl(), params);
            int attempt = 0;
            while (true) {
                attempt++;
                Duration wait;
                String problem;
                int status = -1;
                Throwable cause = null;
                try (OaiTransport.Response r = transport.get(uri)) {
                    status = r.status();
                    if (status == 200) {
                        long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
                        if (length > maxResponseBytes) {
                            throw new ResponseTooLargeException(uri.toString(), maxResponseBytes, report(false));
                        }
                        try {
                            return OaiResponseReader.read(new BoundedInputStream(r.body(), maxResponseBytes),
                                    uri.toString());
                        } catch (TooLarge e) {
                            throw new ResponseTooLargeException(uri.toString(), maxResponseBytes, report(false));
                        }
                    }
                    if (status != 503 && status != 429 && status < 500) {
                        throw new PartnerUnavailableException("the partner answered HTTP " + status + " to " + uri
                                + "; retrying cannot fix that: check the base URL", status, attempt, report(false),
                                null);
                    }
                    problem = "HTTP " + status;
                    Duration asked = retryAfter(r.headers());
                    wait = asked != null ? min(asked, backoffMax) : backoff(attempt);
                } catch (InterruptedIOException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new PartnerUnavailableException("interrupted while harvesting " + uri, -1, attempt,
                                report(false), e);
                    }
                    problem = describe(e);
                    cause = e;
                    wait = backoff(attempt);
                } catch (IOException e) {
                    problem = describe(e);
                    cause = e;
                    wait = backoff(attempt);
                }
                if (attempt >= maxAttempts) {
                    throw new PartnerUnavailableException("gave up on " + uri + " after " + attempt
                            + (attempt == 1 ? " attempt: " : " attempts: ") + problem, status, attempt,
                            report(false), cause);
                }
                retries++;
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PartnerUnavailableException("interrupted while waiting to retry " + uri, status,
                            attempt, report(false), e);
                }
            }
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    private Duration backoff(int attempt) {
        Duration d = backoffBase.multipliedBy(1L << Math.min(attempt - 1, 30));
        return min(d, backoffMax);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** {@code Retry-After} as seconds or an HTTP date; {@code null} when absent or unreadable. */
    private @Nullable Duration retryAfter(HttpHeaders headers) {
        Optional<String> v = headers.firstValue("Retry-After");
        if (v.isEmpty()) return null;
        String s = v.get().strip();
        try {
            long seconds = Long.parseLong(s);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** {@code value} cut to a day when the partner only knows days. */
    private static String granular(String value, boolean days) {
        return days && value.length() > 10 ? value.substring(0, 10) : value;
    }

    static URI uri(URI base, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(base.toString());
        sb.append(base.getRawQuery() == null ? '?' : '&');
        boolean first = true;
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!first) sb.append('&');
            first = false;
            sb.append(p.getKey()).append('=').append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return URI.create(sb.toString());
    }

    /** How the harvester waits between attempts; tests record the waits instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** The body was longer than the bound. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("response larger than " + limit + " bytes");
        }
    }

    /** Counts bytes read and fails past the bound, before the parser sees them. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private final long limit;
        private long count;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && ++count > limit) throw new TooLarge(limit);
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                count += n;
                if (count > limit) throw new TooLarge(limit);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Builds an {@link OaiHarvester}; not thread-safe. */
    public static final class Builder {
        private @Nullable Archive archive;
        private @Nullable Principal actor;
        private @Nullable OaiTransport transport;
        private @Nullable HttpClient client;
        private int retries = 4;
        private Duration backoffBase = Duration.ofSeconds(1);
        private Duration backoffMax = Duration.ofSeconds(60);
        private long maxResponseBytes = 64L * 1024 * 1024;
        private Duration timeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis());
        private Consumer<HarvestReport> onPage = r -> { };

        private Builder() {}

        /** The archive to store into (required). */
        public Builder archive(Archive archive) {
            this.archive = Objects.requireNonNull(archive, "archive");
            return this;
        }

        /**
         * Who writes (required): staff of the partner institution, or an administrator when the institution must
         * be created.
         */
        public Builder actor(Principal actor) {
            this.actor = Objects.requireNonNull(actor, "actor");
            return this;
        }

        /** The JDK client to send requests with; default a client with the timeout that follows redirects. */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            this.transport = null;
            return this;
        }

        /** A transport of the host's own, instead of the JDK client. */
        public Builder transport(OaiTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.client = null;
            return this;
        }

        /** How many times a failed request is repeated (0-20); default 4. */
        public Builder retries(int retries) {
            if (retries < 0 || retries > 20) throw new IllegalArgumentException("retries must be 0-20, got " + retries);
            this.retries = retries;
            return this;
        }

        /**
         * The wait before the first retry, doubled for each next one up to {@code max}; {@code max} also caps a
         * partner's {@code Retry-After}. Default 1 s and 60 s.
         */
        public Builder backoff(Duration base, Duration max) {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(max, "max");
            if (base.isNegative() || max.compareTo(base) < 0) {
                throw new IllegalArgumentException("back-off needs 0 <= base <= max, got " + base + " and " + max);
            }
            this.backoffBase = base;
            this.backoffMax = max;
            return this;
        }

        /** The largest response read, in bytes (after decompression); default 64 MiB. */
        public Builder maxResponseBytes(long bytes) {
            if (bytes < 1024) throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
            this.maxResponseBytes = bytes;
            return this;
        }

        /** The connect and response timeout of the default transport; default 60 s. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0");
            this.timeout = timeout;
            return this;
        }

        /** The clock for opening dates and for a partner that sends no response date; default UTC system. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Called after each page is stored, with the progress so far (for progress output). */
        public Builder onPage(Consumer<HarvestReport> listener) {
            this.onPage = Objects.requireNonNull(listener, "listener");
            return this;
        }

        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The harvester.
         *
         * @throws IllegalStateException when the archive or the actor is missing
         */
        public OaiHarvester build() {
            if (archive == null || actor == null) {
                throw new IllegalStateException("an OaiHarvester needs archive(...) and actor(...)");
            }
            return new OaiHarvester(this);
        }
    }
}
