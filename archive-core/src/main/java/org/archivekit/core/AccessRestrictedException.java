package org.archivekit.core;

/**
 * The caller may see a record but may not do what it asked (for example change it).
 *
 * <p>Reads never raise this: a record the caller may not read is reported as {@link NotFoundException}.
 *
 * @since 0.1
 */
public final class AccessRestrictedException extends ArchiveException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the action and the id. */
    public AccessRestrictedException(String message) {
        super(message);
    }
}
