package org.archivekit.core;

/**
 * An optimistic-concurrency check failed: the record changed since the caller read it, or an id is taken.
 *
 * <p>Re-read the record, re-apply the change and try again.
 *
 * @since 0.1
 */
public final class ConflictException extends ArchiveException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the id and the versions. */
    public ConflictException(String message) {
        super(message);
    }

    /** A version mismatch on {@code id}. */
    public static ConflictException versionMismatch(String id, long expected, long actual) {
        return new ConflictException("record '" + id + "' is at version " + actual + ", not the expected version "
                + expected + "; re-read it and apply the change again");
    }

    /** An id that already exists. */
    public static ConflictException duplicate(String id) {
        return new ConflictException("a record with id '" + id + "' already exists");
    }
}
