package org.archivekit.core;

/**
 * An id did not resolve to anything the caller may see.
 *
 * <p>A record that exists but is hidden from the caller raises exactly this exception, with exactly the message a
 * missing id gets ({@link #forId(String)}), so that a caller cannot probe for the existence of hidden material.
 *
 * @since 0.1
 */
public final class NotFoundException extends ArchiveException {
    private static final long serialVersionUID = 1L;

    private NotFoundException(String message) {
        super(message);
    }

    /** The one message used for both missing and hidden ids: {@code "no record with id 'X'"}. */
    public static NotFoundException forId(String id) {
        return new NotFoundException("no record with id '" + id + "'");
    }

    /** For other kinds of object (an institution, a share link); the message names the kind and the id. */
    public static NotFoundException of(String kind, String id) {
        return new NotFoundException("no " + kind + " with id '" + id + "'");
    }
}
