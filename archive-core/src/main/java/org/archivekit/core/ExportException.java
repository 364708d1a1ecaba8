package org.archivekit.core;

import org.jspecify.annotations.Nullable;

/**
 * Producing an output failed: an EAD, Dublin Core, OAI-PMH, BagIt, feed or image could not be generated or
 * written. Always carries the cause when there is one.
 *
 * @since 0.1
 */
public class ExportException extends ArchiveException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names what was being produced. */
    public ExportException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public ExportException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
