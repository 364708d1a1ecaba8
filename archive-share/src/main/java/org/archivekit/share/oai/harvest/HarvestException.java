package org.archivekit.share.oai.harvest;

import org.archivekit.core.ArchiveException;
import org.jspecify.annotations.Nullable;

/**
 * A harvest stopped before the partner's list was complete. Pages applied before the failure stay stored; the
 * incremental state is not advanced, so the next harvest asks again from the same point and picks up the rest.
 *
 * @since 0.1
 */
public class HarvestException extends ArchiveException {
    private static final long serialVersionUID = 1L;

    private final transient @Nullable HarvestReport progress;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do
     * @param progress what the harvest had done before it stopped, or {@code null} when it had not started
     * @param cause the underlying failure, or {@code null}
     */
    public HarvestException(String message, @Nullable HarvestReport progress, @Nullable Throwable cause) {
        super(message, cause);
        this.progress = progress;
    }

    /** What the harvest had stored before it stopped, or {@code null} when it failed before the first page. */
    public @Nullable HarvestReport progress() {
        return progress;
    }

    /** A copy of this failure carrying {@code report} as its progress; subclasses keep their type. */
    HarvestException withProgress(HarvestReport report) {
        return new HarvestException(getMessage(), report, getCause());
    }
}
