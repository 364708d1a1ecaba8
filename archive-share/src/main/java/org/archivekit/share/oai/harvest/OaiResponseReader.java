package org.archivekit.share.oai.harvest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.archivekit.share.internal.xml.SecureXml;
import org.archivekit.share.oai.harvest.OaiErrorException.OaiError;
import org.jspecify.annotations.Nullable;

/**
 * Reads one OAI-PMH response with the hardened StAX parser, element by element: the envelope, errors, Identify,
 * and the records and resumption token of ListRecords or GetRecord (oai_dc metadata read into fields, other formats
 * only named). Stateless; one call per response.
 */
final class OaiResponseReader {
    static final String OAI_NS = "http://www.openarchives.org/OAI/2.0/";
    static final String OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    static final String DC_NS = "http://purl.org/dc/elements/1.1/";

    /** OAI-PMH responses are shallow; metadata formats nest a little. */
    private static final int MAX_DEPTH = 100;

    private OaiResponseReader() {}

    /** The parts of one response the harvester uses. */
    record Response(@Nullable Instant responseDate, List<OaiError> errors, @Nullable Identify identify,
            List<Item> records, @Nullable Token token) {}

    /** The Identify answer. */
    record Identify(String repositoryName, String granularity, @Nullable String earliestDatestamp,
            String deletedRecord) {
        boolean daysOnly() {
            return !granularity.contains("hh");
        }
    }

    /** A resumption token element: {@code value} empty on the last page. */
    record Token(String value, @Nullable Long completeListSize, @Nullable Long cursor) {}

    /** One DC value with its xml:lang, or {@code null} when it has none. */
    record DcValue(String text, @Nullable String lang) {}

    /**
     * One record of a list: its header and, for oai_dc, its fields by element name (in document order).
     *
     * @param metadataNamespace the namespace of the metadata's root element, or {@code null} when there was none
     */
    record Item(String identifier, String datestamp, boolean deleted, List<String> setSpecs,
            @Nullable String metadataNamespace, Map<String, List<DcValue>> dc) {}

