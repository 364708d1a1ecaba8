package org.archivekit.share.ead;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.archivekit.core.InvalidDateException;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.AgentRole;
import org.archivekit.core.model.AgentType;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Carrier;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.Disclosure;
import org.archivekit.core.model.Extent;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.Location;
import org.archivekit.core.model.Notes;
import org.archivekit.core.model.OpenStatus;
import org.archivekit.core.model.ReferenceCode;
import org.archivekit.core.model.Retention;
import org.archivekit.core.model.RetentionPeriod;
import org.archivekit.core.model.SecrecyMarking;
import org.archivekit.core.model.Title;
import org.archivekit.share.ImportException;
import org.archivekit.share.internal.xml.SecureXml;
import org.jspecify.annotations.Nullable;

/**
 * Pulls descriptions out of an EAD document one at a time: a record is handed out as soon as it is complete (at
 * its first child component or at its end tag), so memory holds only the open components, never the file.
 * Not thread-safe.
 */
final class EadReader implements Iterator<Description> {
    static final String EAD2002_NS = "urn:isbn:1-931666-22-9";
    static final String EAD3_NS = "http://ead3.archivists.org/schema/";
    static final String EAD3_UNDEPRECATED_NS = "http://ead3.archivists.org/schema/undeprecated/";
    /** unitid/@localtype (EAD3) or @type (2002) carrying ArchiveKit's own record id, written by our exporters. */
    static final String ID_TYPE = "archivekit:id";
    /** accessrestrict/@localtype (@type) carrying the access elements as data. */
    static final String ACCESS_TYPE = "archivekit:access";
    /** odd/@localtype prefix carrying a custom field that has no EAD element. */
    static final String CUSTOM_TYPE = "archivekit:custom:";
    /** odd/@localtype (@type) carrying the carrier (enum name). */
    static final String CARRIER_TYPE = "archivekit:carrier";
    /** odd/@localtype (@type) carrying the classification. */
    static final String CLASSIFICATION_TYPE = "archivekit:classification";
    /** odd/@localtype (@type) carrying the retention as data ({@code period=D30; review=2040-01-01}). */
    static final String RETENTION_TYPE = "archivekit:retention";
    /** dao/@localtype (EAD3) or dao/@xlink:role (EAD 2002) marking a digital object of the model. */
    static final String OBJECT_TYPE = "archivekit:object";
    /** Prefix of the custom fields that hold EAD content without a model field. */
    static final String KEY = "ead.";

    /** Notes without a model field, kept as custom fields {@code ead.<name>}. */
    static final Set<String> TEXT_NOTES = Set.of("bioghist", "processinfo", "odd", "appraisal", "accruals",
            "altformavail", "originalsloc", "otherfindaid", "phystech", "fileplan", "bibliography",
            "separatedmaterial", "legalstatus", "index", "abstract", "materialspec", "didnote", "note");

    private static final Set<String> BLOCKS = Set.of("p", "item", "chronitem", "defitem", "row", "blockquote",
            "addressline", "list", "chronlist", "table", "event", "label", "listhead", "descriptivenote");
    private static final Pattern COMPONENT = Pattern.compile("c|c0[1-9]|c1[0-2]");
    private static final Pattern EXTENT = Pattern.compile("([0-9][0-9,]*(?:\\.[0-9]+)?)\\s+(.+)");
    private static final Pattern ID_JUNK = Pattern.compile("[^A-Za-z0-9._:-]+");
    private static final Pattern TRAILING = Pattern.compile("[\\s.,;:]+$");
    private static final Pattern STATUS = Pattern.compile("status=(DRAFT|PUBLISHED|WITHDRAWN)");
    private static final Pattern NORMAL_PART = Pattern.compile("(\\d{4})(?:-?(\\d{2}))?(?:-?(\\d{2}))?");

    /** The reader being read: the document's, or for a moment a second one over the same file (see below). */
    private XMLStreamReader r;
    private final String source;
    private final InstitutionCode institution;
    private final @Nullable DescriptionId fondsIdOption;
    private final String fallbackId;

    private @Nullable EadFormat format;
    private @Nullable String headerId;
    private @Nullable String headerTitle;
    private @Nullable String headerLanguage;
    private final Deque<Comp> open = new ArrayDeque<>();
    private final Set<String> usedIds = new HashSet<>();
    private @Nullable Description pending;
    private boolean done;
    private boolean sawArchdesc;
    private @Nullable DescriptionId fondsId;
    private final Map<Level, Long> perLevel = new EnumMap<>(Level.class);
    private final Map<String, long[]> skipped = new TreeMap<>();
    private long records;
    /** Opens the document again from its start, or null when it cannot be read twice (a one-off stream). */
    private final @Nullable Callable<XMLStreamReader> reopen;
    /** Whether the archdesc notes after its {@code dsc} were read ahead (so the main pass passes them over). */
    private boolean lateArchdescRead;

    EadReader(XMLStreamReader r, String source, InstitutionCode institution, @Nullable DescriptionId fondsId,
            String fallbackId) {
        this(r, source, institution, fondsId, fallbackId, null);
    }

    /**
     * A reader that can open the document again: EAD 2002 allows {@code archdesc} notes after {@code dsc}, and
     * the fonds is handed over at its first component, so those notes are read ahead with a second reader over the
     * same file (no more memory than the notes themselves).
     */
    EadReader(XMLStreamReader r, String source, InstitutionCode institution, @Nullable DescriptionId fondsId,
            String fallbackId, @Nullable Callable<XMLStreamReader> reopen) {
        this.reopen = reopen;
        this.r = r;
        this.source = source;
        this.institution = institution;
        this.fondsIdOption = fondsId;
        this.fallbackId = fallbackId;
    }

