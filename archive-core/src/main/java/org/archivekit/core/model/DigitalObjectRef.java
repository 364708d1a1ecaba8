package org.archivekit.core.model;

import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A reference to a digital file attached to a description: its name, media type, size and SHA-256. The content
 * itself lives in the object store.
 *
 * @param fileName the file name as shown to users, without directories
 * @param mediaType an IANA media type such as {@code image/jpeg}
 * @param size the size in bytes
 * @param sha256 the SHA-256 of the content, 64 lower-case hex digits
 * @since 0.1
 */
public record DigitalObjectRef(@Size(max = 255) String fileName, @Size(max = 255) String mediaType, long size,
        String sha256) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

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
    }
}
