package org.archivekit.share.internal.xml;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * A lean, non-repairing {@link XMLStreamWriter} that encodes UTF-8 straight into a byte buffer: for the large
 * documents the share module writes itself (an EAD export of a million components), where the JDK writer's
 * per-call namespace bookkeeping, character encoder and escaping were most of the writing cost.
 *
 * <p>It writes the same bytes as the JDK's default writer for the calls it supports (text escapes {@code & < >},
 * attribute values also {@code "}; an element with nothing in it is written {@code <a></a>}, an empty element
 * {@code <a/>}). Unlike it, it refuses (with an {@link XMLStreamException}) a character XML 1.0 cannot carry
 * (C0 controls other than tab, newline and carriage return, U+FFFE, U+FFFF, an unpaired surrogate) instead of
 * writing a document no parser would read; callers drop those first. Supplementary characters are written as
 * their four UTF-8 bytes. Names are written as given (the caller uses fixed, valid names).
 *
 * <p>Namespaces: prefixes and the default namespace are bound by {@link #writeNamespace}, {@link
 * #writeDefaultNamespace}, {@link #setPrefix} and {@link #setDefaultNamespace}, scoped to the element; an element or
 * attribute in a namespace that is not bound is refused. Comments, processing instructions, CDATA, DTDs and entity
 * references are not supported. Not thread-safe; {@link #close()} flushes but does not close the stream.
 */
public final class Utf8XmlWriter implements XMLStreamWriter {
    private static final byte[] AMP = ascii("&amp;");
    private static final byte[] LT = ascii("&lt;");
    private static final byte[] GT = ascii("&gt;");
    private static final byte[] QUOT = ascii("&quot;");

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 14];
    private int pos;

    /** The qualified names of the open elements. */
    private String[] open = new String[32];
    private int depth;
    /** Bindings, innermost last: prefix ("" for the default), URI, and the depth they end with. */
    private String[] prefixes = new String[8];
    private String[] uris = new String[8];
    private int[] scopes = new int[8];
    private int bindings;
    /** A start tag is open: attributes and namespaces may still be added. */
    private boolean inTag;
    /** The open start tag is of an empty element. */
    private boolean emptyTag;

    /** A writer into {@code out}, which is flushed, never closed, by {@link #close()}. */
    public Utf8XmlWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    // ---- structure --------------------------------------------------------------------------------------------

    @Override
    public void writeStartDocument() throws XMLStreamException {
        writeStartDocument("1.0");
    }

    @Override
    public void writeStartDocument(String version) throws XMLStreamException {
        raw("<?xml version=\"");
        raw(version);
        raw("\"?>");
    }

    @Override
    public void writeStartDocument(String encoding, String version) throws XMLStreamException {
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            throw new XMLStreamException("this writer writes UTF-8 only, not " + encoding);
        }
        raw("<?xml version=\"");
        raw(version);
        raw("\"");
        if (encoding != null && !encoding.isEmpty()) {
            raw(" encoding=\"");
            raw(encoding);
            raw("\"");
        }
        raw("?>");
    }

    @Override
    public void writeStartElement(String localName) throws XMLStreamException {
        start(localName, false);
    }

    @Override
    public void writeStartElement(String namespaceURI, String localName) throws XMLStreamException {
        start(qualified(namespaceURI, localName, true), false);
    }

    @Override
    public void writeStartElement(String prefix, String localName, String namespaceURI) throws XMLStreamException {
        start(prefix == null || prefix.isEmpty() ? localName : prefix + ":" + localName, false);
    }

    @Override
    public void writeEmptyElement(String localName) throws XMLStreamException {
        start(localName, true);
    }

    @Override
    public void writeEmptyElement(String namespaceURI, String localName) throws XMLStreamException {
        start(qualified(namespaceURI, localName, true), true);
    }

    @Override
    public void writeEmptyElement(String prefix, String localName, String namespaceURI) throws XMLStreamException {
        start(prefix == null || prefix.isEmpty() ? localName : prefix + ":" + localName, true);
    }

    private void start(String name, boolean empty) throws XMLStreamException {
        closeTag();
        if (!empty) {
            if (depth == open.length) open = Arrays.copyOf(open, depth * 2);
            open[depth++] = name;
        }
        inTag = true;
        emptyTag = empty;
        room(1);
        buf[pos++] = '<';
        raw(name);
    }

    /** Ends the open start tag, if any: {@code />} for an empty element, else {@code >}. */
    private void closeTag() throws XMLStreamException {
        if (!inTag) return;
        inTag = false;
        if (emptyTag) {
            raw("/>");
            emptyTag = false;
            unbind(depth + 1); // the empty element's own bindings
        } else {
            room(1);
            buf[pos++] = '>';
        }
    }

    @Override
    public void writeEndElement() throws XMLStreamException {
        closeTag();
        if (depth == 0) throw new XMLStreamException("no open element to end");
        String name = open[--depth];
        open[depth] = null;
        room(2);
        buf[pos++] = '<';
        buf[pos++] = '/';
        raw(name);
        room(1);
        buf[pos++] = '>';
        unbind(depth + 1);
    }

    /**
     * Writes {@code fragment}, the bytes of an element {@code name}'s start tag and content made earlier by this
     * writer's own calls on an empty writer (ending with no start tag open), as if those calls were made here: the
     * open start tag before it is ended first, and {@code name} stays open for {@link #writeEndElement}. The
     * fragment must bind no namespace of its own; it is copied, not checked.
     */
    public void writeStartedElement(String name, byte[] fragment) throws XMLStreamException {
        Objects.requireNonNull(name, "name");
        closeTag();
        if (depth == open.length) open = Arrays.copyOf(open, depth * 2);
        open[depth++] = name;
        if (fragment.length > buf.length - pos) {
            try {
                drain();
                if (fragment.length > buf.length) {
                    out.write(fragment);
                    return;
                }
            } catch (IOException e) {
                throw new XMLStreamException("writing failed: " + e.getMessage(), e);
            }
        }
        System.arraycopy(fragment, 0, buf, pos, fragment.length);
        pos += fragment.length;
    }

    @Override
    public void writeEndDocument() throws XMLStreamException {
        while (depth > 0) writeEndElement();
        closeTag();
    }

    @Override
    public void close() throws XMLStreamException {
        flush();
    }

    @Override
    public void flush() throws XMLStreamException {
        try {
            drain();
            out.flush();
        } catch (IOException e) {
            throw new XMLStreamException("writing failed: " + e.getMessage(), e);
        }
    }

    // ---- attributes and namespaces ------------------------------------------------------------------------------

    @Override
    public void writeAttribute(String localName, String value) throws XMLStreamException {
        attribute(localName, value);
    }

    @Override
    public void writeAttribute(String namespaceURI, String localName, String value) throws XMLStreamException {
        attribute(qualified(namespaceURI, localName, false), value);
    }

    @Override
    public void writeAttribute(String prefix, String namespaceURI, String localName, String value)
            throws XMLStreamException {
        attribute(prefix == null || prefix.isEmpty() ? localName : prefix + ":" + localName, value);
    }

    private void attribute(String name, String value) throws XMLStreamException {
        if (!inTag) throw new XMLStreamException("an attribute needs an open start tag: " + name);
        room(1);
        buf[pos++] = ' ';
        raw(name);
        raw("=\"");
        escaped(value, true);
        room(1);
        buf[pos++] = '"';
    }

    @Override
    public void writeNamespace(String prefix, String namespaceURI) throws XMLStreamException {
        if (prefix == null || prefix.isEmpty() || prefix.equals(XMLConstants.XMLNS_ATTRIBUTE)) {
            writeDefaultNamespace(namespaceURI);
            return;
        }
        attribute("xmlns:" + prefix, namespaceURI);
        bind(prefix, namespaceURI, elementDepth());
    }

    @Override
    public void writeDefaultNamespace(String namespaceURI) throws XMLStreamException {
        attribute("xmlns", namespaceURI);
        bind("", namespaceURI, elementDepth());
    }

    /** The depth whose end unbinds what the open start tag declares. */
    private int elementDepth() {
        return emptyTag ? depth + 1 : depth;
    }

    @Override
    public void setPrefix(String prefix, String uri) {
        bind(prefix, uri, depth);
    }

    @Override
    public void setDefaultNamespace(String uri) {
        bind("", uri, depth);
    }

    private void bind(String prefix, String uri, int scope) {
        if (bindings == prefixes.length) {
            prefixes = Arrays.copyOf(prefixes, bindings * 2);
            uris = Arrays.copyOf(uris, bindings * 2);
            scopes = Arrays.copyOf(scopes, bindings * 2);
        }
        prefixes[bindings] = prefix;
        uris[bindings] = uri;
        scopes[bindings] = scope;
        bindings++;
    }

    /** Drops the bindings of elements at {@code scope} and deeper. */
    private void unbind(int scope) {
        while (bindings > 0 && scopes[bindings - 1] >= scope) bindings--;
    }

    /** {@code local} qualified by the innermost prefix bound to {@code uri} (elements may use the default). */
    private String qualified(String uri, String local, boolean element) throws XMLStreamException {
        if (uri == null || uri.isEmpty()) return local;
        for (int i = bindings - 1; i >= 0; i--) {
            if (!uris[i].equals(uri)) continue;
            String p = prefixes[i];
            if (p.isEmpty()) {
                if (element && uri.equals(defaultNamespace())) return local;
                continue;
            }
            if (uri.equals(namespaceOf(p))) return p + ":" + local;
        }
        throw new XMLStreamException("namespace '" + uri + "' is not bound (writing " + local + ")");
    }

    private @Nullable String namespaceOf(String prefix) {
        for (int i = bindings - 1; i >= 0; i--) if (prefixes[i].equals(prefix)) return uris[i];
        return null;
    }

    private @Nullable String defaultNamespace() {
        return namespaceOf("");
    }

    @Override
    public @Nullable String getPrefix(String uri) {
        for (int i = bindings - 1; i >= 0; i--) {
            if (uris[i].equals(uri) && uri.equals(namespaceOf(prefixes[i]))) return prefixes[i];
        }
        return null;
    }

    @Override
    public void setNamespaceContext(NamespaceContext context) throws XMLStreamException {
        throw new XMLStreamException("a namespace context cannot be set on this writer");
    }

    @Override
    public NamespaceContext getNamespaceContext() {
        return new NamespaceContext() {
            @Override
            public @Nullable String getNamespaceURI(String prefix) {
                return namespaceOf(prefix);
            }

            @Override
            public @Nullable String getPrefix(String namespaceURI) {
                return Utf8XmlWriter.this.getPrefix(namespaceURI);
            }

            @Override
            public Iterator<String> getPrefixes(String namespaceURI) {
                String p = getPrefix(namespaceURI);
                return p == null ? java.util.Collections.emptyIterator() : java.util.List.of(p).iterator();
            }
        };
    }

    @Override
    public Object getProperty(String name) {
        throw new IllegalArgumentException("no property " + name);
    }

    // ---- content ------------------------------------------------------------------------------------------------

    @Override
    public void writeCharacters(String text) throws XMLStreamException {
        closeTag();
        escaped(text, false);
    }

    @Override
    public void writeCharacters(char[] text, int start, int len) throws XMLStreamException {
        writeCharacters(new String(text, start, len));
    }

    @Override
    public void writeComment(String data) throws XMLStreamException {
        throw unsupported("comments");
    }

    @Override
    public void writeProcessingInstruction(String target) throws XMLStreamException {
        throw unsupported("processing instructions");
    }

    @Override
    public void writeProcessingInstruction(String target, String data) throws XMLStreamException {
        throw unsupported("processing instructions");
    }

    @Override
    public void writeCData(String data) throws XMLStreamException {
        throw unsupported("CDATA sections");
    }

    @Override
    public void writeDTD(String dtd) throws XMLStreamException {
        throw unsupported("DTDs");
    }

    @Override
    public void writeEntityRef(String name) throws XMLStreamException {
        throw unsupported("entity references");
    }

    private static XMLStreamException unsupported(String what) {
        return new XMLStreamException("this writer does not write " + what);
    }

    // ---- bytes --------------------------------------------------------------------------------------------------

    /** Makes room for {@code n} more bytes in the buffer. */
    private void room(int n) throws XMLStreamException {
        if (pos + n > buf.length) {
            try {
                drain();
            } catch (IOException e) {
                throw new XMLStreamException("writing failed: " + e.getMessage(), e);
            }
        }
    }

    private void drain() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    /** Markup or a name: written as it is (checked like text, never escaped). */
    private void raw(String s) throws XMLStreamException {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (pos + 4 > buf.length) room(4);
            char c = s.charAt(i);
            if (c < 0x80 && c >= 0x20) buf[pos++] = (byte) c;
            else i = encode(s, i, c);
        }
    }

    /** Text or an attribute value with its markup characters escaped. */
    private void escaped(String s, boolean attribute) throws XMLStreamException {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (pos + 6 > buf.length) room(6);
            char c = s.charAt(i);
            if (c >= 0x80) {
                i = encode(s, i, c);
                continue;
            }
            switch (c) {
                case '&' -> put(AMP);
                case '<' -> put(LT);
                case '>' -> put(GT);
                case '"' -> {
                    if (attribute) put(QUOT);
                    else buf[pos++] = '"';
                }
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') throw invalid(c);
                    buf[pos++] = (byte) c;
                }
            }
        }
    }

    private void put(byte[] b) {
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /**
     * Writes the character at {@code i} (not plain printable ASCII) as UTF-8, with room for four bytes already
     * made; returns the index of its last {@code char} (a surrogate pair is two).
     */
    private int encode(String s, int i, char c) throws XMLStreamException {
        if (c < 0x80) {
            if (c != '\t' && c != '\n' && c != '\r') throw invalid(c);
            buf[pos++] = (byte) c;
        } else if (c < 0x800) {
            buf[pos++] = (byte) (0xC0 | (c >> 6));
            buf[pos++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            char low = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            if (!Character.isLowSurrogate(low)) throw invalid(c);
            int cp = Character.toCodePoint(c, low);
            buf[pos++] = (byte) (0xF0 | (cp >> 18));
            buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            buf[pos++] = (byte) (0x80 | (cp & 0x3F));
            return i + 1;
        } else if (Character.isLowSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
            throw invalid(c);
        } else {
            buf[pos++] = (byte) (0xE0 | (c >> 12));
            buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            buf[pos++] = (byte) (0x80 | (c & 0x3F));
        }
        return i;
    }

    private static XMLStreamException invalid(char c) {
        return new XMLStreamException(String.format("U+%04X cannot be written in XML 1.0", (int) c));
    }
}
