package org.archivekit.share.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.share.link.ShareLink;

/**
 * Keeps share links' bookkeeping — never their tokens or secrets, only the handle (a hash of the secret): what a
 * storage backend implements for {@code ShareLinks}. Safe for concurrent use.
 *
 * @since 0.1
 */
public interface ShareLinkRegistry extends AutoCloseable {

    /**
     * Records a new link.
     *
     * @throws IllegalArgumentException when its handle is taken
     */
    void insert(ShareLink link);

    /** The link named {@code handle}, or empty. */
    Optional<ShareLink> find(String handle);

    /**
     * Atomically counts one use of the link if it is live at {@code now} (not revoked, not expired, under its use
     * limit); returns whether it did. Two concurrent callers never both take the last use.
     */
    boolean tryUse(String handle, Instant now);

    /** Marks the link revoked at {@code at}; returns whether it was live (not already revoked). */
    boolean revoke(String handle, Instant at);

    /** The links of {@code record}, newest first. */
    List<ShareLink> forRecord(DescriptionId record);

    /** Releases resources; idempotent. */
    @Override
    void close();
}
