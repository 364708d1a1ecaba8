/**
 * Signed, expiring share links (HMAC-SHA256, key rotation, use limits, revocation), re-checked against the issuer
 * and the record at every use. Start with {@link org.archivekit.share.link.ShareLinks}.
 */
@NullMarked
package org.archivekit.share.link;

import org.jspecify.annotations.NullMarked;
