package org.archivekit.share;

import org.archivekit.core.ArchiveException;
import org.jspecify.annotations.Nullable;

/**
 * Generating an export (EAD, Dublin Core, CSV, JSON) failed, usually because the output could not be written.
 *
 * @since 0.1
 */
public class ExportException extends ArchiveException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with what failed and its cause. */
    public ExportException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
