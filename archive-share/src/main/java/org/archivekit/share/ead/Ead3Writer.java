package org.archivekit.share.ead;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.AgentRole;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Carrier;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.Extent;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.Retention;
import org.archivekit.core.model.Title;
import org.jspecify.annotations.Nullable;

/**
 * Writes one description's EAD3 or EAD 2002 elements (the component's start tag, {@code did} and notes) into a
 * {@link XMLStreamWriter}; the caller writes children and the end tag. Stateless apart from its flavour.
 */
final class Ead3Writer {
    static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    private static final Set<String> LEVELS = Set.of("class", "collection", "file", "fonds", "item", "otherlevel",
            "recordgrp", "series", "subfonds", "subgrp", "subseries");
    private static final Set<String> DID_NOTES = Set.of("abstract", "materialspec", "didnote");
    /** The order of the text notes kept as {@code ead.*} custom fields. */
    private static final String[] DESC_NOTES = {"bioghist", "processinfo", "appraisal", "accruals", "altformavail",
        "originalsloc", "otherfindaid", "phystech", "fileplan", "bibliography", "separatedmaterial", "legalstatus",
        "odd"};

    /** The {@code ead.*} custom fields written as their own elements; any other goes to a typed {@code odd}. */
    private static final Set<String> WRITTEN = written();

    private final boolean ead2002;
    private final String ns;
    private final boolean plain;

    /**
     * A writer of one flavour. With {@code plain}, elements are written by local name alone: only for a document
     * this package started, whose root declares the EAD namespace as the default (it skips the writer's namespace
     * lookup on every element, a third of the cost of a component); without it, every element is written with
     * its namespace, as a writer someone else owns (and may repair namespaces) needs.
     */
    Ead3Writer(boolean ead2002, boolean plain) {
        this.ead2002 = ead2002;
        this.ns = ead2002 ? EadReader.EAD2002_NS : EadReader.EAD3_NS;
        this.plain = plain;
    }

    private static final Ead3Writer PLAIN_EAD3 = new Ead3Writer(false, true);

    /** The EAD3 writer of documents this package starts: what exports and their stored renditions write with. */
    static Ead3Writer plainEad3() {
        return PLAIN_EAD3;
    }

    /** Starts element {@code name} of the EAD namespace. */
    void start(XMLStreamWriter w, String name) throws XMLStreamException {
        if (plain) w.writeStartElement(name);
        else w.writeStartElement(ns, name);
    }

    private void empty(XMLStreamWriter w, String name) throws XMLStreamException {
        if (plain) w.writeEmptyElement(name);
        else w.writeEmptyElement(ns, name);
    }

    private static Set<String> written() {
        Set<String> s = new java.util.HashSet<>();
        for (String n : DESC_NOTES) s.add(EadReader.KEY + n);
        for (String n : DID_NOTES) s.add(EadReader.KEY + n);
        for (String n : new String[] {"level", "unitid", "unittitle", "unitdate", "physdesc", "langmaterial", "dao"}) {
            s.add(EadReader.KEY + n);
        }
        return Set.copyOf(s);
    }

    String namespace() {
        return ns;
    }

    /** The EAD {@code @level} value written for a model level. */
    static String levelName(Level level) {
        return switch (level) {
            case FONDS -> "fonds";
            case SUBFONDS -> "subfonds";
            case SERIES -> "series";
            case SUBSERIES -> "subseries";
            case FILE -> "file";
            case ITEM -> "item";
        };
    }

    /** Starts {@code archdesc} or {@code c} for {@code d} and writes everything but its children. */
    void startComponent(XMLStreamWriter w, Description d, boolean root) throws XMLStreamException {
        start(w, root ? "archdesc" : "c");
        String original = d.customFields().get(EadReader.KEY + "level");
        if (original != null && LEVELS.contains(original) && !original.equals("otherlevel")) {
            w.writeAttribute("level", original);
        } else if (original != null) {
            w.writeAttribute("level", "otherlevel");
            w.writeAttribute("otherlevel", clean(original));
        } else {
            w.writeAttribute("level", levelName(d.level()));
        }
        if (d.access().level().isAtLeast(AccessLevel.RESTRICTED)) w.writeAttribute("audience", "internal");
        did(w, d);
        notes(w, d);
    }

