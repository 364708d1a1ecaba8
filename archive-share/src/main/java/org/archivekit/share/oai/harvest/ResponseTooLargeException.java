package org.archivekit.share.oai.harvest;

import org.jspecify.annotations.Nullable;

/**
 * A response was larger than the harvester's bound ({@code OaiHarvester.Builder.maxResponseBytes}); it was refused
 * without being read further, and nothing of it was stored. Ask the partner for smaller pages or raise the bound.
 *
 * @since 0.1
 */
public final class ResponseTooLargeException extends HarvestException {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final long limit;

    ResponseTooLargeException(String url, long limit, @Nullable HarvestReport progress) {
        super("the response of " + url + " is larger than " + limit + " bytes; it was refused (raise"
                + " maxResponseBytes if the partner's pages are really that big)", progress, null);
        this.url = url;
        this.limit = limit;
    }

    /** The bound in bytes that the response passed. */
    public long limit() {
        return limit;
    }

    @Override
    HarvestException withProgress(HarvestReport report) {
        return new ResponseTooLargeException(url, limit, report);
    }
}
