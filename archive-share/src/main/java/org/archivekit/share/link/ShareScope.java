package org.archivekit.share.link;

/**
 * What a share link opens.
 *
 * @since 0.1
 */
public enum ShareScope {
    /** The one record only. */
    RECORD,
    /** The record and the descendants that both the issuer and the link may see. */
    SUBTREE
}