    // ------------------------------------------------------------------ iteration

    @Override
    public boolean hasNext() {
        try {
            while (pending == null && !done) step();
        } catch (XMLStreamException e) {
            throw SecureXml.refusal(source, e);
        }
        return pending != null;
    }

    @Override
    public Description next() {
        if (!hasNext()) throw new NoSuchElementException();
        Description d = pending;
        pending = null;
        return d;
    }

    EadImportResult result() {
        if (fondsId == null || format == null) throw fail("the document has no <archdesc>");
        List<EadImportResult.Skipped> s = new ArrayList<>();
        for (Map.Entry<String, long[]> e : skipped.entrySet()) {
            int bar = e.getKey().indexOf('|');
            s.add(new EadImportResult.Skipped(e.getKey().substring(0, bar), e.getKey().substring(bar + 1),
                    e.getValue()[0]));
        }
        return new EadImportResult(source, format, fondsId, records, perLevel, s);
    }

    private void step() throws XMLStreamException {
        int e = r.next();
        switch (e) {
            case XMLStreamConstants.START_ELEMENT -> start();
            case XMLStreamConstants.END_ELEMENT -> end();
            case XMLStreamConstants.END_DOCUMENT -> {
                done = true;
                if (!sawArchdesc) throw fail("the document has no <archdesc>");
            }
            default -> { }
        }
    }

    private void start() throws XMLStreamException {
        String name = r.getLocalName();
        if (format == null) {
            detectFormat(name);
            return;
        }
        if (open.isEmpty()) {
            switch (name) {
                case "eadheader", "control" -> readHeader();
                case "archdesc" -> {
                    if (sawArchdesc) throw fail("a second <archdesc> is not allowed");
                    sawArchdesc = true;
                    open.push(new Comp(null, attrs(), 0));
                }
                default -> skipSubtree(name, "front matter and other header content are not part of the model");
            }
            return;
        }
        Comp top = open.peek();
        if (COMPONENT.matcher(name).matches()) {
            if (!top.emitted && top.parent == null && reopen != null) readLateArchdescNotes(top);
            flush(top);
            open.push(new Comp(top, attrs(), top.children++));
        } else if (name.equals("dsc")) {
            // transparent: its components belong to the enclosing one
        } else if (top.emitted && top.parent == null && lateArchdescRead) {
            passOver(); // read ahead into the fonds before it was handed over
        } else if (top.emitted) {
            skipSubtree(name, "appears after child components; the record was already complete");
        } else {
            part(top, name);
        }
    }

    private void end() {
        String name = r.getLocalName();
        if (COMPONENT.matcher(name).matches() || (name.equals("archdesc") && open.size() == 1)) {
            Comp c = open.pop();
            flush(c);
        }
    }

    private void detectFormat(String root) {
        String ns = r.getNamespaceURI();
        if (!root.equals("ead")) throw fail("not an EAD document: the root element is <" + root + ">");
        if (ns == null || ns.isEmpty()) format = EadFormat.EAD2002_DTD;
        else if (ns.equals(EAD2002_NS)) format = EadFormat.EAD2002_XSD;
        else if (ns.equals(EAD3_NS)) format = EadFormat.EAD3;
        else if (ns.equals(EAD3_UNDEPRECATED_NS)) format = EadFormat.EAD3_UNDEPRECATED;
        else throw fail("not an EAD document: unknown namespace " + ns);
    }

    // ------------------------------------------------------------------ header

    private void readHeader() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                String n = r.getLocalName();
                if ((n.equals("eadid") || n.equals("recordid")) && headerId == null) {
                    headerId = blocks(false).text();
                    continue;
                }
                if (n.equals("titleproper") && headerTitle == null) {
                    headerTitle = blocks(false).text();
                    continue;
                }
                if (n.equals("language") && headerLanguage == null) {
                    String code = attr("langcode");
                    if (code != null && !code.isBlank()) headerLanguage = bcp47(code);
                }
                depth++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    // ------------------------------------------------------------------ component parts

    private void part(Comp c, String name) throws XMLStreamException {
        if ("internal".equals(attr("audience")) && !name.equals("did")) {
            skipSubtree(name, "audience=\"internal\" on a note: the model has no per-note access, so it is withheld");
            return;
        }
        switch (name) {
            case "did" -> did(c);
            case "scopecontent" -> c.note("scopecontent", blocks(true).text());
            case "arrangement" -> c.note("arrangement", blocks(true).text());
            case "userestrict", "custodhist", "acqinfo", "relatedmaterial", "prefercite" ->
                    c.note(name, blocks(true).text());
            case "accessrestrict" -> accessrestrict(c);
            case "controlaccess" -> controlaccess(c);
            case "dao", "daogrp", "daoset" -> dao(c, name);
            case "descgrp" -> { } // transparent in EAD 2002: its notes belong to the component
            case "odd" -> {
                String type = typeAttr();
                Text t = blocks(true);
                if (type != null && type.startsWith(CUSTOM_TYPE)) {
                    c.custom.put(type.substring(CUSTOM_TYPE.length()), t.text());
                } else if (CARRIER_TYPE.equals(type)) {
                    c.carrier = carrier(t.text());
                } else if (CLASSIFICATION_TYPE.equals(type)) {
                    c.classification = fit(t.text(), 200, "odd[@localtype='" + CLASSIFICATION_TYPE + "']");
                } else if (RETENTION_TYPE.equals(type)) {
                    c.retention = retention(t.text());
                } else {
                    c.note("odd", t.text());
                }
            }
            case "head", "thead" -> skipSubtree(name, "display heading; exports write their own");
            default -> {
                if (TEXT_NOTES.contains(name)) c.note(name, blocks(true).text());
                else skipSubtree(name, "not mapped to the model");
            }
        }
    }

