package org.archivekit.core;

import java.io.IOException;
import java.sql.SQLException;

/**
 * The store failed below the domain level (I/O, SQL, a corrupt row); always carries its cause.
 *
 * @since 0.1
 */
public final class StorageException extends ArchiveException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message and its cause. */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Wraps an I/O failure once. */
    public static StorageException from(IOException e) {
        return new StorageException("storage I/O failed: " + e.getMessage(), e);
    }

    /** Wraps a SQL failure once. */
    public static StorageException from(SQLException e) {
        return new StorageException("database access failed: " + e.getMessage(), e);
    }
}
