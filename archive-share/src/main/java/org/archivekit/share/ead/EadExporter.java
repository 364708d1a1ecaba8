package org.archivekit.share.ead;

import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.ExportException;
import org.archivekit.share.internal.VisibleTree;
import org.archivekit.share.internal.xml.Utf8XmlWriter;
import org.jspecify.annotations.Nullable;

/**
 * Writes a record and everything below it that the caller may see as one EAD3 (or EAD 2002) finding aid,
 * streamed from the store: components come in document order (depth first, siblings in order), one page of
 * children per open level, so memory grows with the tree's depth, never with its size. The store's read, decoding
 * and access decisions run on a second thread ahead of the writing ({@link VisibleTree#walkAhead}), and the XML is
 * encoded by a lean writer ({@link Utf8XmlWriter}) that writes the bytes the JDK's writer would. The root goes through
 * {@link Archive#view} (a hidden root looks missing and is audited); below it each child is shown only if the
 * archive's access policy lets the caller see it, exactly as {@link Archive#children} decides.
 *
 * <p>When the store keeps EAD3 renditions ({@link Ead3Renditions}, registered when the store is opened), an EAD3
 * export decides each record's visibility from its stored access facts and copies its stored {@code <c>} fragment
 * instead of decoding and writing it; records without a current rendition are written live, and the output is the
 * same byte for byte ({@link Builder#storedRenditions(boolean)} turns this off).
 *
 * <p>Hidden descendants are left out; with {@link Builder#withheldPlaceholder(boolean)} a neutral
 * "Restricted material withheld" component stands in their place (revealing only that something is withheld).
 * Access elements and opening dates are written as data in {@code accessrestrict[@localtype="archivekit:access"]},
 * so they survive a round trip through {@link EadImporter}. The output is valid against the official EAD3 1.1.1
 * XSD (or the EAD 2002 XSD, 2021 release).
 *
 * <p>For services that need one record at a time (OAI-PMH), {@link #writeRecord(XMLStreamWriter, Description)}
 * writes a single record as a complete {@code <ead>} element into a writer the caller owns. Immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public final class EadExporter {
    /** The EAD flavour written. */
    public enum Flavour {
        /** EAD3 1.1.1, namespace {@code http://ead3.archivists.org/schema/}. */
        EAD3,
        /** EAD 2002, namespace {@code urn:isbn:1-931666-22-9}. */
        EAD2002
    }

    private final Flavour flavour;
    private final boolean placeholder;
    private final boolean renditions;
    private final Ead3Writer writer;
    private final Ead3Writer ownWriter;

    private EadExporter(Builder b) {
        this.flavour = b.flavour;
        this.placeholder = b.placeholder;
        this.renditions = b.renditions;
        this.writer = new Ead3Writer(flavour == Flavour.EAD2002, false);
        this.ownWriter = flavour == Flavour.EAD2002 ? new Ead3Writer(true, true) : Ead3Writer.plainEad3();
    }

    /** Starts an exporter: EAD3, no placeholders. */
    public static Builder builder() {
        return new Builder();
    }

    /** The flavour written. */
    public Flavour flavour() {
        return flavour;
    }

    /**
     * Writes record {@code id} and its visible descendants as one EAD document to {@code out} (UTF-8); does not
     * close {@code out}.
     *
     * @return how many components were written, {@code id} included, placeholders not
     * @throws org.archivekit.core.NotFoundException when {@code id} is missing or hidden from {@code caller}
     * @throws ExportException when writing fails
     */
    public long export(Archive archive, Principal caller, DescriptionId id, OutputStream out) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(id, "id");
        return export(archive, caller, id, new Utf8XmlWriter(out));
    }

    /**
     * {@link #export(Archive, Principal, DescriptionId, OutputStream)} into a writer of a document this exporter
     * starts and ends (the lean {@link Utf8XmlWriter}, or for comparison the JDK's); the writer is closed.
     */
    long export(Archive archive, Principal caller, DescriptionId id, XMLStreamWriter w) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(id, "id");
        // stored renditions are bytes of this package's own EAD3 writing: copied only into the lean writer
        Utf8XmlWriter lean = flavour == Flavour.EAD3 && w instanceof Utf8XmlWriter u ? u : null;
        try {
            long n = VisibleTree.walkAhead(archive, caller, id, new VisibleTree.Visitor<XMLStreamException>() {
                private boolean dsc;

                @Override
                public void enter(Description record, int depth, byte @Nullable [] rendition)
                        throws XMLStreamException {
                    if (rendition == null || depth == 0 || lean == null) {
                        if (rendition != null) throw new IllegalStateException("a rendition was not asked for");
                        enter(record, depth);
                        return;
                    }
                    if (depth == 1) openDsc();
                    lean.writeStartedElement("c", rendition);
                }

                @Override
                public void enter(Description record, int depth) throws XMLStreamException {
                    if (depth == 0) {
                        w.writeStartDocument("UTF-8", "1.0");
                        w.writeCharacters("\n");
                        startEad(w, record, archive.policy().now());
                    } else if (depth == 1) {
                        openDsc();
                    }
                    ownWriter.startComponent(w, record, depth == 0);
                }

                @Override
                public void exit(Description record, int depth) throws XMLStreamException {
                    if (depth == 0 && dsc) w.writeEndElement(); // dsc
                    w.writeEndElement(); // archdesc or c
                    if (depth == 0) {
                        w.writeEndElement(); // ead
                        w.writeEndDocument();
                    }
                }

                @Override
                public void withheld(Description parent, long hidden, int depth) throws XMLStreamException {
                    if (!placeholder) return;
                    if (depth == 1) openDsc();
                    ownWriter.withheld(w, hidden);
                }

                private void openDsc() throws XMLStreamException {
                    if (dsc) return;
                    w.writeStartElement(writer.namespace(), "dsc");
                    dsc = true;
                }
            }, lean == null || !renditions ? null : Ead3Renditions.FORMAT, Ead3Renditions.FORMAT_VERSION);
            w.flush();
            w.close();
            return n;
        } catch (XMLStreamException e) {
            throw new ExportException("EAD export of '" + id + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code record} alone (no descendants) as a complete {@code <ead>} element into {@code w}, whose
     * document the caller owns: for OAI-PMH {@code GetRecord} and similar one-record services. The caller must
     * already have checked that the record is visible to whoever receives it.
     *
     * @throws ExportException when writing fails
     */
    public void writeRecord(XMLStreamWriter w, Description record) {
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(record, "record");
        try {
            startEad(w, record, record.info().updatedAt());
            writer.startComponent(w, record, true);
            w.writeEndElement();
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new ExportException("EAD export of '" + record.id() + "' failed: " + e.getMessage(), e);
        }
    }

    private void startEad(XMLStreamWriter w, Description root, @Nullable Instant when) throws XMLStreamException {
        String ns = writer.namespace();
        w.setDefaultNamespace(ns);
        w.writeStartElement(ns, "ead");
        w.writeDefaultNamespace(ns);
        String title = Ead3Writer.clean(root.title().text());
        if (flavour == Flavour.EAD2002) {
            w.writeNamespace("xlink", Ead3Writer.XLINK_NS);
            w.writeStartElement(ns, "eadheader");
            simple(w, "eadid", root.id().value());
            w.writeStartElement(ns, "filedesc");
            w.writeStartElement(ns, "titlestmt");
            simple(w, "titleproper", title);
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            return;
        }
        w.writeStartElement(ns, "control");
        simple(w, "recordid", root.id().value());
        w.writeStartElement(ns, "filedesc");
        w.writeStartElement(ns, "titlestmt");
        simple(w, "titleproper", title);
        w.writeEndElement();
        w.writeEndElement();
        w.writeEmptyElement(ns, "maintenancestatus");
        w.writeAttribute("value", "derived");
        w.writeStartElement(ns, "maintenanceagency");
        simple(w, "agencyname", root.institution().value());
        w.writeEndElement();
        w.writeStartElement(ns, "maintenancehistory");
        w.writeStartElement(ns, "maintenanceevent");
        w.writeEmptyElement(ns, "eventtype");
        w.writeAttribute("value", "derived");
        String at = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                (when == null ? Instant.EPOCH : when).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
        w.writeStartElement(ns, "eventdatetime");
        w.writeAttribute("standarddatetime", at);
        w.writeCharacters(at);
        w.writeEndElement();
        w.writeEmptyElement(ns, "agenttype");
        w.writeAttribute("value", "machine");
        simple(w, "agent", "ArchiveKit");
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    }

    private void simple(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(writer.namespace(), name);
        w.writeCharacters(Ead3Writer.clean(text));
        w.writeEndElement();
    }

    /** Collects the options of an {@link EadExporter}; not thread-safe. */
    public static final class Builder {
        private Flavour flavour = Flavour.EAD3;
        private boolean placeholder;
        private boolean renditions = true;

        private Builder() {}

        /**
         * Whether an EAD3 export copies the stored renditions of {@link Ead3Renditions} where records have current
         * ones; default {@code true}. The output is the same either way; {@code false} renders every record live.
         */
        public Builder storedRenditions(boolean use) {
            this.renditions = use;
            return this;
        }

        /** The flavour to write; default {@link Flavour#EAD3}. */
        public Builder flavour(Flavour flavour) {
            this.flavour = Objects.requireNonNull(flavour, "flavour");
            return this;
        }

        /**
         * Whether a neutral "Restricted material withheld" component stands in for children the caller may not
         * see; default {@code false} (they are left out without trace).
         */
        public Builder withheldPlaceholder(boolean placeholder) {
            this.placeholder = placeholder;
            return this;
        }

        /** The exporter. */
        public EadExporter build() {
            return new EadExporter(this);
        }
    }
}
