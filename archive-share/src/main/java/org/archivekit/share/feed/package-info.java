/** RSS and Atom feeds of newly published public records: {@link org.archivekit.share.feed.Feeds}. */
@NullMarked
package org.archivekit.share.feed;

import org.jspecify.annotations.NullMarked;
