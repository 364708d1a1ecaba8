package org.archivekit.core.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.StorageException;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.Institution;

/**
 * The codec behind {@link org.archivekit.core.json.ArchiveJson}; not API. Holds one configured, thread-safe
 * mapper that is used only for parsing into a tree and for creating generators: the mapping itself is hand-written.
 */
public final class JsonCodec {
    /** The schema marker of a description document. */
    public static final String DESCRIPTION_SCHEMA = "archivekit/description@1";
    /** The schema marker of an institution document. */
    public static final String INSTITUTION_SCHEMA = "archivekit/institution@1";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES) // 0.50 stays 0.50
            .build();

    private static final ObjectReader STORED = MAPPER.reader().without(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private JsonCodec() {}

    /** The description as JSON, compact or indented. */
    public static String toJson(Description d, boolean pretty) {
        return toJson(d, pretty, true);
    }

    /** The description as JSON, compact or indented; {@code parent} only when {@code withParent}. */
    public static String toJson(Description d, boolean pretty, boolean withParent) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            if (pretty) g.useDefaultPrettyPrinter();
            ModelWriter.description(d, withParent, g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string failed", e); // cannot happen with a StringWriter
        }
        return out.toString();
    }

    /** Writes the description as UTF-8 to {@code out}, which stays open. */
    public static void write(Description d, OutputStream out) {
        write(d, true, out);
    }

    /** Writes the description as UTF-8 to {@code out}, which stays open; {@code parent} only when asked. */
    public static void write(Description d, boolean withParent, OutputStream out) {
        try (JsonGenerator g = MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
            ModelWriter.description(d, withParent, g);
        } catch (IOException e) {
            throw StorageException.from(e);
        }
    }

    /** The institution as compact JSON. */
    public static String toJson(Institution i) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            ModelWriter.institution(i, g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string failed", e);
        }
        return out.toString();
    }

    /** Reads one description, strictly. */
    public static Description readDescription(String json) {
        return ModelReader.description(parse(json));
    }

    /**
     * Reads one description that a store wrote, from its UTF-8 bytes (no decoding to a string first): strict as
     * {@link #readDescription(String)}, except that repeated property names are not looked for (the writer never
     * repeats one). A streaming pass straight into the model ({@link StoredReader}) reads what the store wrote;
     * anything it does not take is read again strictly, which names the problem.
     */
    public static Description readStoredDescription(byte[] utf8) {
        Description fast = StoredReader.read(utf8);
        return fast != null ? fast : readStoredStrictly(utf8);
    }

    /** {@link #readStoredDescription} without the fast path: through a JSON tree, naming every problem. */
    static Description readStoredStrictly(byte[] utf8) {
        try {
            return ModelReader.description(nonEmpty(STORED.readTree(utf8)));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw StorageException.from(e); // cannot happen with an array
        }
    }

    /** Reads one description from {@code in}, which stays open. */
    public static Description readDescription(InputStream in) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw StorageException.from(e);
        }
        return ModelReader.description(nonEmpty(tree));
    }

    /** Reads one institution, strictly. */
    public static Institution readInstitution(String json) {
        return ModelReader.institution(parse(json));
    }

    private static JsonNode parse(String json) {
        try {
            return nonEmpty(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    private static JsonNode nonEmpty(JsonNode tree) {
        if (tree == null || tree.isMissingNode()) throw new InvalidRequestException("", "malformed JSON: no content");
        return tree;
    }

    private static InvalidRequestException malformed(JsonProcessingException e) {
        var where = e.getLocation();
        String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        return new InvalidRequestException("", "malformed JSON" + at + ": " + e.getOriginalMessage(), e);
    }
}
