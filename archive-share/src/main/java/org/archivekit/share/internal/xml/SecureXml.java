package org.archivekit.share.internal.xml;

import java.io.InputStream;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import org.archivekit.share.ImportException;
import org.jspecify.annotations.Nullable;

/**
 * Opens untrusted XML for streaming: the JDK's StAX parser with DTD processing, external entities, external DTD
 * and schema access and entity resolution all switched off, plus checks the parser does not make itself.
 *
 * <p>A {@code <!DOCTYPE>} is accepted (EAD 2002 files carry one pointing at a remote {@code ead.dtd}) but never
 * loaded; a DOCTYPE with an internal subset (where entities are declared) is refused, as is any entity reference
 * other than the five predefined ones, any XInclude element, and nesting deeper than the configured limit. Refusals are
 * {@link XMLStreamException}s with a location; {@link #refusal} turns them into an {@link ImportException}.
 */
public final class SecureXml {
    /** The XInclude namespace; its elements are refused, never processed. */
    public static final String XINCLUDE_NS = "http://www.w3.org/2001/XInclude";

    /** The default maximum element depth; EAD finding aids rarely go past 40. */
    public static final int DEFAULT_MAX_DEPTH = 1000;

    private static final XMLInputFactory FACTORY = newFactory();

    private SecureXml() {}

    /** A fresh hardened factory, always the JDK's implementation whatever is on the class path. */
    public static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        trySet(f, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // belt and braces: with DTDs off no entity is declared, but cap expansion should that ever change
        trySet(f, "jdk.xml.entityExpansionLimit", "100");
        trySet(f, "jdk.xml.maxGeneralEntitySizeLimit", "4096");
        trySet(f, "jdk.xml.maxParameterEntitySizeLimit", "4096");
        trySet(f, "jdk.xml.totalEntitySizeLimit", "65536");
        trySet(f, "jdk.xml.maxElementDepth", Integer.toString(DEFAULT_MAX_DEPTH * 10));
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return f;
    }

    private static void trySet(XMLInputFactory f, String name, String value) {
        try {
            f.setProperty(name, value);
        } catch (IllegalArgumentException e) {
            // not every JDK build knows every jdk.xml property; the reader's own checks still apply
        }
    }

    /**
     * A hardened reader over {@code in} allowing {@code maxDepth} nested elements. Use {@link XMLStreamReader#next()}
     * to advance; {@code nextTag()} bypasses the checks and must not be used.
     *
     * @throws XMLStreamException when the prolog is not XML
     */
    public static XMLStreamReader open(InputStream in, int maxDepth) throws XMLStreamException {
        return new Checked(FACTORY.createXMLStreamReader(in), maxDepth);
    }

    /** Turns a parser refusal into the typed exception naming file, line and column. */
    public static ImportException refusal(String file, XMLStreamException e) {
        Location loc = e.getLocation();
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        // the JDK prefixes "ParseError at [row,col]:[r,c]\nMessage: "; keep just the message
        int m = msg.indexOf("Message: ");
        if (m >= 0) msg = msg.substring(m + "Message: ".length());
        return new ImportException(file, loc == null ? -1 : loc.getLineNumber(),
                loc == null ? -1 : loc.getColumnNumber(), msg.strip(), e);
    }

    private static final class Checked extends StreamReaderDelegate {
        private final int maxDepth;
        private int depth;

        Checked(XMLStreamReader r, int maxDepth) {
            super(r);
            this.maxDepth = maxDepth;
        }

        @Override
        public int next() throws XMLStreamException {
            int e = super.next();
            switch (e) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++depth > maxDepth) {
                        throw new XMLStreamException("elements nested deeper than " + maxDepth
                                + " levels are refused", getLocation());
                    }
                    if (XINCLUDE_NS.equals(getNamespaceURI())) {
                        throw new XMLStreamException("XInclude (" + getLocalName() + ") is refused; include the"
                                + " content in the file itself", getLocation());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.DTD -> checkDoctype(getText());
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new XMLStreamException("entity reference &"
                        + getLocalName() + "; is refused: only &amp; &lt; &gt; &quot; &apos; and character"
                        + " references are allowed", getLocation());
                default -> { }
            }
            return e;
        }

        private void checkDoctype(@Nullable String text) throws XMLStreamException {
            if (text == null) return;
            // The JDK garbles the DOCTYPE text read from a byte stream, but its closing "]>" survives: refuse any
            // internal subset (entity declarations, parameter entities) rather than trying to read it.
            String t = text.strip().toUpperCase(Locale.ROOT);
            if (t.endsWith("]>") || t.contains("<!ENTITY")) {
                throw new XMLStreamException("a DOCTYPE with an internal subset is refused: entity declarations"
                        + " (expansion, external entities) are not allowed", getLocation());
            }
        }
    }
}
