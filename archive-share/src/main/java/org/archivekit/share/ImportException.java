package org.archivekit.share;

import java.util.List;
import org.archivekit.core.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * An import file was refused: malformed or hostile XML, or content that cannot become a valid record. Names the
 * file, line and column so the user can fix the input; nothing of the file was stored.
 *
 * @since 0.1
 */
public class ImportException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;

    /**
     * Creates the exception.
     *
     * @param file the file (or source name) being read
     * @param line the 1-based line, or -1 when unknown
     * @param column the 1-based column, or -1 when unknown
     * @param message what is wrong and what to do
     * @param cause the underlying parser error, or {@code null}
     */
    public ImportException(String file, int line, int column, String message, @Nullable Throwable cause) {
        super(List.of(new Violation(where(file, line, column), message)));
        this.file = file;
        this.line = line;
        this.column = column;
        if (cause != null) initCause(cause);
    }

    /** The file (or source name) that was refused. */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem, or -1 when unknown. */
    public int column() {
        return column;
    }

    private static String where(String file, int line, int column) {
        return line < 0 ? file : file + ":" + line + ":" + column;
    }
}