    /** A neutral placeholder standing for children the caller may not see. */
    void withheld(XMLStreamWriter w, long count) throws XMLStreamException {
        start(w, "c");
        w.writeAttribute("level", "otherlevel");
        w.writeAttribute("otherlevel", "withheld");
        start(w, "did");
        element(w, "unittitle", "Restricted material withheld");
        w.writeEndElement();
        start(w, "accessrestrict");
        element(w, "p", count == 1 ? "1 component is withheld." : count + " components are withheld.");
        w.writeEndElement();
        w.writeEndElement();
    }

    private void did(XMLStreamWriter w, Description d) throws XMLStreamException {
        Map<String, String> custom = d.customFields();
        start(w, "did");
        if (d.referenceCode() != null) element(w, "unitid", d.referenceCode().value());
        for (String extra : lines(custom.get(EadReader.KEY + "unitid"))) element(w, "unitid", extra);
        start(w, "unitid");
        w.writeAttribute(ead2002 ? "type" : "localtype", EadReader.ID_TYPE);
        text(w, d.id().value());
        w.writeEndElement();
        title(w, d.title());
        for (Title t : d.parallelTitles()) title(w, t);
        for (String extra : paragraphs(custom.get(EadReader.KEY + "unittitle"))) element(w, "unittitle", extra);
        for (ArchivalDate date : d.dates()) date(w, date);
        for (String loose : lines(custom.get(EadReader.KEY + "unitdate"))) element(w, "unitdate", loose);
        for (Agent a : d.agents()) {
            if (a.role() == AgentRole.SUBJECT) continue;
            start(w, "origination");
            if (a.role() != AgentRole.CREATOR) {
                w.writeAttribute(ead2002 ? "label" : "localtype", a.role().name().toLowerCase(Locale.ROOT));
            }
            agent(w, a);
            w.writeEndElement();
        }
        for (Extent x : d.extents()) extent(w, x);
        for (String p : paragraphs(custom.get(EadReader.KEY + "physdesc"))) element(w, "physdesc", p);
        if (!d.languages().isEmpty()) {
            start(w, "langmaterial");
            for (String l : d.languages()) {
                start(w, "language");
                w.writeAttribute("langcode", clean(l));
                text(w, l);
                w.writeEndElement();
            }
            w.writeEndElement();
        }
        for (String loose : paragraphs(custom.get(EadReader.KEY + "langmaterial"))) {
            // a statement without language codes: one langmaterial each, as it was read
            start(w, "langmaterial");
            if (ead2002) text(w, loose);
            else element(w, "language", loose);
            w.writeEndElement();
        }
        if (d.location().place() != null) element(w, "physloc", d.location().place());
        if (d.location().container() != null) element(w, "container", d.location().container());
        for (String line : lines(custom.get(EadReader.KEY + "dao"))) dao(w, line);
        for (DigitalObjectRef o : d.digitalObjects()) object(w, o);
        for (String n : DID_NOTES) {
            if (ead2002 && n.equals("didnote")) {
                note(w, "note", custom.get(EadReader.KEY + n), null);
                continue;
            }
            for (String p : paragraphs(custom.get(EadReader.KEY + n))) element(w, n, p);
        }
        w.writeEndElement();
    }

    private void title(XMLStreamWriter w, Title t) throws XMLStreamException {
        start(w, "unittitle");
        if (!ead2002) w.writeAttribute("lang", clean(t.language()));
        text(w, t.text());
        w.writeEndElement();
    }

    private void date(XMLStreamWriter w, ArchivalDate date) throws XMLStreamException {
        start(w, "unitdate");
        boolean open = date.begin() == null || date.end() == null;
        if (!ead2002 || !open) w.writeAttribute("normal", normal(date));
        if (date.approximate()) w.writeAttribute("certainty", "approximate");
        text(w, date.expression());
        w.writeEndElement();
    }

