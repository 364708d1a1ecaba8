package org.archivekit.share.link;

import org.archivekit.core.ArchiveException;

/**
 * A share link did not open. Every reason — a forged or altered token, an unknown key, expiry, revocation, a use
 * limit reached, a record since hidden, withdrawn or restricted above its issuer, a record outside the link's
 * scope — gives this one exception with this one message, so that a token cannot be probed; the reason goes to
 * the audit log.
 *
 * @since 0.1
 */
public final class ShareLinkRefusedException extends ArchiveException {
    private static final long serialVersionUID = 1L;

    /** The one message. */
    public static final String MESSAGE = "this share link is not valid: it may have expired, been revoked or used up,"
            + " or it was never issued";

    ShareLinkRefusedException() {
        super(MESSAGE);
    }
}
