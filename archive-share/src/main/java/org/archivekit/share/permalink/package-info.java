/** Stable, reversible permalinks from a configured pattern: {@link org.archivekit.share.permalink.Permalinks}. */
@NullMarked
package org.archivekit.share.permalink;

import org.jspecify.annotations.NullMarked;
