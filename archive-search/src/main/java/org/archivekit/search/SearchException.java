package org.archivekit.search;

import org.archivekit.core.ArchiveException;
import org.jspecify.annotations.Nullable;

/**
 * A search backend failed, or is unknown or misconfigured.
 *
 * @since 0.1
 */
public class SearchException extends ArchiveException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}. */
    public SearchException(String message) {
        super(message);
    }

    /** An exception with {@code message} caused by {@code cause}. */
    public SearchException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