    private static String normal(ArchivalDate d) {
        return (d.begin() == null ? ".." : d.begin().toString()) + "/" + (d.end() == null ? ".." : d.end().toString());
    }

    private void agent(XMLStreamWriter w, Agent a) throws XMLStreamException {
        String el = switch (a.type()) {
            case PERSON -> "persname";
            case CORPORATE_BODY -> "corpname";
            case FAMILY -> "famname";
        };
        start(w, el);
        if (a.authorityId() != null) {
            w.writeAttribute(ead2002 ? "authfilenumber" : "identifier", clean(a.authorityId()));
        }
        if (ead2002) {
            text(w, a.name());
        } else {
            element(w, "part", a.name());
        }
        w.writeEndElement();
    }

    private void extent(XMLStreamWriter w, Extent x) throws XMLStreamException {
        if (ead2002) {
            start(w, "physdesc");
            element(w, "extent", x.toString());
            w.writeEndElement();
            return;
        }
        start(w, "physdescstructured");
        w.writeAttribute("coverage", "whole");
        String u = x.unit().toLowerCase(Locale.ROOT);
        boolean space = u.contains("feet") || u.contains("foot") || u.contains("metre") || u.contains("meter")
                || u.contains("cubic") || u.contains("米");
        w.writeAttribute("physdescstructuredtype", space ? "spaceoccupied" : "materialtype");
        element(w, "quantity", x.quantity().toPlainString());
        element(w, "unittype", x.unit());
        w.writeEndElement();
    }

    private void dao(XMLStreamWriter w, String line) throws XMLStreamException {
        int tab = line.indexOf('\t');
        String href = tab < 0 ? line : line.substring(0, tab);
        String title = tab < 0 ? "" : line.substring(tab + 1);
        start(w, "dao");
        if (ead2002) {
            w.writeAttribute(XLINK_NS, "type", "simple");
            w.writeAttribute(XLINK_NS, "href", clean(href));
            if (!title.isEmpty()) w.writeAttribute(XLINK_NS, "title", clean(title));
        } else {
            w.writeAttribute("daotype", "unknown");
            w.writeAttribute("href", clean(href));
            if (!title.isEmpty()) w.writeAttribute("linktitle", clean(title));
        }
        w.writeEndElement();
    }

    /**
     * A digital object of the model: its name as the link title, its media type, size and SHA-256 as data in the
     * note (EAD3 also carries the checksum as {@code @identifier}); marked so the importer reads it back.
     */
    private void object(XMLStreamWriter w, DigitalObjectRef o) throws XMLStreamException {
        start(w, "dao");
        if (ead2002) {
            w.writeAttribute(XLINK_NS, "type", "simple");
            w.writeAttribute(XLINK_NS, "role", EadReader.OBJECT_TYPE);
            w.writeAttribute(XLINK_NS, "title", clean(o.fileName()));
            start(w, "daodesc");
        } else {
            w.writeAttribute("daotype", "borndigital");
            w.writeAttribute("localtype", EadReader.OBJECT_TYPE);
            w.writeAttribute("linktitle", clean(o.fileName()));
            w.writeAttribute("identifier", "sha256:" + o.sha256());
            start(w, "descriptivenote");
        }
        element(w, "p", "mediaType=" + o.mediaType() + "; size=" + o.size() + "; sha256=" + o.sha256());
        w.writeEndElement();
        w.writeEndElement();
    }