    private void did(Comp c) throws XMLStreamException {
        while (true) {
            int e = r.next();
            if (e == XMLStreamConstants.END_ELEMENT) return;
            if (e != XMLStreamConstants.START_ELEMENT) continue;
            String n = r.getLocalName();
            switch (n) {
                case "unitid" -> {
                    String type = typeAttr();
                    String t = blocks(false).text();
                    if (t.isEmpty()) continue;
                    if (ID_TYPE.equals(type)) c.explicitId = t;
                    else c.unitids.add(t);
                }
                case "unittitle" -> {
                    String lang = attr("lang");
                    String t = blocks(false).text();
                    if (t.isEmpty()) continue;
                    if (c.title == null) {
                        c.title = t;
                        c.titleLang = lang == null ? null : bcp47(lang);
                    } else if (lang != null && !bcp47(lang).equals(c.titleLang)) {
                        c.parallel.add(new Title(fit(t, 2000, "unittitle"), bcp47(lang)));
                    } else {
                        c.note("unittitle", t);
                        skip("unittitle", "a further title in the same language; kept in customFields[ead.unittitle]");
                    }
                }
                case "unitdate" -> {
                    String normal = attr("normal");
                    String certainty = attr("certainty");
                    date(c, blocks(false).text(), normal, "approximate".equals(certainty) || "circa".equals(certainty));
                }
                case "unitdatestructured" -> structuredDate(c);
                case "origination" -> names(c, role(firstNonNull(typeAttr(), attr("label"))), "origination");
                case "physdesc" -> physdesc(c);
                case "physdescstructured" -> physdescStructured(c);
                case "physdescset" -> { } // transparent: its physdescstructured children follow
                case "langmaterial" -> langmaterial(c);
                case "physloc" -> c.places.add(blocks(false).text());
                case "container" -> {
                    String type = typeAttr();
                    String t = blocks(false).text();
                    if (!t.isEmpty()) c.containers.add(type == null || t.toLowerCase(Locale.ROOT)
                            .startsWith(type.toLowerCase(Locale.ROOT)) ? t : capitalize(type) + " " + t);
                }
                case "dao", "daogrp", "daoset" -> dao(c, n);
                case "repository" -> skipSubtree(n, "the institution comes from the import option");
                case "head" -> skipSubtree(n, "display heading; exports write their own");
                case "note", "didnote" -> c.note("didnote", blocks(true).text());
                default -> {
                    if (TEXT_NOTES.contains(n)) c.note(n, blocks(true).text());
                    else skipSubtree(n, "not mapped to the model");
                }
            }
            // physdescset is transparent: keep reading its children as did children; its end tag ends nothing
            if (n.equals("physdescset")) {
                physdescSet(c);
            }
        }
    }

    private void physdescSet(Comp c) throws XMLStreamException {
        while (true) {
            int e = r.next();
            if (e == XMLStreamConstants.END_ELEMENT) return;
            if (e != XMLStreamConstants.START_ELEMENT) continue;
            if (r.getLocalName().equals("physdescstructured")) physdescStructured(c);
            else skipSubtree(r.getLocalName(), "not mapped to the model");
        }
    }

    private void date(Comp c, String text, @Nullable String normal, boolean approximate) {
        String expr = text.isEmpty() ? (normal == null ? "" : normal.strip()) : text;
        if (expr.isEmpty()) return;
        ArchivalDate d = null;
        try {
            d = ArchivalDate.parse(expr);
        } catch (InvalidDateException | IllegalArgumentException e) {
            String trimmed = TRAILING.matcher(expr).replaceAll("");
            try {
                ArchivalDate p = trimmed.isEmpty() || trimmed.equals(expr) ? null : ArchivalDate.parse(trimmed);
                if (p != null) d = new ArchivalDate(expr, p.begin(), p.end(), p.approximate());
            } catch (InvalidDateException | IllegalArgumentException again) {
                d = null;
            }
            if (d == null) d = fromNormal(expr, normal, approximate);
        }
        if (d == null) {
            c.note("unitdate", expr);
            skip("unitdate", "not a readable date (nor @normal); kept as text in customFields[ead.unitdate]");
        } else if (c.dates.size() >= 50) {
            c.note("unitdate", expr);
            skip("unitdate", "more than 50 dates; the rest kept as text in customFields[ead.unitdate]");
        } else {
            c.dates.add(d);
        }
    }

    /** Reads an ISO 8601 {@code @normal} ({@code 1931}, {@code 1931-05/1932}); year 0000 counts as unknown. */
    static @Nullable ArchivalDate fromNormal(String expr, @Nullable String normal, boolean approximate) {
        if (normal == null || normal.isBlank()) return null;
        String[] parts = normal.strip().split("/", -1);
        if (parts.length > 2) return null;
        LocalDate begin = bound(parts[0], true);
        LocalDate end = bound(parts.length == 2 ? parts[1] : parts[0], false);
        if (begin == null && end == null) return null;
        if (begin != null && end != null && end.isBefore(begin)) return null;
        return new ArchivalDate(expr, begin, end, approximate);
    }

