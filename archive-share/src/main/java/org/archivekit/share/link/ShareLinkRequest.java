package org.archivekit.share.link;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.archivekit.core.model.DescriptionId;
import org.jspecify.annotations.Nullable;

/**
 * What an issuer asks for when creating a share link; validated at {@link ShareLinks#create}.
 *
 * @param record the record to share
 * @param scope the record alone, or with its descendants
 * @param downloads whether the viewer may download the record's digital objects
 * @param ttl how long the link works; mandatory, positive and at most {@link ShareLinks.Builder#maxTtl}
 * @param maxUses how many times the link may be opened, or {@code null} for no limit
 * @since 0.1
 */
public record ShareLinkRequest(@NotNull DescriptionId record, @NotNull ShareScope scope, boolean downloads,
        @NotNull Duration ttl, @Nullable @Min(1) Integer maxUses) {

    /** A link to {@code record} alone, without downloads, for {@code ttl}, with no use limit. */
    public static ShareLinkRequest of(DescriptionId record, Duration ttl) {
        return new ShareLinkRequest(record, ShareScope.RECORD, false, ttl, null);
    }

    /** A copy with another scope. */
    public ShareLinkRequest withScope(ShareScope s) {
        return new ShareLinkRequest(record, s, downloads, ttl, maxUses);
    }

    /** A copy allowing downloads or not. */
    public ShareLinkRequest withDownloads(boolean d) {
        return new ShareLinkRequest(record, scope, d, ttl, maxUses);
    }

    /** A copy with a use limit, or {@code null} for none. */
    public ShareLinkRequest withMaxUses(@Nullable Integer n) {
        return new ShareLinkRequest(record, scope, downloads, ttl, n);
    }
}
