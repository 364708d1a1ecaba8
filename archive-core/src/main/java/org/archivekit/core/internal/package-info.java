/** Implementation details of archive-core; not API, may change in any release. */
@NullMarked
package org.archivekit.core.internal;

import org.jspecify.annotations.NullMarked;