    private void notes(XMLStreamWriter w, Description d) throws XMLStreamException {
        Map<String, String> custom = d.customFields();
        note(w, "scopecontent", d.scopeAndContent(), null);
        note(w, "arrangement", d.arrangement(), null);
        note(w, "accessrestrict", d.notes().accessConditions(), null);
        accessData(w, d.access(), d.status());
        note(w, "userestrict", d.notes().useConditions(), null);
        note(w, "custodhist", d.notes().custodialHistory(), null);
        note(w, "acqinfo", d.notes().acquisition(), null);
        note(w, "relatedmaterial", d.notes().relatedMaterial(), null);
        note(w, "prefercite", d.notes().preferredCitation(), null);
        for (String n : DESC_NOTES) {
            if (!(ead2002 && n.equals("legalstatus"))) note(w, n, custom.get(EadReader.KEY + n), null);
        }
        for (Map.Entry<String, String> e : custom.entrySet()) {
            if (WRITTEN.contains(e.getKey()) && !(ead2002 && e.getKey().equals(EadReader.KEY + "legalstatus"))) {
                continue;
            }
            note(w, "odd", e.getValue().isEmpty() ? " " : e.getValue(), EadReader.CUSTOM_TYPE + e.getKey());
        }
        if (d.carrier() != Carrier.PAPER) note(w, "odd", d.carrier().name(), EadReader.CARRIER_TYPE);
        note(w, "odd", d.classification(), EadReader.CLASSIFICATION_TYPE);
        Retention r = d.retention();
        if (r != null) {
            note(w, "odd", "period=" + r.period().code() + (r.disposalReview() == null ? ""
                    : "; review=" + r.disposalReview()), EadReader.RETENTION_TYPE);
        }
        boolean subjectsAgents = d.agents().stream().anyMatch(a -> a.role() == AgentRole.SUBJECT);
        if (!d.subjects().isEmpty() || subjectsAgents) {
            start(w, "controlaccess");
            for (String s : d.subjects()) {
                start(w, "subject");
                if (ead2002) text(w, s);
                else element(w, "part", s);
                w.writeEndElement();
            }
            for (Agent a : d.agents()) if (a.role() == AgentRole.SUBJECT) agent(w, a);
            w.writeEndElement();
        }
    }

    private void accessData(XMLStreamWriter w, Access a, LifecycleStatus status) throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        sb.append("level=").append(a.level()).append("; secrecy=").append(a.secrecy()).append("; disclosure=")
                .append(a.disclosure()).append("; open=").append(a.openStatus());
        if (a.openingDate() != null) sb.append("; opening=").append(a.openingDate());
        if (a.embargoUntil() != null) sb.append("; embargo=").append(a.embargoUntil());
        sb.append("; status=").append(status);
        note(w, "accessrestrict", sb.toString(), EadReader.ACCESS_TYPE);
    }

    private void note(XMLStreamWriter w, String name, @Nullable String text, @Nullable String type)
            throws XMLStreamException {
        if (text == null || text.isEmpty()) return;
        start(w, name);
        if (type != null) w.writeAttribute(ead2002 ? "type" : "localtype", type);
        for (String p : paragraphs(text)) element(w, "p", p);
        w.writeEndElement();
    }

    private void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        start(w, name);
        text(w, text);
        w.writeEndElement();
    }

    private static void text(XMLStreamWriter w, String s) throws XMLStreamException {
        w.writeCharacters(clean(s));
    }

    private static String[] lines(@Nullable String s) {
        return s == null || s.isEmpty() ? NONE : s.split("\n");
    }

    private static final String[] NONE = new String[0];

    /** The non-blank paragraphs of {@code s} (separated by a blank line), without a regular expression. */
    private static String[] paragraphs(@Nullable String s) {
        if (s == null || s.isBlank()) return NONE;
        int cut = s.indexOf("\n\n");
        if (cut < 0) return new String[] {s};
        java.util.List<String> out = new java.util.ArrayList<>();
        int from = 0;
        while (true) {
            String p = cut < 0 ? s.substring(from) : s.substring(from, cut);
            if (!p.isBlank()) out.add(p);
            if (cut < 0) return out.toArray(NONE);
            from = cut + 2;
            cut = s.indexOf("\n\n", from);
        }
    }

    /** Drops characters XML 1.0 cannot carry (C0 controls other than tab, newline, CR; unpaired surrogates). */
    static String clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF
                    || Character.isSurrogate(c)) {
                return cleanSlow(s);
            }
        }
        return s;
    }

    private static String cleanSlow(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (!((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF
                    || Character.isSurrogate(c))) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
