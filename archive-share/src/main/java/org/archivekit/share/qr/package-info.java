/** QR codes for permalinks and share links: {@link org.archivekit.share.qr.QrCodes}. */
@NullMarked
package org.archivekit.share.qr;

import org.jspecify.annotations.NullMarked;
