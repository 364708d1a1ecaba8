package org.archivekit.share.oai.harvest;

import org.jspecify.annotations.Nullable;

/**
 * A response was not a usable OAI-PMH document: not XML, truncated, hostile (a DOCTYPE with entity declarations,
 * an external entity, an XInclude), not an {@code OAI-PMH} root, or a resumption token that repeats. Nothing of that
 * response was stored.
 *
 * @since 0.1
 */
public final class MalformedResponseException extends HarvestException {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message, @Nullable HarvestReport progress, @Nullable Throwable cause) {
        super(message, progress, cause);
    }

    @Override
    HarvestException withProgress(HarvestReport report) {
        return new MalformedResponseException(getMessage(), report, getCause());
    }
}
