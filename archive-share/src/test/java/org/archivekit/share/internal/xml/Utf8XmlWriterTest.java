package org.archivekit.share.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.junit.jupiter.api.Test;

/** The lean writer: every character XML can carry, read back as written; the others refused; JDK-identical bytes. */
final class Utf8XmlWriterTest {

    /** Every code point XML 1.0 allows, in strings of a few thousand characters (some split across buffer ends). */
    private static List<String> allXmlCharacters() {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
            if (!allowed) continue;
            if (cp == 0xD) continue; // a parser reads a carriage return as a newline; written as is, like the JDK
            sb.appendCodePoint(cp);
            if (sb.length() >= 4_093) {
                out.add(sb.toString());
                sb.setLength(0);
            }
        }
        out.add(sb.toString());
        return out;
    }

    @Test
    void everyXmlCharacterIsReadBackAsWrittenInTextAndAttributes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        XMLStreamWriter w = new Utf8XmlWriter(bytes);
        List<String> all = allXmlCharacters();
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("all");
        for (String s : all) {
            w.writeStartElement("t");
            // tab and newline in an attribute would be normalized to spaces by any parser
            w.writeAttribute("a", s.replace('\t', ' ').replace('\n', ' '));
            w.writeCharacters(s);
            w.writeEndElement();
        }
        w.writeEndDocument();
        w.close();

        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(bytes.toByteArray()));
        int i = 0;
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("t")) {
                String expected = all.get(i++);
                assertThat(r.getAttributeValue(null, "a")).isEqualTo(expected.replace('\t', ' ').replace('\n', ' '));
                assertThat(r.getElementText()).isEqualTo(expected);
            }
        }
        assertThat(i).isEqualTo(all.size());
        assertThat(bytes.toByteArray()).isEqualTo(jdk(all));
    }

    private static byte[] jdk(List<String> all) throws XMLStreamException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(bytes, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("all");
        for (String s : all) {
            w.writeStartElement("t");
            w.writeAttribute("a", s.replace('\t', ' ').replace('\n', ' '));
            w.writeCharacters(s);
            w.writeEndElement();
        }
        w.writeEndDocument();
        w.close();
        return bytes.toByteArray();
    }

    @Test
    void refusesCharactersXmlCannotCarryInsteadOfWritingABrokenDocument() throws Exception {
        for (String bad : List.of("\u0000", "a\u0001b", "\u001F", "\uFFFE", "\uFFFF", "x\uD800", "\uD800x", "\uDC00",
                "\uDBFF\uDBFF")) {
            XMLStreamWriter w = new Utf8XmlWriter(new ByteArrayOutputStream());
            w.writeStartElement("e");
            assertThatThrownBy(() -> w.writeCharacters(bad)).isInstanceOf(XMLStreamException.class)
                    .hasMessageContaining("cannot be written in XML 1.0");
            assertThatThrownBy(() -> w.writeAttribute("a", bad)).isInstanceOf(XMLStreamException.class);
        }
    }

    @Test
    void namespacesEmptyElementsAndNestingAsTheJdkWritesThem() throws Exception {
        String ns = "urn:isbn:1-931666-22-9";
        String xlink = "http://www.w3.org/1999/xlink";
        ByteArrayOutputStream lean = new ByteArrayOutputStream();
        ByteArrayOutputStream jdk = new ByteArrayOutputStream();
        for (XMLStreamWriter w : List.of(new Utf8XmlWriter(lean),
                XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(jdk, "UTF-8"))) {
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.setDefaultNamespace(ns);
            w.writeStartElement(ns, "ead");
            w.writeDefaultNamespace(ns);
            w.writeNamespace("xlink", xlink);
            w.writeEmptyElement(ns, "eventtype");
            w.writeAttribute("value", "derived & \"more\" <x>");
            w.writeStartElement("dao");
            w.writeAttribute(xlink, "href", "http://example.org/a?b=1&c=2");
            w.writeEndElement();
            w.writeStartElement(ns, "p");
            w.writeCharacters("");
            w.writeEndElement();
            w.writeEmptyElement("br");
            w.writeStartElement("deep");
            w.writeStartElement("deeper");
            w.writeCharacters("中文 text 𠀀");
            w.writeEndDocument();
            w.close();
        }
        assertThat(lean.toString(StandardCharsets.UTF_8)).isEqualTo(jdk.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusesAnUnboundNamespaceAndAnAttributeOutsideAStartTag() throws Exception {
        XMLStreamWriter w = new Utf8XmlWriter(new ByteArrayOutputStream());
        assertThatThrownBy(() -> w.writeStartElement("urn:nowhere", "x")).isInstanceOf(XMLStreamException.class)
                .hasMessageContaining("not bound");
        w.writeStartElement("e");
        w.writeCharacters("text");
        assertThatThrownBy(() -> w.writeAttribute("a", "v")).isInstanceOf(XMLStreamException.class);
        assertThatThrownBy(() -> w.writeAttribute("urn:nowhere", "a", "v")).isInstanceOf(XMLStreamException.class);
    }
}
