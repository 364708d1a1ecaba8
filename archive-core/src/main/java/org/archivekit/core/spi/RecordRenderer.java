package org.archivekit.core.spi;

import org.archivekit.core.model.Description;

/**
 * Renders one record, on its own, into the bytes of some output format, so that a store can keep the result (a
 * <em>rendition</em>) next to the record and an exporter can copy it instead of rendering again. Registered with
 * {@link ArchiveStore#registerRenderer} when the store is opened; the store then renders each record it writes
 * (create, update, bulk create) in the write's transaction.
 *
 * <p>A rendition may depend on the record alone: never on its ancestors, its descendants, the caller, the clock
 * or an export option. Whatever depends on more stays outside the rendition, in the exporter. A stored rendition
 * is used only while the record's version and the renderer's {@link #formatVersion} are those it was made with;
 * bump the format version whenever the bytes rendered for the same record would change.
 *
 * <p>Implementations must be thread-safe and deterministic (the same record gives the same bytes).
 *
 * @since 0.3
 */
public interface RecordRenderer {

    /** The format's name, 1-64 characters of {@code a-z 0-9 . _ -}, e.g. {@code ead3-c}. */
    String format();

    /** The version of the rendering: renditions of another version are ignored. */
    int formatVersion();

    /**
     * The bytes of {@code record} in this format.
     *
     * @throws RuntimeException when the record cannot be rendered: the write goes on without a rendition and an
     *     exporter renders the record itself (meeting the failure there)
     */
    byte[] render(Description record);

    /** Checks a format name: what {@link #format} must return. */
    static String checkFormat(String format) {
        if (format == null || format.isEmpty() || format.length() > 64) {
            throw new IllegalArgumentException("a rendition format needs 1-64 characters: " + format);
        }
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
                throw new IllegalArgumentException("a rendition format is made of a-z 0-9 . _ -: " + format);
            }
        }
        return format;
    }
}