    /**
     * Reads {@code in} to its end.
     *
     * @throws MalformedResponseException when it is not well-formed, hostile, or not an OAI-PMH document
     * @throws IOException when reading the body failed (including the size bound); the parse error wraps it
     */
    static Response read(InputStream in, String url) throws IOException {
        try {
            XMLStreamReader r = SecureXml.open(in, MAX_DEPTH);
            try {
                return readDocument(r, url);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            IOException io = ioCause(e);
            if (io != null) throw io;
            throw malformed(url, e);
        }
    }

    private static Response readDocument(XMLStreamReader r, String url) throws XMLStreamException {
        int e = r.next();
        while (e != XMLStreamConstants.START_ELEMENT) {
            if (e == XMLStreamConstants.END_DOCUMENT) throw new MalformedResponseException("the response of " + url
                    + " has no root element", null, null);
            e = r.next();
        }
        if (!OAI_NS.equals(r.getNamespaceURI()) || !"OAI-PMH".equals(r.getLocalName())) {
            throw new MalformedResponseException("the response of " + url + " is not OAI-PMH 2.0: its root is <"
                    + qname(r) + ">", null, null);
        }
        Instant responseDate = null;
        List<OaiError> errors = new ArrayList<>();
        Identify identify = null;
        List<Item> records = new ArrayList<>();
        Token token = null;
        while (next(r) == XMLStreamConstants.START_ELEMENT) {
            String name = OAI_NS.equals(r.getNamespaceURI()) ? r.getLocalName() : "";
            switch (name) {
                case "responseDate" -> responseDate = instant(text(r));
                case "error" -> {
                    String code = attr(r, "code");
                    errors.add(new OaiError(code == null ? "unknown" : code, collapse(text(r))));
                }
                case "Identify" -> identify = identify(r);
                case "ListRecords", "GetRecord" -> {
                    while (next(r) == XMLStreamConstants.START_ELEMENT) {
                        String child = OAI_NS.equals(r.getNamespaceURI()) ? r.getLocalName() : "";
                        if (child.equals("record")) {
                            records.add(record(r));
                        } else if (child.equals("resumptionToken")) {
                            Long size = number(attr(r, "completeListSize"));
                            Long cursor = number(attr(r, "cursor"));
                            token = new Token(text(r).strip(), size, cursor);
                        } else {
                            skip(r);
                        }
                    }
                }
                default -> skip(r);
            }
        }
        return new Response(responseDate, errors, identify, records, token);
    }

    private static Identify identify(XMLStreamReader r) throws XMLStreamException {
        String name = "";
        String granularity = "YYYY-MM-DD";
        String earliest = null;
        String deleted = "no";
        while (next(r) == XMLStreamConstants.START_ELEMENT) {
            String child = OAI_NS.equals(r.getNamespaceURI()) ? r.getLocalName() : "";
            switch (child) {
                case "repositoryName" -> name = collapse(text(r));
                case "granularity" -> granularity = text(r).strip();
                case "earliestDatestamp" -> earliest = text(r).strip();
                case "deletedRecord" -> deleted = text(r).strip();
                default -> skip(r);
            }
        }
        return new Identify(name, granularity, earliest, deleted);
    }

    private static Item record(XMLStreamReader r) throws XMLStreamException {
        String identifier = "";
        String datestamp = "";
        boolean deleted = false;
        List<String> sets = new ArrayList<>();
        String namespace = null;
        Map<String, List<DcValue>> dc = new LinkedHashMap<>();
        while (next(r) == XMLStreamConstants.START_ELEMENT) {
            String child = OAI_NS.equals(r.getNamespaceURI()) ? r.getLocalName() : "";
            switch (child) {
                case "header" -> {
                    deleted = "deleted".equals(attr(r, "status"));
                    while (next(r) == XMLStreamConstants.START_ELEMENT) {
                        String h = OAI_NS.equals(r.getNamespaceURI()) ? r.getLocalName() : "";
                        switch (h) {
                            case "identifier" -> identifier = text(r).strip();
                            case "datestamp" -> datestamp = text(r).strip();
                            case "setSpec" -> sets.add(text(r).strip());
                            default -> skip(r);
                        }
                    }
                }
                case "metadata" -> {
                    while (next(r) == XMLStreamConstants.START_ELEMENT) {
                        if (namespace != null) {
                            skip(r); // the schema allows one element; ignore any extra
                            continue;
                        }
                        namespace = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
                        if (OAI_DC_NS.equals(namespace) && "dc".equals(r.getLocalName())) dc(r, dc);
                        else skip(r);
                    }
                }
                default -> skip(r);
            }
        }
        return new Item(identifier, datestamp, deleted, sets, namespace, dc);
    }

    private static void dc(XMLStreamReader r, Map<String, List<DcValue>> out) throws XMLStreamException {
        while (next(r) == XMLStreamConstants.START_ELEMENT) {
            if (!DC_NS.equals(r.getNamespaceURI())) {
                skip(r);
                continue;
            }
            String element = r.getLocalName();
            String lang = r.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
            String text = text(r);
            if (!text.isBlank()) {
                out.computeIfAbsent(element, k -> new ArrayList<>())
                        .add(new DcValue(text, lang == null || lang.isBlank() ? null : lang.strip()));
            }
        }
    }

    /** Advances to the next start or end tag; returns which. */
    private static int next(XMLStreamReader r) throws XMLStreamException {
        while (true) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT || e == XMLStreamConstants.END_ELEMENT) return e;
            if (e == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("the document ended inside an element", r.getLocation());
            }
        }
    }

    /** The text of the current element and its descendants; leaves the reader on its end tag. */
    private static String text(XMLStreamReader r) throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        sb.append(r.getText());
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException(
                        "the document ended inside an element", r.getLocation());
                default -> { }
            }
        }
        return sb.toString();
    }

    /** Skips the current element with its content; leaves the reader on its end tag. */
    private static void skip(XMLStreamReader r) throws XMLStreamException {
        text(r);
    }

    private static @Nullable String attr(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        return v == null ? null : v.strip();
    }

    private static @Nullable Long number(@Nullable String s) {
        if (s == null || s.isEmpty()) return null;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null; // optional attribute; a partner's odd value does not stop the harvest
        }
    }

    /** A responseDate or datestamp as an instant (a day means its start, UTC), or {@code null} when unreadable. */
    static @Nullable Instant instant(String text) {
        String s = text.strip();
        try {
            if (s.length() == 10) return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static String qname(XMLStreamReader r) {
        String ns = r.getNamespaceURI();
        return (ns == null || ns.isEmpty() ? "" : "{" + ns + "}") + r.getLocalName();
    }

    private static @Nullable IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof IOException io) return io;
        }
        return null;
    }

    private static @Nullable Throwable next(Throwable t) {
        if (t instanceof XMLStreamException x && x.getNestedException() != null && x.getNestedException() != t) {
            return x.getNestedException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static MalformedResponseException malformed(String url, XMLStreamException e) {
        Location loc = e.getLocation();
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        int m = msg.indexOf("Message: ");
        if (m >= 0) msg = msg.substring(m + "Message: ".length());
        String where = loc == null ? "" : " at line " + loc.getLineNumber() + ", column " + loc.getColumnNumber();
        return new MalformedResponseException("the response of " + url + " is not well-formed or safe XML" + where
                + ": " + msg.strip(), null, e);
    }
}
