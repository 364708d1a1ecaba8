package org.archivekit.share.oai;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.archivekit.core.Archive;
import org.archivekit.core.ExportException;
import org.archivekit.core.access.Lineage;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.share.dc.DublinCoreWriter;
import org.archivekit.share.ead.EadExporter;
import org.archivekit.share.internal.xml.LocalSchemas;
import org.jspecify.annotations.Nullable;

/**
 * An embeddable OAI-PMH 2.0 data provider: request parameters in, one streamed XML response out, no web framework
 * needed. All six verbs; {@code oai_dc} and {@code ead3} (one record or component per item); sets for
 * institutions, fonds and series ({@code INST}, {@code INST:FONDS}, {@code INST:FONDS:SERIES}); from/until at day
 * or second granularity; signed keyset resumption tokens; {@code deletedRecord=persistent}.
 *
 * <p>The harvester sees exactly what its principal may see (the anonymous public by default). A record withdrawn
 * or no longer visible appears as a deleted header, never with metadata; an id never exposed to the harvester
 * answers {@code idDoesNotExist}, exactly as an unknown id. What was exposed is remembered in an {@link OaiLedger}.
 *
 * <p>Thread-safe; build one per harvesting audience and share it. See {@code docs/oai-pmh.md}.
 *
 * @since 0.2
 */
public final class OaiProvider {
    /** The OAI-PMH namespace. */
    public static final String OAI_NS = "http://www.openarchives.org/OAI/2.0/";
    private static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();
    private static final Pattern PREFIX_FORM = Pattern.compile("[A-Za-z0-9\\-_.!~*'()]+");
    private static final Map<String, Set<String>> ARGUMENTS = Map.of(
            "Identify", Set.of(),
            "ListMetadataFormats", Set.of("identifier"),
            "ListSets", Set.of("resumptionToken"),
            "GetRecord", Set.of("identifier", "metadataPrefix"),
            "ListIdentifiers", Set.of("metadataPrefix", "from", "until", "set", "resumptionToken"),
            "ListRecords", Set.of("metadataPrefix", "from", "until", "set", "resumptionToken"));

    /** The metadata formats: prefix, schema, namespace. */
    private static final List<String[]> FORMATS = List.of(
            new String[] {"oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", DublinCoreWriter.OAI_DC_NS},
            new String[] {"ead3", "https://www.loc.gov/ead/ead3.xsd", LocalSchemas.EAD3_NS});

    private final Archive archive;
    private final OaiLedger ledger;
    private final String repositoryName;
    private final String baseUrl;
    private final String repositoryIdentifier;
    private final List<String> adminEmails;
    private final Principal harvester;
    private final int pageSize;
    private final ResumptionTokens tokens;
    private final Duration lookback;
    private final boolean sets;
    private final EadExporter ead = EadExporter.builder().build();
    private final Object syncLock = new Object();

    private OaiProvider(Builder b) {
        this.archive = b.archive;
        this.ledger = b.ledger;
        this.repositoryName = b.repositoryName;
        this.baseUrl = b.baseUrl;
        this.repositoryIdentifier = b.repositoryIdentifier;
        this.adminEmails = List.copyOf(b.adminEmails);
        this.harvester = b.harvester;
        this.pageSize = b.pageSize;
        this.tokens = new ResumptionTokens(b.tokenSecret, b.tokenTtl);
        this.lookback = b.lookback;
        this.sets = b.sets;
    }

    /** Starts a provider; {@code archive}, {@code ledger}, {@code baseUrl} and an admin e-mail are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The principal whose view the harvester gets. */
    public Principal harvester() {
        return harvester;
    }

    /** The OAI identifier of a record: {@code oai:REPOSITORY:ID}. */
    public String identifier(DescriptionId id) {
        return "oai:" + repositoryIdentifier + ":" + id.value();
    }

    /**
     * Brings the ledger up to date with the store and the clock (every request does this first); a host may call
     * it ahead of traffic, for instance after a bulk import.
     */
    public void sync() {
        synchronized (syncLock) {
            new OaiSync(archive.store(), archive.policy(), ledger, harvester, lookback).run(archive.policy().now());
        }
    }

