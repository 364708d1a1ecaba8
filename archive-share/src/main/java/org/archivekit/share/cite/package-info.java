/** Citations of archival records in GB/T 7714-2015 and Chicago style: {@link org.archivekit.share.cite.Citations}. */
@NullMarked
package org.archivekit.share.cite;

import org.jspecify.annotations.NullMarked;
