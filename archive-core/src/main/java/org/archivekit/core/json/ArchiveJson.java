package org.archivekit.core.json;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.RecordView;
import org.archivekit.core.StorageException;
import org.archivekit.core.internal.json.JsonCodec;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.Institution;

/**
 * The stable, documented JSON form of the model (see {@code docs/json-format.md}); immutable and thread-safe.
 *
 * <p>Reading is strict: an unknown property is an {@link InvalidRequestException} naming it (with its JSON path),
 * so a misspelt field never silently loses data; institution-specific data belongs in {@code customFields}.
 * No polymorphic or default typing is used. Every document carries a {@code schema} marker
 * ({@value #DESCRIPTION_SCHEMA} or {@value #INSTITUTION_SCHEMA}), which reading requires.
 *
 * @since 0.1
 */
public final class ArchiveJson {
    /** The schema marker of a description document. */
    public static final String DESCRIPTION_SCHEMA = JsonCodec.DESCRIPTION_SCHEMA;
    /** The schema marker of an institution document. */
    public static final String INSTITUTION_SCHEMA = JsonCodec.INSTITUTION_SCHEMA;

    private ArchiveJson() {}

    /** The description as one JSON object, compact. */
    public static String toJson(Description description) {
        return JsonCodec.toJson(Objects.requireNonNull(description, "description"), false);
    }

    /** The description as one JSON object, indented for people. */
    public static String toPrettyJson(Description description) {
        return JsonCodec.toJson(Objects.requireNonNull(description, "description"), true);
    }

    /**
     * Writes the description to {@code out} (left open) as UTF-8.
     *
     * @throws StorageException when writing to {@code out} fails
     */
    public static void write(Description description, OutputStream out) {
        JsonCodec.write(Objects.requireNonNull(description, "description"), Objects.requireNonNull(out, "out"));
    }

    /**
     * The record as its viewer may see it, as one compact JSON object: {@code parent} is left out when the viewer
     * may not see the parent (see {@link RecordView#visibleParent()}), so a hidden parent's id never leaves.
     */
    public static String toJson(RecordView view) {
        Description d = Objects.requireNonNull(view, "view").description();
        return JsonCodec.toJson(d, false, view.visibleParent() != null);
    }

    /** {@link #toJson(RecordView)}, indented for people. */
    public static String toPrettyJson(RecordView view) {
        Description d = Objects.requireNonNull(view, "view").description();
        return JsonCodec.toJson(d, true, view.visibleParent() != null);
    }

    /**
     * Writes the record as its viewer may see it (see {@link #toJson(RecordView)}) to {@code out} (left open).
     *
     * @throws StorageException when writing to {@code out} fails
     */
    public static void write(RecordView view, OutputStream out) {
        Description d = Objects.requireNonNull(view, "view").description();
        JsonCodec.write(d, view.visibleParent() != null, Objects.requireNonNull(out, "out"));
    }

    /**
     * Reads one description.
     *
     * @throws InvalidRequestException naming the property and path that is unknown, missing or malformed; it
     *     carries every violation found, not only the first
     */
    public static Description readDescription(String json) {
        return JsonCodec.readDescription(Objects.requireNonNull(json, "json"));
    }

    /**
     * Reads one description from {@code in} (left open); see {@link #readDescription(String)}.
     *
     * @throws StorageException when reading from {@code in} fails
     */
    public static Description readDescription(InputStream in) {
        return JsonCodec.readDescription(Objects.requireNonNull(in, "in"));
    }

    /** The institution as one JSON object. */
    public static String toJson(Institution institution) {
        return JsonCodec.toJson(Objects.requireNonNull(institution, "institution"));
    }

    /** Reads one institution; strict as {@link #readDescription(String)}. */
    public static Institution readInstitution(String json) {
        return JsonCodec.readInstitution(Objects.requireNonNull(json, "json"));
    }
}
