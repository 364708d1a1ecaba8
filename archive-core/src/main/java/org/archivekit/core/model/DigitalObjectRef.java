package org.archivekit.core.model;

import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A reference to a digital file attached to a description: its name, media type, size, SHA-256 and, once its
 * content is stored in this archive's OCFL storage root, its SHA-512, the content address the OCFL object files it
 * under. The content itself lives in the object store.
 *
 * @param fileName the file name as shown to users, without directories
 * @param mediaType an IANA media type such as {@code image/jpeg}
 * @param size the size in bytes
 * @param sha256 the SHA-256 of the content, 64 lower-case hex digits
 * @param sha512 the SHA-512 of the content, 128 lower-case hex digits; null when the content was not stored here
 *     (a file list imported from elsewhere, or a file attached before 0.2 recorded it)
 * @since 0.1
 */
public record DigitalObjectRef(@Size(max = 255) String fileName, @Size(max = 255) String mediaType, long size,
        String sha256, @Nullable String sha512) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHA512 = Pattern.compile("[0-9a-f]{128}");

    /** A reference without the SHA-512 content address (content not, or not yet, stored here). */
    public DigitalObjectRef(String fileName, String mediaType, long size, String sha256) {
        this(fileName, mediaType, size, sha256, null);
    }

    public DigitalObjectRef {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(sha256, "sha256");
        if (fileName.isBlank() || fileName.contains("/") || fileName.contains("\\") || fileName.equals("..")) {
            throw new IllegalArgumentException("file name '" + fileName + "' must be a plain, non-blank name");
        }
        if (!mediaType.contains("/")) throw new IllegalArgumentException("media type '" + mediaType + "' has no '/'");
        if (size < 0) throw new IllegalArgumentException("size is negative: " + size);
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits, got '" + sha256 + "'");
        }
        if (sha512 != null) {
            sha512 = sha512.toLowerCase(Locale.ROOT);
            if (!SHA512.matcher(sha512).matches()) {
                throw new IllegalArgumentException("sha512 must be 128 hex digits, got '" + sha512 + "'");
            }
        }
    }

    /** This reference with the SHA-512 content address {@code sha512}. */
    public DigitalObjectRef withSha512(String sha512) {
        return new DigitalObjectRef(fileName, mediaType, size, sha256, Objects.requireNonNull(sha512, "sha512"));
    }
}
