package org.archivekit.core;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception ArchiveKit throws on purpose; unchecked, so callers catch only what they can handle.
 *
 * <p>Programmer errors (a {@code null} argument, a builder used twice) use the JDK's own exceptions instead.
 *
 * @since 0.1
 */
public class ArchiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that names what failed and what to do next. */
    public ArchiveException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the underlying cause, which is always kept. */
    public ArchiveException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
