package org.archivekit.share.oai.harvest;

import org.jspecify.annotations.Nullable;

/**
 * The partner did not answer usefully within the allowed attempts: connection failures, timeouts, HTTP 5xx or 503
 * with {@code Retry-After} every time, or an HTTP status that retrying cannot fix (404, 401, …).
 *
 * @since 0.1
 */
public final class PartnerUnavailableException extends HarvestException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int attempts;

    PartnerUnavailableException(String message, int status, int attempts, @Nullable HarvestReport progress,
            @Nullable Throwable cause) {
        super(message, progress, cause);
        this.status = status;
        this.attempts = attempts;
    }

    /** The last HTTP status received, or -1 when the last attempt got no response (timeout, refused). */
    public int status() {
        return status;
    }

    /** How many requests were made for the failing page. */
    public int attempts() {
        return attempts;
    }

    @Override
    HarvestException withProgress(HarvestReport report) {
        return new PartnerUnavailableException(getMessage(), status, attempts, report, getCause());
    }
}
