package org.archivekit.share.link;

import java.time.Instant;
import java.util.Objects;
import org.archivekit.core.model.DescriptionId;
import org.jspecify.annotations.Nullable;

/**
 * A share link as listed to staff: everything about it except its token, which is shown once, at creation, and
 * never kept.
 *
 * @param handle a stable, non-secret name of the link (a hash of its secret), for listing and auditing
 * @param record the record shared
 * @param scope what it opens
 * @param downloads whether downloads are allowed
 * @param issuer the id of the principal who issued it
 * @param createdAt when it was issued
 * @param expiresAt the instant it stops working (exclusive)
 * @param maxUses the use limit, or {@code null} for none
 * @param uses how many times it has been opened
 * @param revokedAt when it was revoked, or {@code null}
 * @since 0.1
 */
public record ShareLink(String handle, DescriptionId record, ShareScope scope, boolean downloads, String issuer,
        Instant createdAt, Instant expiresAt, @Nullable Integer maxUses, int uses, @Nullable Instant revokedAt) {
    public ShareLink {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the link works at {@code now}, as far as its own bookkeeping goes (access is re-checked apart). */
    public boolean isLiveAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt) && (maxUses == null || uses < maxUses);
    }
}
