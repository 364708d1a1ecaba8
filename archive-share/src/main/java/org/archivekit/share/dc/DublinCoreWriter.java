package org.archivekit.share.dc;

import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.archivekit.core.Archive;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.AgentRole;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.Extent;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.Title;
import org.archivekit.core.ExportException;
import org.jspecify.annotations.Nullable;

/**
 * Writes a description as an OAI-PMH {@code oai_dc} record (simple Dublin Core, valid against {@code oai_dc.xsd}).
 *
 * <p>Mapping: title and parallel titles → {@code dc:title} with {@code xml:lang}; creators, authors and
 * photographers → {@code dc:creator}; other agents → {@code dc:contributor}, except subject agents and subjects
 * → {@code dc:subject}; scope and content → {@code dc:description}; each date → {@code dc:date} as its ISO 8601
 * interval ({@code 1931-01-01/1935-12-31}); the DCMI type from level and carrier → {@code dc:type}; extents and
 * attached media types → {@code dc:format}; reference code and record id → {@code dc:identifier}; languages →
 * {@code dc:language}; use and access conditions → {@code dc:rights}; related material → {@code dc:relation}; the
 * parent record, only when the reader may see it → {@code dc:relation} ({@code isPartOf:<id>}); the institution →
 * {@code dc:publisher}.
 *
 * <p>Stateless and thread-safe; the writers it is given are not.
 *
 * @since 0.1
 */
public final class DublinCoreWriter {
    /** The {@code oai_dc} namespace. */
    public static final String OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/";
    /** The Dublin Core elements namespace. */
    public static final String DC_NS = "http://purl.org/dc/elements/1.1/";
    private static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

    private DublinCoreWriter() {}

    /**
     * Writes {@code d} as one {@code oai_dc:dc} element into {@code w}, declaring its namespaces on the element
     * itself, so it can sit inside an OAI-PMH {@code metadata} element or stand alone. The caller must have checked
     * that whoever receives it may see the record.
     *
     * @throws ExportException when writing fails
     */
    public static void write(XMLStreamWriter w, Description d) {
        write(w, d, false);
    }

    /**
     * Writes {@code d} as one {@code oai_dc:dc} element, naming its parent ({@code dc:relation isPartOf:ID}) only
     * when {@code parentVisible}: a record seen through a grant may have a parent its reader may not see, whose id
     * must not be given away. {@link #write(XMLStreamWriter, Description)} never names the parent.
     */
    public static void write(XMLStreamWriter w, Description d, boolean parentVisible) {
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(d, "d");
        try {
            w.writeStartElement("oai_dc", "dc", OAI_DC_NS);
            w.writeNamespace("oai_dc", OAI_DC_NS);
            w.writeNamespace("dc", DC_NS);
            w.writeNamespace("xsi", XSI_NS);
            w.writeAttribute("xsi", XSI_NS, "schemaLocation",
                    OAI_DC_NS + " http://www.openarchives.org/OAI/2.0/oai_dc.xsd");
            title(w, d.title());
            for (Title t : d.parallelTitles()) title(w, t);
            for (Agent a : d.agents()) {
                if (a.role() == AgentRole.SUBJECT) continue;
                boolean creator = a.role() == AgentRole.CREATOR || a.role() == AgentRole.AUTHOR
                        || a.role() == AgentRole.PHOTOGRAPHER;
                dc(w, creator ? "creator" : "contributor", a.name());
            }
            for (String s : d.subjects()) dc(w, "subject", s);
            for (Agent a : d.agents()) if (a.role() == AgentRole.SUBJECT) dc(w, "subject", a.name());
            dc(w, "description", d.scopeAndContent());
            dc(w, "publisher", d.institution().value());
            for (ArchivalDate date : d.dates()) dc(w, "date", date.normalized());
            dc(w, "type", type(d));
            for (Extent x : d.extents()) dc(w, "format", x.toString());
            for (DigitalObjectRef o : d.digitalObjects()) dc(w, "format", o.mediaType());
            dc(w, "identifier", d.id().value());
            if (d.referenceCode() != null) dc(w, "identifier", d.referenceCode().value());
            for (String l : d.languages()) dc(w, "language", l);
            if (d.parent() != null && parentVisible) dc(w, "relation", "isPartOf:" + d.parent().value());
            dc(w, "relation", d.notes().relatedMaterial());
            dc(w, "rights", d.notes().useConditions());
            dc(w, "rights", d.notes().accessConditions());
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new ExportException("Dublin Core export of '" + d.id() + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes record {@code id}, as {@code caller} may see it, as a standalone {@code oai_dc} document to
     * {@code out} (UTF-8); does not close {@code out}.
     *
     * @throws org.archivekit.core.NotFoundException when the record is missing or hidden from the caller
     */
    public static void export(Archive archive, Principal caller, DescriptionId id, OutputStream out) {
        RecordView view = archive.view(caller, id);
        Description d = view.description();
        List<RecordView.Crumb> crumbs = view.breadcrumb();
        boolean parentVisible = d.parent() != null && !crumbs.isEmpty()
                && crumbs.get(crumbs.size() - 1).id().equals(d.parent());
        try {
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            write(w, d, parentVisible);
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new ExportException("Dublin Core export of '" + id + "' failed: " + e.getMessage(), e);
        }
    }

    /** The DCMI Type vocabulary term for a record: aggregates are collections, items follow their carrier. */
    static String type(Description d) {
        if (d.level() != Level.ITEM) return "Collection";
        return switch (d.carrier()) {
            case PHOTO -> "StillImage";
            case AUDIO -> "Sound";
            case VIDEO -> "MovingImage";
            case BORN_DIGITAL, DIGITIZED, PAPER, OTHER -> "Text";
        };
    }

    private static void title(XMLStreamWriter w, Title t) throws XMLStreamException {
        w.writeStartElement("dc", "title", DC_NS);
        w.writeAttribute("xml", XML_NS, "lang", t.language());
        w.writeCharacters(clean(t.text()));
        w.writeEndElement();
    }

    private static void dc(XMLStreamWriter w, String element, @Nullable String text) throws XMLStreamException {
        if (text == null || text.isBlank()) return;
        w.writeStartElement("dc", element, DC_NS);
        w.writeCharacters(clean(text));
        w.writeEndElement();
    }

    private static String clean(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF;
            if (bad && sb == null) sb = new StringBuilder(s.substring(0, i));
            else if (!bad && sb != null) sb.append(c);
        }
        return sb == null ? s : sb.toString();
    }
}