    /** The caller's stream, which a response never closes. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /**
     * Answers one OAI-PMH request, given its parameters (from the query string or a form-encoded POST body, each
     * name with every value it had), writing the UTF-8 XML response to {@code out}; does not close {@code out}.
     * Protocol errors are answered in the response; only a failing store or stream throws.
     *
     * @throws ExportException when writing the response fails
     * @throws org.archivekit.core.StorageException when the store or ledger fails
     */
    public void handle(Map<String, List<String>> params, OutputStream out) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(out, "out");
        Instant now = archive.policy().now();
        Response r;
        try {
            Request req = parse(params, now);
            synchronized (syncLock) { // the ledger read right after its sync, with no other sync in between
                sync();
                r = prepare(req, now);
            }
        } catch (OaiError e) {
            r = new ErrorResponse(e, params);
        }
        try {
            // the StAX writer hands every tag and text run to its stream as it comes: buffered here, a page goes out
            // in a few large writes instead of thousands of small ones (each a system call on a socket or file)
            BufferedOutputStream buffered = new BufferedOutputStream(new NonClosing(out), 1 << 16);
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(buffered, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.setDefaultNamespace(OAI_NS);
            w.writeStartElement(OAI_NS, "OAI-PMH");
            w.writeDefaultNamespace(OAI_NS);
            w.writeNamespace("xsi", XSI_NS);
            w.writeAttribute("xsi", XSI_NS, "schemaLocation",
                    OAI_NS + " http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd");
            text(w, "responseDate", OaiTime.seconds(now));
            r.write(w, now);
            w.writeEndElement();
            w.writeEndDocument();
            w.writeCharacters("\n");
            w.flush();
            w.close();
            buffered.flush();
        } catch (XMLStreamException | IOException e) {
            throw new ExportException("OAI-PMH response failed: " + e.getMessage(), e);
        }
    }

    /** Parses a query string or form body ({@code a=1&b=2}, percent- and '+'-encoded) into parameters. */
    public static Map<String, List<String>> parseQuery(@Nullable String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) return out;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                k = URLDecoder.decode(k, StandardCharsets.UTF_8);
                v = URLDecoder.decode(v, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // a malformed escape: keep the raw text, which the argument checks then refuse
            }
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    // ---- requests ------------------------------------------------------------------------------------------

    /** A checked request: the verb, its single-valued arguments, and the resumed cursor when there is one. */
    private record Request(String verb, Map<String, String> args, ResumptionTokens.@Nullable Cursor cursor) {}