    private static @Nullable LocalDate bound(String s, boolean first) {
        Matcher m = NORMAL_PART.matcher(s.strip());
        if (!m.matches()) return null;
        int y = Integer.parseInt(m.group(1));
        if (y == 0) return null;
        try {
            if (m.group(3) != null) return LocalDate.of(y, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (m.group(2) != null) {
                YearMonth ym = YearMonth.of(y, Integer.parseInt(m.group(2)));
                return first ? ym.atDay(1) : ym.atEndOfMonth();
            }
            return first ? LocalDate.of(y, 1, 1) : LocalDate.of(y, 12, 31);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private void structuredDate(Comp c) throws XMLStreamException {
        // unitdatestructured > (datesingle | daterange(fromdate, todate) | dateset)
        String from = null;
        String to = null;
        String fromStd = null;
        String toStd = null;
        boolean approximate = "approximate".equals(attr("certainty"));
        List<String[]> singles = new ArrayList<>();
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                String n = r.getLocalName();
                String std = attr("standarddate");
                switch (n) {
                    case "fromdate" -> { fromStd = std; from = blocks(false).text(); continue; }
                    case "todate" -> { toStd = std; to = blocks(false).text(); continue; }
                    case "datesingle" -> { singles.add(new String[] {blocks(false).text(), std}); continue; }
                    default -> depth++;
                }
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        if (from != null || to != null) {
            String expr = (from == null ? "" : from) + "-" + (to == null ? "" : to);
            String normal = (fromStd == null ? "" : fromStd) + "/" + (toStd == null ? "" : toStd);
            date(c, expr, normal.equals("/") ? null : normal, approximate);
        }
        for (String[] s : singles) date(c, s[0], s[1], approximate);
    }

    private void names(Comp c, AgentRole role, String where) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                String n = r.getLocalName();
                AgentType type = switch (n) {
                    case "persname" -> AgentType.PERSON;
                    case "corpname", "name" -> AgentType.CORPORATE_BODY;
                    case "famname" -> AgentType.FAMILY;
                    default -> null;
                };
                if (type != null) {
                    String authority = attr("identifier");
                    if (authority == null) authority = attr("authfilenumber");
                    String name = blocks(false).text();
                    if (!name.isEmpty()) {
                        if (n.equals("name")) skip(where + "/name", "untyped name imported as a corporate body");
                        agent(c, new Agent(type, fit(name, 1000, n), role,
                                authority == null || authority.isBlank() ? null : fit(authority.strip(), 500, n)));
                    }
                    continue;
                }
                if (n.equals("head")) {
                    skipSubtree(n, "display heading; exports write their own");
                    continue;
                }
                if (!n.equals("controlaccess")) {
                    String t = blocks(false).text();
                    if (!t.isEmpty()) subject(c, t, n);
                    continue;
                }
                depth++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (e == XMLStreamConstants.CHARACTERS && !r.isWhiteSpace() && where.equals("origination")) {
                c.note("origination", r.getText().strip());
                skip("origination", "text outside a name element; kept in customFields[ead.origination]");
            }
        }
    }

    private static AgentRole role(@Nullable String label) {
        if (label == null) return AgentRole.CREATOR;
        for (AgentRole r : AgentRole.values()) {
            if (r.name().equalsIgnoreCase(label.strip())) return r;
        }
        return AgentRole.CREATOR;
    }

    private void agent(Comp c, Agent a) {
        if (c.agents.contains(a)) return;
        if (c.agents.size() >= 500) {
            skip("agent", "more than 500 agents on one record");
            return;
        }
        c.agents.add(a);
    }

    private void subject(Comp c, String text, String element) {
        switch (element) {
            case "subject", "genreform", "geogname", "function", "occupation", "title" -> {
                if (c.subjects.contains(text)) return;
                if (c.subjects.size() >= 500) {
                    skip(element, "more than 500 subjects on one record");
                    return;
                }
                c.subjects.add(text);
            }
            default -> skip(element, "not mapped to the model");
        }
    }

    private void controlaccess(Comp c) throws XMLStreamException {
        names(c, AgentRole.SUBJECT, "controlaccess");
    }

    private void physdesc(Comp c) throws XMLStreamException {
        // EAD 2002: <physdesc> mixes text with <extent>, <dimensions>, <genreform>, <physfacet>; EAD3: text only
        StringBuilder loose = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                if (r.getLocalName().equals("extent")) {
                    String t = blocks(false).text();
                    Extent x = extent(t);
                    if (x != null && c.extents.size() < 50) c.extents.add(x);
                    else appendSpaced(loose, t);
                    continue;
                }
                depth++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) {
                appendSpaced(loose, r.getText());
            }
        }
        String rest = collapse(loose.toString());
        if (!rest.isEmpty()) c.note("physdesc", rest);
    }

    private void physdescStructured(Comp c) throws XMLStreamException {
        String quantity = null;
        String unit = null;
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                String n = r.getLocalName();
                if (n.equals("quantity")) {
                    quantity = blocks(false).text();
                    continue;
                }
                if (n.equals("unittype")) {
                    unit = blocks(false).text();
                    continue;
                }
                skipSubtree(n, "physical facets and dimensions are not mapped to the model");
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        Extent x = null;
        if (quantity != null && unit != null && !unit.isEmpty() && unit.length() <= 200) {
            try {
                BigDecimal q = new BigDecimal(quantity.replace(",", ""));
                if (q.signum() >= 0) x = new Extent(q, unit);
            } catch (NumberFormatException e) {
                x = null;
            }
        }
        if (x != null && c.extents.size() < 50) c.extents.add(x);
        else if (quantity != null || unit != null) {
            c.note("physdesc", collapse((quantity == null ? "" : quantity) + " " + (unit == null ? "" : unit)));
            skip("physdescstructured", "quantity is not a number; kept in customFields[ead.physdesc]");
        }
    }

    static @Nullable Extent extent(String text) {
        String t = collapse(text);
        if (t.startsWith("(") && t.endsWith(")")) t = t.substring(1, t.length() - 1).strip();
        Matcher m = EXTENT.matcher(t);
        if (!m.matches()) return null;
        try {
            String unit = m.group(2).strip();
            if (unit.isEmpty() || unit.length() > 200) return null;
            return new Extent(new BigDecimal(m.group(1).replace(",", "")), unit);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void langmaterial(Comp c) throws XMLStreamException {
        StringBuilder loose = new StringBuilder();
        boolean coded = false;
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                if (r.getLocalName().equals("language")) {
                    String code = attr("langcode");
                    if (code != null && !code.isBlank()) {
                        coded = true;
                        String tag = bcp47(code);
                        if (!c.languages.contains(tag) && c.languages.size() < 50) c.languages.add(tag);
                    }
                }
                depth++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) {
                appendSpaced(loose, r.getText());
            }
        }
        String rest = collapse(loose.toString());
        if (!coded && !rest.isEmpty()) c.note("langmaterial", rest);
    }

    private void dao(Comp c, String element) throws XMLStreamException {
        if (element.equals("dao") && OBJECT_TYPE.equals(firstNonNull(attr("localtype"), attr("role")))) {
            object(c);
            return;
        }
        // dao: @href / @xlink:href, titled by @title / @linktitle or by daodesc / descriptivenote text
        int depth = 1;
        String href = attr("href");
        String title = firstNonNull(attr("linktitle"), attr("title"));
        String desc = null;
        List<String[]> found = new ArrayList<>();
        if (href != null && !element.equals("daogrp") && !element.equals("daoset")) found.add(new String[] {href,
                title});
        while (depth > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                String n = r.getLocalName();
                if (n.equals("daodesc") || n.equals("descriptivenote")) {
                    desc = blocks(true).text();
                    continue;
                }
                String h = attr("href");
                if (h != null) found.add(new String[] {h, firstNonNull(attr("linktitle"), attr("title"))});
                depth++;
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        for (String[] f : found) {
            String line = collapse(f[0]) + "\t" + collapse(firstNonNull(f[1], desc, ""));
            c.note("dao", line.strip());
        }
        if (found.isEmpty()) skip(element, "digital object without a link");
    }

    private void accessrestrict(Comp c) throws XMLStreamException {
        String type = typeAttr();
        Text t = blocks(true);
        if (ACCESS_TYPE.equals(type)) {
            c.accessData = t.text();
            return;
        }
        c.note("accessrestrict", t.text());
        for (String[] d : t.dates) {
            String kind = d[1] == null ? "" : d[1].toLowerCase(Locale.ROOT);
            if (!kind.contains("restrict") && !kind.contains("open")) continue;
            ArchivalDate a = fromNormal(d[0], d[0], false);
            if (a != null && a.begin() != null && (c.openingDate == null || a.begin().isAfter(c.openingDate))) {
                c.openingDate = a.begin();
            }
        }
    }

    // ------------------------------------------------------------------ emitting records

    private void flush(Comp c) {
        if (c.emitted) return;
        c.emitted = true;
        Description d = build(c);
        c.id = d.id();
        c.level = d.level();
        pending = d;
        records++;
        perLevel.merge(d.level(), 1L, Long::sum);
    }

    private Description build(Comp c) {
        Comp parent = c.parent;
        DescriptionId id = parent == null ? fondsId(c) : componentId(c);
        Level level = level(c, parent);
        String titleText = c.title;
        if (titleText == null) {
            titleText = !c.dates.isEmpty() ? c.dates.get(0).expression()
                    : !c.unitids.isEmpty() ? c.unitids.get(0)
                    : !c.containers.isEmpty() ? String.join(", ", c.containers)
                    : parent == null && headerTitle != null && !headerTitle.isEmpty() ? headerTitle
                    : "[untitled]";
            skip("unittitle", "missing; title supplied from the date, unitid, container or header");
        }
        String lang = c.titleLang != null ? c.titleLang : headerLanguage != null ? headerLanguage
                : guessLanguage(titleText);
        Description.Builder b = Description.builder().id(id).institution(institution)
                .parent(parent == null ? null : parent.id).level(level)
                .title(new Title(fit(titleText, 2000, "unittitle"), fit(lang, 35, "@lang")))
                .parallelTitles(c.parallel).dates(c.dates).agents(c.agents).extents(c.extents)
                .languages(c.languages).subjects(c.subjects).sequence(c.sequence)
                .classification(c.classification).retention(c.retention).digitalObjects(c.objects);
        if (c.carrier != null) b.carrier(c.carrier);
        if (!c.unitids.isEmpty()) {
            String code = collapse(c.unitids.get(0));
            if (code.length() > 200) code = code.substring(0, 200);
            b.referenceCode(ReferenceCode.of(code));
            for (int i = 1; i < c.unitids.size(); i++) c.note("unitid", c.unitids.get(i));
        }
        Map<String, StringBuilder> n = c.notes;
        b.scopeAndContent(fitOrNull(take(n, "scopecontent"), 1_000_000, "scopecontent"));
        b.arrangement(fitOrNull(take(n, "arrangement"), 100_000, "arrangement"));
        b.notes(new Notes(fitOrNull(take(n, "accessrestrict"), 100_000, "accessrestrict"),
                fitOrNull(take(n, "userestrict"), 100_000, "userestrict"),
                fitOrNull(take(n, "custodhist"), 100_000, "custodhist"),
                fitOrNull(take(n, "acqinfo"), 100_000, "acqinfo"),
                fitOrNull(take(n, "relatedmaterial"), 100_000, "relatedmaterial"),
                fitOrNull(take(n, "prefercite"), 10_000, "prefercite")));
        String place = c.places.isEmpty() ? null : String.join("; ", c.places);
        String container = c.containers.isEmpty() ? null : String.join(", ", c.containers);
        b.location(new Location(fitOrNull(place, 1000, "physloc"), fitOrNull(container, 1000, "container")));
        Map<String, String> custom = new TreeMap<>(c.custom);
        for (Map.Entry<String, StringBuilder> e : n.entrySet()) custom.put(KEY + e.getKey(), e.getValue().toString());
        String eadLevel = c.levelLabel();
        if (eadLevel != null && !eadLevel.equals(Ead3Writer.levelName(level))) custom.put(KEY + "level", eadLevel);
        b.customFields(custom);
        Access access;
        if (c.accessData != null) {
            access = accessData(c.accessData);
            Matcher st = STATUS.matcher(c.accessData);
            if (st.find()) b.status(LifecycleStatus.valueOf(st.group(1)));
        } else {
            access = "internal".equals(c.attrs.get("audience")) ? Access.of(AccessLevel.RESTRICTED) : Access.PUBLIC;
            if (c.openingDate != null) access = access.withOpeningDate(c.openingDate);
        }
        b.access(access);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw fail("component '" + id + "' cannot become a record: " + e.getMessage());
        }
    }

    private Level level(Comp c, @Nullable Comp parent) {
        if (parent == null) return Level.FONDS;
        String label = c.levelLabel();
        Level mapped = label == null ? null : mapLevel(label, false);
        Level floor = parent.level == null ? Level.FONDS : parent.level;
        if (mapped == null) {
            if (label != null && !label.equals("unspecified")) skip("@level", "unknown level '" + label
                    + "'; level inferred from the parent and kept in customFields[ead.level]");
            mapped = floor.compareTo(Level.FILE) < 0 ? Level.FILE : Level.ITEM;
        }
        if (!floor.mayContain(mapped)) {
            skip("@level", "a level above its parent's was lowered to the parent's; kept in customFields[ead.level]");
            mapped = floor == Level.FONDS ? Level.SUBFONDS : floor;
        }
        return mapped;
    }

    /** The model level for an EAD @level / @otherlevel value, or {@code null} when unknown. */
    static @Nullable Level mapLevel(String label, boolean root) {
        return switch (label.toLowerCase(Locale.ROOT)) {
            case "fonds", "collection", "recordgrp" -> root ? Level.FONDS : Level.SUBFONDS;
            case "subfonds", "subgrp", "sub-fonds", "subcollection" -> Level.SUBFONDS;
            case "series", "class" -> Level.SERIES;
            case "subseries", "subsubseries", "sub-series" -> Level.SUBSERIES;
            case "file", "filegrp", "subfile", "folder", "box" -> Level.FILE;
            case "item", "item-main", "item-part", "piece" -> Level.ITEM;
            default -> null;
        };
    }

    /** A digital object as our exporters write it: the name as the link title, the rest as data in its note. */
    private void object(Comp c) throws XMLStreamException {
        String name = firstNonNull(attr("linktitle"), attr("title"));
        String data = "";
        while (true) {
            int e = r.next();
            if (e == XMLStreamConstants.END_ELEMENT) break;
            if (e != XMLStreamConstants.START_ELEMENT) continue;
            String n = r.getLocalName();
            if (n.equals("descriptivenote") || n.equals("daodesc")) data = blocks(true).text();
            else passOver();
        }
        Map<String, String> kv = keyValues(data);
        try {
            c.objects.add(new DigitalObjectRef(name == null ? "" : name, kv.getOrDefault("mediaType", ""),
                    Long.parseLong(kv.getOrDefault("size", "-1")), kv.getOrDefault("sha256", "")));
        } catch (IllegalArgumentException e) {
            throw fail("dao[@localtype='" + OBJECT_TYPE + "'] is malformed (" + e.getMessage() + "): " + data);
        }
    }

    private Carrier carrier(String text) {
        try {
            return Carrier.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw fail("odd[@localtype='" + CARRIER_TYPE + "'] names no carrier: " + text);
        }
    }

    private Retention retention(String text) {
        Map<String, String> kv = keyValues(text);
        try {
            RetentionPeriod period = RetentionPeriod.fromCode(kv.getOrDefault("period", ""))
                    .orElseThrow(() -> new IllegalArgumentException("no period"));
            return new Retention(period, kv.containsKey("review") ? LocalDate.parse(kv.get("review")) : null);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw fail("odd[@localtype='" + RETENTION_TYPE + "'] is malformed: " + text);
        }
    }

    /** {@code key=value; key=value} as written by the exporters. */
    private static Map<String, String> keyValues(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) kv.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        return kv;
    }

    private Access accessData(String text) {
        // level=RESTRICTED; secrecy=NONE; disclosure=PROACTIVE; open=NOT_OPEN; opening=2030-01-01; embargo=…
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) kv.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        try {
            Access a = new Access(AccessLevel.valueOf(kv.getOrDefault("level", "PUBLIC")),
                    SecrecyMarking.valueOf(kv.getOrDefault("secrecy", "NONE")),
                    Disclosure.valueOf(kv.getOrDefault("disclosure", "PROACTIVE")),
                    OpenStatus.valueOf(kv.getOrDefault("open", "OPEN")),
                    kv.containsKey("opening") ? LocalDate.parse(kv.get("opening")) : null,
                    kv.containsKey("embargo") ? Instant.parse(kv.get("embargo")) : null);
            return a;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw fail("accessrestrict[@localtype='" + ACCESS_TYPE + "'] is malformed: " + text);
        }
    }

    private DescriptionId fondsId(Comp root) {
        if (fondsId != null) return fondsId;
        DescriptionId id = fondsIdOption;
        if (id == null) {
            String base = root.explicitId != null ? root.explicitId
                    : headerId != null && !headerId.isBlank() ? headerId
                    : !root.unitids.isEmpty() ? root.unitids.get(0) : fallbackId;
            id = DescriptionId.of(sanitize(base.replaceFirst("(?i)\\.xml$", "")));
        }
        fondsId = id;
        usedIds.add(id.value());
        return id;
    }

    private DescriptionId componentId(Comp c) {
        String prefix = java.util.Objects.requireNonNull(fondsId, "fonds first").value() + ".";
        String base;
        if (c.explicitId != null && DescriptionId.isValid(c.explicitId)) {
            base = c.explicitId; // written by our own exporter: already a unique record id
        } else {
            String local = c.attrs.get("id");
            if (local == null || local.isBlank()) local = c.unitids.isEmpty() ? null : c.unitids.get(0);
            base = local == null ? c.parent.id.value() + "." + (c.sequence + 1) : prefix + local;
        }
        String s = sanitize(base);
        String candidate = s;
        for (int i = 2; !usedIds.add(candidate); i++) {
            String suffix = "-" + i;
            candidate = (s.length() + suffix.length() > 128 ? s.substring(0, 128 - suffix.length()) : s) + suffix;
        }
        return DescriptionId.of(candidate);
    }

    /** Maps any text to the id form: runs of other characters become {@code _}; long ids keep a hash. */
    static String sanitize(String raw) {
        String s = ID_JUNK.matcher(raw.strip()).replaceAll("_");
        s = s.replaceFirst("^[^A-Za-z0-9]+", "");
        if (s.isEmpty()) s = "x" + Integer.toHexString(raw.hashCode());
        if (s.length() > 128) s = s.substring(0, 119) + "-" + String.format("%08x", raw.hashCode());
        return s;
    }

    // ------------------------------------------------------------------ text

    /** The text of an element and the dates inside it. */
    record Text(String text, List<String[]> dates) {}

    /**
     * Reads the current element to its end: block elements (p, item, …) become paragraphs separated by a blank
     * line, whitespace inside a paragraph collapses to single spaces, headings are dropped when {@code dropHead}.
     */
    private Text blocks(boolean dropHead) throws XMLStreamException {
        List<String> paras = new ArrayList<>();
        List<String[]> dates = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.START_ELEMENT -> {
                    String n = r.getLocalName();
                    if (dropHead && n.equals("head")) {
                        skipSubtree(n, "display heading; exports write their own");
                        continue;
                    }
                    if (n.equals("date")) {
                        String normal = firstNonNull(attr("normal"), attr("standarddate"));
                        if (normal != null) dates.add(new String[] {normal, typeAttr()});
                    }
                    if (n.equals("lb")) cur.append(' ');
                    if (BLOCKS.contains(n)) para(paras, cur);
                    depth++;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    if (depth > 0 && BLOCKS.contains(r.getLocalName())) para(paras, cur);
                    else if (depth > 0) cur.append(r.getLocalName().equals("entry") ? " " : "");
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        cur.append(r.getText());
                default -> { }
            }
        }
        para(paras, cur);
        return new Text(String.join("\n\n", paras), dates);
    }

    private static void para(List<String> paras, StringBuilder cur) {
        String p = collapse(cur.toString());
        if (!p.isEmpty()) paras.add(p);
        cur.setLength(0);
    }

    static String collapse(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch) || ch == '\u00a0' || Character.isISOControl(ch)) {
                space = out.length() > 0;
            } else {
                if (space) out.append(' ');
                space = false;
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static void appendSpaced(StringBuilder sb, String t) {
        sb.append(' ').append(t);
    }

    /**
     * Reads the archdesc's own elements that follow its first {@code dsc} into {@code fonds}, with a second reader
     * over the same document that passes everything else over; the main reader is left where it was.
     */
    private void readLateArchdescNotes(Comp fonds) throws XMLStreamException {
        XMLStreamReader main = r;
        XMLStreamReader ahead;
        try {
            ahead = reopen.call();
        } catch (XMLStreamException e) {
            throw e;
        } catch (Exception e) {
            throw new XMLStreamException("cannot read the document a second time: " + e.getMessage(), e);
        }
        r = ahead;
        try {
            boolean inArchdesc = false;
            boolean afterDsc = false;
            boolean inEad = false;
            while (r.hasNext()) {
                int e = r.next();
                // every child is read to its end below, so an end tag seen here is </archdesc> or </ead>
                if (e == XMLStreamConstants.END_ELEMENT && inArchdesc) break;
                if (e != XMLStreamConstants.START_ELEMENT) continue;
                String name = r.getLocalName();
                if (!inEad) {
                    inEad = true; // <ead>
                } else if (!inArchdesc) {
                    if (name.equals("archdesc")) inArchdesc = true;
                    else passOver(); // the header
                } else if (name.equals("dsc") || COMPONENT.matcher(name).matches()) {
                    afterDsc = true;
                    passOver();
                } else if (afterDsc) {
                    part(fonds, name); // reads to the element's end tag, reporting what it skips
                } else {
                    passOver(); // before the dsc: the main pass reads it
                }
            }
        } finally {
            r = main;
            ahead.close();
        }
        lateArchdescRead = true;
    }

    /** Reads to the end of the current element without recording anything. */
    private void passOver() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) depth++;
            else if (e == XMLStreamConstants.END_ELEMENT) depth--;
        }
    }

    private void skipSubtree(String name, String reason) throws XMLStreamException {
        skip(name, reason);
        int depth = 1;
        while (depth > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) depth++;
            else if (e == XMLStreamConstants.END_ELEMENT) depth--;
        }
    }

    private void skip(String element, String reason) {
        skipped.computeIfAbsent(element + "|" + reason, k -> new long[1])[0]++;
    }

    // ------------------------------------------------------------------ helpers

    private @Nullable String attr(String local) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (r.getAttributeLocalName(i).equals(local)) return r.getAttributeValue(i);
        }
        return null;
    }

    private @Nullable String typeAttr() {
        String t = attr("localtype");
        return t != null ? t : attr("type");
    }

    private Map<String, String> attrs() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : List.of("id", "level", "otherlevel", "audience")) {
            String v = attr(a);
            if (v != null) m.put(a, v.strip());
        }
        return m;
    }

    private String fit(String s, int max, String element) {
        if (s.length() <= max) return s;
        skip(element, "longer than " + max + " characters; cut to fit");
        return s.substring(0, max);
    }

    private @Nullable String fitOrNull(@Nullable String s, int max, String element) {
        return s == null || s.isEmpty() ? null : fit(s, max, element);
    }

    private static @Nullable String take(Map<String, StringBuilder> notes, String key) {
        StringBuilder sb = notes.remove(key);
        return sb == null ? null : sb.toString();
    }

    @SafeVarargs
    private static <T> @Nullable T firstNonNull(@Nullable T... values) {
        for (T v : values) if (v != null) return v;
        return null;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String guessLanguage(String text) {
        for (int i = 0; i < text.length(); i++) {
            Character.UnicodeScript sc = Character.UnicodeScript.of(text.charAt(i));
            if (sc == Character.UnicodeScript.HAN) return "zh";
        }
        return "und";
    }

    private static final Map<String, String> ISO639_2 = Map.ofEntries(Map.entry("eng", "en"),
            Map.entry("chi", "zh"), Map.entry("zho", "zh"), Map.entry("ger", "de"), Map.entry("deu", "de"),
            Map.entry("fre", "fr"), Map.entry("fra", "fr"), Map.entry("dut", "nl"), Map.entry("nld", "nl"),
            Map.entry("spa", "es"), Map.entry("ita", "it"), Map.entry("jpn", "ja"), Map.entry("kor", "ko"),
            Map.entry("rus", "ru"), Map.entry("lat", "la"), Map.entry("por", "pt"), Map.entry("swe", "sv"),
            Map.entry("dan", "da"), Map.entry("nor", "no"), Map.entry("pol", "pl"), Map.entry("heb", "he"),
            Map.entry("ara", "ar"), Map.entry("gre", "el"), Map.entry("ell", "el"), Map.entry("cze", "cs"),
            Map.entry("ces", "cs"), Map.entry("hun", "hu"), Map.entry("fin", "fi"), Map.entry("tur", "tr"),
            Map.entry("yid", "yi"), Map.entry("gle", "ga"), Map.entry("wel", "cy"), Map.entry("cym", "cy"));

    /** An ISO 639-2 code as a BCP 47 tag (two letters where one exists); other tags pass through. */
    static String bcp47(String code) {
        String c = code.strip();
        String lower = c.toLowerCase(Locale.ROOT);
        return ISO639_2.getOrDefault(lower, c.isEmpty() ? "und" : c);
    }

    private ImportException fail(String message) {
        javax.xml.stream.Location l = r.getLocation();
        return new ImportException(source, l == null ? -1 : l.getLineNumber(), l == null ? -1 : l.getColumnNumber(),
                message, null);
    }

    /** An open component: what has been read of it so far. */
    private static final class Comp {
        final @Nullable Comp parent;
        final Map<String, String> attrs;
        final int sequence;
        int children;
        boolean emitted;
        @Nullable DescriptionId id;
        @Nullable Level level;
        @Nullable String explicitId;
        final List<String> unitids = new ArrayList<>(1);
        @Nullable String title;
        @Nullable String titleLang;
        final List<Title> parallel = new ArrayList<>(0);
        final List<ArchivalDate> dates = new ArrayList<>(1);
        final List<Agent> agents = new ArrayList<>(0);
        final List<Extent> extents = new ArrayList<>(0);
        final List<String> languages = new ArrayList<>(0);
        final List<String> subjects = new ArrayList<>(0);
        final List<String> places = new ArrayList<>(0);
        final List<String> containers = new ArrayList<>(0);
        final Map<String, StringBuilder> notes = new LinkedHashMap<>();
        final Map<String, String> custom = new TreeMap<>();
        @Nullable String accessData;
        @Nullable LocalDate openingDate;
        @Nullable Carrier carrier;
        @Nullable String classification;
        @Nullable Retention retention;
        final List<DigitalObjectRef> objects = new ArrayList<>(0);

        Comp(@Nullable Comp parent, Map<String, String> attrs, int sequence) {
            this.parent = parent;
            this.attrs = attrs;
            this.sequence = sequence;
        }

        @Nullable String levelLabel() {
            String l = attrs.get("level");
            if ("otherlevel".equals(l) && attrs.get("otherlevel") != null) return attrs.get("otherlevel");
            return l;
        }

        void note(String key, String text) {
            if (text.isEmpty()) return;
            StringBuilder sb = notes.get(key);
            if (sb == null) notes.put(key, new StringBuilder(text));
            else sb.append(key.equals("dao") || key.equals("unitdate") || key.equals("unitid") ? "\n" : "\n\n")
                    .append(text);
        }
    }
}
