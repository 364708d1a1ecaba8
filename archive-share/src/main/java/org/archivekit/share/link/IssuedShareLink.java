package org.archivekit.share.link;

import java.util.Objects;

/**
 * A link just created: its listing form and its token. The token is the only copy of the link's secret: hand it
 * to the viewer; ArchiveKit keeps only a hash.
 *
 * @param link the link as it will be listed
 * @param token the token to pass to {@link ShareLinks#open(String)}
 * @since 0.1
 */
public record IssuedShareLink(ShareLink link, String token) {
    public IssuedShareLink {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(token, "token");
    }

    /** The listing form only: a token must not end up in logs by accident. */
    @Override
    public String toString() {
        return "IssuedShareLink[" + link + ", token=…]";
    }
}
