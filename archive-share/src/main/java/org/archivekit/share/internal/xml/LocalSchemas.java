package org.archivekit.share.internal.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Compiles the official schemas from a local copy of the conformance schema folder and validates documents
 * against them, offline: every import and include is resolved to a local file by a fixed catalog, and anything
 * else is refused rather than fetched.
 *
 * <p>Thread-safe: compiled schemas are immutable; each validation uses its own {@link Validator}.
 */
public final class LocalSchemas {
    /** The EAD3 namespace. */
    public static final String EAD3_NS = "http://ead3.archivists.org/schema/";

    private static final Map<String, String> CATALOG = Map.ofEntries(
            Map.entry("http://www.loc.gov/standards/xlink/xlink.xsd", "ead2002/xlink.xsd"),
            Map.entry("http://www.loc.gov/ead/ead.xsd", "ead2002/ead.xsd"),
            Map.entry("https://www.loc.gov/ead/ead.xsd", "ead2002/ead.xsd"),
            Map.entry("http://dublincore.org/schemas/xmls/simpledc20021212.xsd", "oai-pmh/dc.xsd"),
            Map.entry("http://www.w3.org/2001/03/xml.xsd", "oai-pmh/xml.xsd"),
            Map.entry("http://www.w3.org/2001/xml.xsd", "oai-pmh/xml.xsd"),
            Map.entry("http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd", "oai-pmh/OAI-PMH.xsd"),
            Map.entry("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "oai-pmh/oai_dc.xsd"));

    private final Path root;

    /** Schemas read from {@code root}, the {@code schemas} folder of the conformance suite. */
    public LocalSchemas(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** The EAD3 1.1.1 schema. */
    public Schema ead3() {
        return compile("ead3/ead3.xsd");
    }

    /** The EAD 2002 schema (SAA 2021 release). */
    public Schema ead2002() {
        return compile("ead2002/ead.xsd");
    }

    /** The OAI-PMH {@code oai_dc} schema, with the DCMI simple DC elements. */
    public Schema oaiDc() {
        return compile("oai-pmh/oai_dc.xsd");
    }

    /** Compiles the schemas at {@code relatives} under the root into one (an OAI-PMH response with its formats). */
    public Schema compileAll(String... relatives) {
        SchemaFactory f = SchemaFactory.newDefaultInstance();
        try {
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            f.setResourceResolver(new Catalog());
            StreamSource[] sources = new StreamSource[relatives.length];
            for (int i = 0; i < relatives.length; i++) sources[i] = new StreamSource(root.resolve(relatives[i]).toFile());
            return f.newSchema(sources);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile " + List.of(relatives) + ": " + e.getMessage(), e);
        }
    }

    /** Compiles the schema at {@code relative} under the root. */
    public Schema compile(String relative) {
        Path file = root.resolve(relative);
        SchemaFactory f = SchemaFactory.newDefaultInstance();
        try {
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            f.setResourceResolver(new Catalog());
            return f.newSchema(new StreamSource(file.toFile()));
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Validates {@code document} against {@code schema} and returns every error (empty when valid), each as
     * {@code line:column: message}.
     */
    public static List<String> validate(Schema schema, InputStream document) throws IOException {
        Validator v = schema.newValidator();
        List<String> errors = new ArrayList<>();
        try {
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            v.setResourceResolver((type, ns, publicId, systemId, baseUri) -> {
                throw new IllegalStateException("validator tried to fetch " + systemId);
            });
            v.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {}

                @Override
                public void error(SAXParseException e) {
                    if (errors.size() < 50) errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": "
                            + e.getMessage());
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
                    throw e;
                }
            });
            v.validate(new StreamSource(document));
        } catch (SAXException e) {
            if (errors.isEmpty()) errors.add(e.getMessage());
        }
        return errors;
    }

    private final class Catalog implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, @Nullable String namespace, @Nullable String publicId,
                @Nullable String systemId, @Nullable String baseUri) {
            if (systemId == null) throw new IllegalStateException("schema import without a location: " + namespace);
            String mapped = CATALOG.get(systemId);
            Path target;
            if (mapped != null) {
                target = root.resolve(mapped);
            } else if (!systemId.contains(":") && baseUri != null && baseUri.startsWith("file:")) {
                target = Path.of(URI.create(baseUri)).resolveSibling(systemId).normalize();
                if (!target.startsWith(root)) throw new IllegalStateException("schema outside " + root + ": " + target);
            } else {
                throw new IllegalStateException("no local copy for schema " + systemId + "; refusing to fetch it");
            }
            if (!Files.isRegularFile(target)) throw new IllegalStateException("missing local schema " + target);
            return new Input(target, publicId);
        }
    }

    private static final class Input implements LSInput {
        private final Path file;
        private final @Nullable String publicId;

        Input(Path file, @Nullable String publicId) {
            this.file = file;
            this.publicId = publicId;
        }

        @Override public @Nullable Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(@Nullable Reader r) {}
        @Override public @Nullable InputStream getByteStream() {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }
        @Override public void setByteStream(@Nullable InputStream s) {}
        @Override public @Nullable String getStringData() { return null; }
        @Override public void setStringData(@Nullable String s) {}
        @Override public String getSystemId() { return file.toUri().toString(); }
        @Override public void setSystemId(@Nullable String s) {}
        @Override public @Nullable String getPublicId() { return publicId; }
        @Override public void setPublicId(@Nullable String p) {}
        @Override public @Nullable String getBaseURI() { return file.toUri().toString(); }
        @Override public void setBaseURI(@Nullable String b) {}
        @Override public @Nullable String getEncoding() { return null; }
        @Override public void setEncoding(@Nullable String e) {}
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean c) {}
    }
}
