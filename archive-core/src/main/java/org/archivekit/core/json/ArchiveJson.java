package org.archivekit.core.json;

import java.io.InputStream;
import java.io.OutputStream;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.Institution;

/**
 * The stable, documented JSON form of the model (see {@code docs/json-format.md}); immutable and thread-safe.
 *
 * <p>Reading is strict: an unknown property is an {@link InvalidRequestException} naming it (with its JSON path),
 * so a misspelt field never silently loses data; institution-specific data belongs in {@code customFields}.
 * No polymorphic or default typing is used.
 *
 * @since 0.1
 */
public final class ArchiveJson {
    private ArchiveJson() {}

    /** The description as one JSON object, compact. */
    public static String toJson(Description description) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The description as one JSON object, indented for people. */
    public static String toPrettyJson(Description description) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Writes the description to {@code out} (left open). */
    public static void write(Description description, OutputStream out) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Reads one description.
     *
     * @throws InvalidRequestException naming the property and path that is unknown, missing or malformed
     */
    public static Description readDescription(String json) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Reads one description from {@code in} (left open); see {@link #readDescription(String)}. */
    public static Description readDescription(InputStream in) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The institution as one JSON object. */
    public static String toJson(Institution institution) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Reads one institution; strict as {@link #readDescription(String)}. */
    public static Institution readInstitution(String json) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