    private Request parse(Map<String, List<String>> params, Instant now) throws OaiError {
        List<String> verbs = params.get("verb");
        if (verbs == null || verbs.isEmpty()) throw OaiError.of("badVerb", "The verb argument is missing.");
        if (verbs.size() > 1) throw OaiError.of("badVerb", "The verb argument is repeated.");
        String verb = verbs.get(0);
        Set<String> allowed = ARGUMENTS.get(verb);
        if (allowed == null) throw OaiError.of("badVerb", "'" + clip(verb) + "' is not an OAI-PMH verb.");
        List<OaiError.Condition> bad = new ArrayList<>();
        Map<String, String> args = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (p.getKey().equals("verb")) continue;
            if (!allowed.contains(p.getKey())) {
                bad.add(new OaiError.Condition("badArgument", "'" + clip(p.getKey()) + "' is not an argument of "
                        + verb + "."));
            } else if (p.getValue().size() != 1) {
                bad.add(new OaiError.Condition("badArgument", "The argument " + p.getKey() + " is repeated."));
            } else if (p.getValue().get(0).isEmpty()) {
                bad.add(new OaiError.Condition("badArgument", "The argument " + p.getKey() + " is empty."));
            } else {
                args.put(p.getKey(), p.getValue().get(0));
            }
        }
        if (!bad.isEmpty()) throw new OaiError(bad);
        if (args.containsKey("resumptionToken")) {
            if (args.size() > 1) {
                throw OaiError.of("badArgument", "resumptionToken is an exclusive argument.");
            }
            ResumptionTokens.Cursor c = tokens.verify(OaiSync.audienceKey(harvester), args.get("resumptionToken"),
                    now);
            if (!c.verb().equals(verb)) throw OaiError.of("badResumptionToken", "The resumption token is not valid.");
            return new Request(verb, args, c);
        }
        if (verb.equals("GetRecord") || verb.equals("ListIdentifiers") || verb.equals("ListRecords")) {
            if (!args.containsKey("metadataPrefix")) {
                bad.add(new OaiError.Condition("badArgument", "The argument metadataPrefix is required."));
            }
        }
        if (verb.equals("GetRecord") && !args.containsKey("identifier")) {
            bad.add(new OaiError.Condition("badArgument", "The argument identifier is required."));
        }
        String prefix = args.get("metadataPrefix");
        if (prefix != null && !PREFIX_FORM.matcher(prefix).matches()) {
            bad.add(new OaiError.Condition("badArgument", "The metadataPrefix '" + clip(prefix) + "' is malformed."));
        }
        String from = args.get("from");
        String until = args.get("until");
        for (String name : List.of("from", "until")) {
            String v = args.get(name);
            if (v != null && OaiTime.start(v) == null) {
                bad.add(new OaiError.Condition("badArgument", "The argument " + name + " '" + clip(v)
                        + "' is not a date like 2024-05-01 or 2024-05-01T10:00:00Z."));
            }
        }
        if (bad.isEmpty() && from != null && until != null) {
            if (!Objects.equals(OaiTime.granularity(from), OaiTime.granularity(until))) {
                bad.add(new OaiError.Condition("badArgument", "from and until have different granularities."));
            } else if (OaiTime.start(from).isAfter(OaiTime.start(until))) {
                bad.add(new OaiError.Condition("badArgument", "from is later than until."));
            }
        }
        String set = args.get("set");
        if (set != null && !SetSpecs.FORM.matcher(set).matches()) {
            bad.add(new OaiError.Condition("badArgument", "The set '" + clip(set) + "' is not a set spec."));
        }
        String identifier = args.get("identifier");
        if (identifier != null) {
            try {
                new java.net.URI(identifier);
            } catch (java.net.URISyntaxException e) {
                bad.add(new OaiError.Condition("badArgument", "The identifier is not a URI."));
            }
        }
        if (!bad.isEmpty()) throw new OaiError(bad);
        if (prefix != null && format(prefix) == null) {
            throw OaiError.of("cannotDisseminateFormat", "The metadata format '" + prefix
                    + "' is not supported; use oai_dc or ead3.");
        }
        if (set != null && !sets) throw OaiError.of("noSetHierarchy", "This repository does not support sets.");
        return new Request(verb, args, null);
    }

    private static String @Nullable [] format(String prefix) {
        for (String[] f : FORMATS) if (f[0].equals(prefix)) return f;
        return null;
    }

    private static String clip(String s) {
        String t = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        StringBuilder b = new StringBuilder();
        t.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE
                || c == 0xFFFF ? '?' : c));
        return b.toString();
    }

    private Optional<DescriptionId> idOf(String identifier) {
        String prefix = "oai:" + repositoryIdentifier + ":";
        if (!identifier.startsWith(prefix)) return Optional.empty();
        String id = identifier.substring(prefix.length());
        return DescriptionId.isValid(id) ? Optional.of(DescriptionId.of(id)) : Optional.empty();
    }

    /** The ledger entry of an identifier exposed to the harvester, or idDoesNotExist: unknown and hidden alike. */
    private OaiLedger.Entry exposed(String identifier) throws OaiError {
        Optional<OaiLedger.Entry> e = idOf(identifier).flatMap(id -> ledger.find(OaiSync.audienceKey(harvester), id))
                .filter(OaiLedger.Entry::exposed);
        if (e.isEmpty()) {
            throw OaiError.of("idDoesNotExist", "No item has the identifier '" + clip(identifier) + "'.");
        }
        return e.get();
    }

    // ---- responses -----------------------------------------------------------------------------------------

    private interface Response {
        void write(XMLStreamWriter w, Instant now) throws XMLStreamException;
    }

    private final class ErrorResponse implements Response {
        private final OaiError error;
        private final Map<String, List<String>> params;

        ErrorResponse(OaiError error, Map<String, List<String>> params) {
            this.error = error;
            this.params = params;
        }

        @Override
        public void write(XMLStreamWriter w, Instant now) throws XMLStreamException {
            w.writeStartElement(OAI_NS, "request");
            if (!error.isMalformedRequest()) {
                for (Map.Entry<String, List<String>> p : params.entrySet()) {
                    w.writeAttribute(p.getKey(), p.getValue().get(0));
                }
            }
            w.writeCharacters(baseUrl);
            w.writeEndElement();
            for (OaiError.Condition c : error.conditions()) {
                w.writeStartElement(OAI_NS, "error");
                w.writeAttribute("code", c.code());
                w.writeCharacters(c.message());
                w.writeEndElement();
            }
        }
    }

    private Response prepare(Request req, Instant now) throws OaiError {
        return switch (req.verb()) {
            case "Identify" -> identify(req);
            case "ListMetadataFormats" -> listMetadataFormats(req);
            case "ListSets" -> listSets(req, now);
            case "GetRecord" -> getRecord(req);
            default -> list(req, now);
        };
    }

    private void request(XMLStreamWriter w, Request req) throws XMLStreamException {
        w.writeStartElement(OAI_NS, "request");
        w.writeAttribute("verb", req.verb());
        for (Map.Entry<String, String> a : req.args().entrySet()) w.writeAttribute(a.getKey(), a.getValue());
        w.writeCharacters(baseUrl);
        w.writeEndElement();
    }

    private Response identify(Request req) {
        String earliest = ledger.earliest(OaiSync.audienceKey(harvester)).map(k -> OaiTime.seconds(OaiTime.ofKey(k)))
                .orElse(OaiTime.seconds(archive.policy().now()));
        return (w, now) -> {
            request(w, req);
            w.writeStartElement(OAI_NS, "Identify");
            text(w, "repositoryName", repositoryName);
            text(w, "baseURL", baseUrl);
            text(w, "protocolVersion", "2.0");
            for (String a : adminEmails) text(w, "adminEmail", a);
            text(w, "earliestDatestamp", earliest);
            text(w, "deletedRecord", "persistent");
            text(w, "granularity", "YYYY-MM-DDThh:mm:ssZ");
            w.writeEndElement();
        };
    }

    private Response listMetadataFormats(Request req) throws OaiError {
        String identifier = req.args().get("identifier");
        if (identifier != null && !exposed(identifier).visible()) {
            throw OaiError.of("noMetadataFormats", "The item '" + clip(identifier)
                    + "' is deleted: no metadata formats are available for it.");
        }
        return (w, now) -> {
            request(w, req);
            w.writeStartElement(OAI_NS, "ListMetadataFormats");
            for (String[] f : FORMATS) {
                w.writeStartElement(OAI_NS, "metadataFormat");
                text(w, "metadataPrefix", f[0]);
                text(w, "schema", f[1]);
                text(w, "metadataNamespace", f[2]);
                w.writeEndElement();
            }
            w.writeEndElement();
        };
    }

    /**
     * The sets in spec order, a page at a time: the institutions and the ledger's visible set-bearing records merged
     * by spec, resumed after the last spec sent (a keyset, like the record lists; a spec sorts before the specs
     * below it). Each page's records are checked afresh in one batch, as on a record page; a page whose records all
     * fail that check is passed over, so that no response is an empty list.
     */
    private Response listSets(Request req, Instant now) throws OaiError {
        if (!sets) throw OaiError.of("noSetHierarchy", "This repository does not support sets.");
        ResumptionTokens.Cursor c = req.cursor();
        String audience = OaiSync.audienceKey(harvester);
        List<Institution> institutions = archive.institutions();
        OaiSync.Resolver check = resolver(now);
        String after = c == null ? null : c.afterId();
        List<String[]> shown = new ArrayList<>(); // {spec, name}
        boolean more;
        do {
            // the institutions are few: all of them after the cursor, merged with one ledger page
            TreeMap<String, Object> merged = new TreeMap<>();
            for (Institution i : institutions) {
                if (after == null || i.code().value().compareTo(after) > 0) merged.put(i.code().value(), i);
            }
            for (OaiLedger.Entry e : ledger.sets(audience, after, pageSize + 1)) merged.put(e.setPath(), e);
            List<Map.Entry<String, Object>> page = new ArrayList<>(merged.entrySet());
            more = page.size() > pageSize;
            if (more) page = page.subList(0, pageSize);
            Map<DescriptionId, Description> visible = check.visible(harvester, page.stream()
                    .filter(e -> e.getValue() instanceof OaiLedger.Entry)
                    .map(e -> ((OaiLedger.Entry) e.getValue()).id()).toList());
            for (Map.Entry<String, Object> e : page) {
                if (e.getValue() instanceof Institution i) {
                    shown.add(new String[] {e.getKey(), i.nameEn() == null ? i.nameZh() : i.nameZh() + " / "
                            + i.nameEn()});
                } else {
                    Description d = visible.get(((OaiLedger.Entry) e.getValue()).id());
                    if (d != null) shown.add(new String[] {e.getKey(), d.title().text()});
                }
            }
            if (!page.isEmpty()) after = page.get(page.size() - 1).getKey();
        } while (shown.isEmpty() && more);
        if (shown.isEmpty()) {
            if (c == null) throw OaiError.of("noSetHierarchy", "This repository holds no sets yet.");
            throw OaiError.of("badResumptionToken", "No sets remain after this resumption token (the set hierarchy"
                    + " changed); start the list again.");
        }
        Instant expires = now.plus(tokens.ttl());
        String next = more ? tokens.issue(audience, new ResumptionTokens.Cursor(req.verb(), "", null, null, null,
                "", after, expires)) : null;
        boolean resumed = c != null;
        // completeListSize on every page that carries a token: the institutions and one count on the sets index
        long complete = next != null || resumed ? institutions.size() + ledger.countSets(audience) : -1;
        return (w, t) -> {
            request(w, req);
            w.writeStartElement(OAI_NS, "ListSets");
            for (String[] set : shown) set(w, set[0], set[1]);
            if (next != null) {
                w.writeStartElement(OAI_NS, "resumptionToken");
                w.writeAttribute("expirationDate", OaiTime.seconds(expires));
                w.writeAttribute("completeListSize", Long.toString(complete));
                w.writeCharacters(next);
                w.writeEndElement();
            } else if (resumed) {
                w.writeStartElement(OAI_NS, "resumptionToken"); // the list is complete
                w.writeAttribute("completeListSize", Long.toString(complete));
                w.writeEndElement();
            }
            w.writeEndElement();
        };
    }

    private static void set(XMLStreamWriter w, String spec, String name) throws XMLStreamException {
        w.writeStartElement(OAI_NS, "set");
        text(w, "setSpec", spec);
        text(w, "setName", name);
        w.writeEndElement();
    }

    private Response getRecord(Request req) throws OaiError {
        OaiLedger.Entry e = exposed(req.args().get("identifier"));
        String prefix = req.args().get("metadataPrefix");
        return (w, now) -> {
            request(w, req);
            w.writeStartElement(OAI_NS, "GetRecord");
            // shown only when the ledger and a fresh check (fail closed) both say the harvester may see it
            OaiSync.Resolver check = resolver(now);
            record(w, e, prefix, e.visible() ? check.visible(harvester, e.id()) : Optional.empty(), check);
            w.writeEndElement();
        };
    }

    private Response list(Request req, Instant now) throws OaiError {
        ResumptionTokens.Cursor c = req.cursor();
        String prefix;
        String set;
        String from;
        String until;
        if (c != null) {
            prefix = c.prefix();
            set = c.set();
            from = c.from();
            until = c.untilExclusive();
        } else {
            prefix = req.args().get("metadataPrefix");
            set = req.args().get("set");
            String f = req.args().get("from");
            String u = req.args().get("until");
            from = f == null ? null : OaiTime.key(OaiTime.start(f));
            until = u == null ? null : OaiTime.key(OaiTime.endExclusive(u, OaiTime.start(u)));
        }
        List<OaiLedger.Entry> page = ledger.page(OaiSync.audienceKey(harvester), c == null ? null : c.afterStamp(),
                c == null ? null : c.afterId(), from, until, set, pageSize + 1);
        if (page.isEmpty()) {
            throw OaiError.of("noRecordsMatch", "No records match the request.");
        }
        boolean more = page.size() > pageSize;
        List<OaiLedger.Entry> shown = more ? page.subList(0, pageSize) : page;
        String next = null;
        Instant expires = now.plus(tokens.ttl());
        if (more) {
            OaiLedger.Entry last = shown.get(shown.size() - 1);
            next = tokens.issue(OaiSync.audienceKey(harvester), new ResumptionTokens.Cursor(req.verb(), prefix, set,
                    from, until, last.datestamp(), last.id().value(), expires));
        }
        boolean records = req.verb().equals("ListRecords");
        boolean resumed = c != null;
        String token = next;
        return (w, t) -> {
            request(w, req);
            w.writeStartElement(OAI_NS, req.verb());
            // shown only when the ledger and a fresh check (fail closed) both say the harvester may see it
            OaiSync.Resolver check = resolver(t);
            Map<DescriptionId, Description> visible = check.visible(harvester,
                    shown.stream().filter(OaiLedger.Entry::visible).map(OaiLedger.Entry::id).toList());
            for (OaiLedger.Entry e : shown) {
                Optional<Description> d = Optional.ofNullable(visible.get(e.id()));
                if (records) record(w, e, prefix, d, check);
                else header(w, e, d.isEmpty());
            }
            if (token != null) {
                w.writeStartElement(OAI_NS, "resumptionToken");
                w.writeAttribute("expirationDate", OaiTime.seconds(expires));
                w.writeCharacters(token);
                w.writeEndElement();
            } else if (resumed) {
                w.writeEmptyElement(OAI_NS, "resumptionToken"); // the list is complete
            }
            w.writeEndElement();
        };
    }

    /** A visibility check for one response, at its instant, caching the parents of the records it shows. */
    private OaiSync.Resolver resolver(Instant now) {
        return new OaiSync.Resolver(archive.store(), archive.policy(), now);
    }

    /** Writes one record: its metadata only when {@code d}, the fresh fail-closed check, found it visible. */
    private void record(XMLStreamWriter w, OaiLedger.Entry e, String prefix, Optional<Description> d,
            OaiSync.Resolver check) throws XMLStreamException {
        w.writeStartElement(OAI_NS, "record");
        header(w, e, d.isEmpty());
        if (d.isPresent()) {
            w.writeStartElement(OAI_NS, "metadata");
            if (prefix.equals("oai_dc")) {
                // a record seen through a grant may sit below a parent the harvester may not see: never name it
                DescriptionId parent = d.get().parent();
                Lineage up = parent == null ? null : check.lineage(parent);
                DublinCoreWriter.write(w, d.get(), up != null && archive.policy().canSee(harvester, up));
            }
            else ead.writeRecord(w, d.get());
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private void header(XMLStreamWriter w, OaiLedger.Entry e, boolean deleted) throws XMLStreamException {
        w.writeStartElement(OAI_NS, "header");
        if (deleted) w.writeAttribute("status", "deleted");
        text(w, "identifier", identifier(e.id()));
        text(w, "datestamp", OaiTime.seconds(OaiTime.ofKey(e.datestamp())));
        String path = e.setPath();
        if (sets && !path.isEmpty()) {
            String[] parts = path.split(":");
            StringBuilder spec = new StringBuilder();
            for (String part : parts) {
                if (spec.length() > 0) spec.append(':');
                spec.append(part);
                text(w, "setSpec", spec.toString());
            }
        }
        w.writeEndElement();
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(OAI_NS, name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    /** Builds an {@link OaiProvider}; not thread-safe. */
    public static final class Builder {
        private @Nullable Archive archive;
        private @Nullable OaiLedger ledger;
        private String repositoryName = "ArchiveKit repository";
        private @Nullable String baseUrl;
        private @Nullable String repositoryIdentifier;
        private final List<String> adminEmails = new ArrayList<>();
        private Principal harvester = Principal.anonymous();
        private int pageSize = 100;
        private byte @Nullable [] tokenSecret;
        private Duration tokenTtl = Duration.ofHours(24);
        private Duration lookback = Duration.ofMinutes(5);
        private boolean sets = true;

        private Builder() {}

        /** The archive to serve; its access policy's clock is the provider's clock. */
        public Builder archive(Archive archive) {
            this.archive = Objects.requireNonNull(archive, "archive");
            return this;
        }

        /** Where what was exposed to whom is remembered; keep it with the archive. */
        public Builder ledger(OaiLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /** The repository's name in Identify. */
        public Builder repositoryName(String name) {
            this.repositoryName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The URL harvesters send requests to; required. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** The namespace part of OAI identifiers ({@code oai:NAMESPACE:ID}); default the base URL's host. */
        public Builder repositoryIdentifier(String identifier) {
            this.repositoryIdentifier = Objects.requireNonNull(identifier, "identifier");
            return this;
        }

        /** An administrator's e-mail address for Identify; at least one is required. */
        public Builder adminEmail(String email) {
            this.adminEmails.add(Objects.requireNonNull(email, "email"));
            return this;
        }

        /** Whose view harvesters get; default the anonymous public. A named partner principal sees more. */
        public Builder harvester(Principal harvester) {
            this.harvester = Objects.requireNonNull(harvester, "harvester");
            return this;
        }

        /** Records or headers per list response; default 100. */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1) throw new IllegalArgumentException("page size must be at least 1, got " + pageSize);
            this.pageSize = pageSize;
            return this;
        }

        /**
         * The HMAC key signing resumption tokens (at least 32 bytes); default a random key per provider, so tokens
         * die with it. Providers behind one base URL must share the key.
         */
        public Builder tokenSecret(byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.length < 32) throw new IllegalArgumentException("the token secret needs at least 32 bytes");
            this.tokenSecret = secret.clone();
            return this;
        }

        /** How long a resumption token works; default 24 hours. */
        public Builder tokenTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("token ttl must be positive");
            this.tokenTtl = ttl;
            return this;
        }

        /**
         * How far back each sync re-reads the store's changes, so that a write committed after a later one (a long
         * import) is still seen; longer than the longest write transaction. Default 5 minutes.
         */
        public Builder lookback(Duration lookback) {
            Objects.requireNonNull(lookback, "lookback");
            if (lookback.isNegative()) throw new IllegalArgumentException("lookback is negative");
            this.lookback = lookback;
            return this;
        }

        /** Whether to offer sets; default true. Without, ListSets and the set argument answer noSetHierarchy. */
        public Builder sets(boolean sets) {
            this.sets = sets;
            return this;
        }

        /** The provider. */
        public OaiProvider build() {
            if (archive == null) throw new IllegalStateException("an archive is required");
            if (ledger == null) throw new IllegalStateException("a ledger is required");
            if (baseUrl == null) throw new IllegalStateException("a base URL is required");
            if (adminEmails.isEmpty()) throw new IllegalStateException("an admin e-mail is required");
            if (repositoryIdentifier == null) {
                String host = java.net.URI.create(baseUrl).getHost();
                repositoryIdentifier = host == null ? "archivekit" : host;
            }
            if (tokenSecret == null) {
                tokenSecret = new byte[32];
                new SecureRandom().nextBytes(tokenSecret);
            }
            return new OaiProvider(this);
        }
    }

}
