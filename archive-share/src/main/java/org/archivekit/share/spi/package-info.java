/** What storage backends implement for archive-share: the {@link org.archivekit.share.spi.ShareLinkRegistry}. */
@NullMarked
package org.archivekit.share.spi;

import org.jspecify.annotations.NullMarked;
