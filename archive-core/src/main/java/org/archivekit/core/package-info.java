/**
 * The ArchiveKit facade ({@link org.archivekit.core.Archive}) and its exception tree, rooted at
 * {@link org.archivekit.core.ArchiveException}.
 *
 * <p>Every read takes the caller ({@link org.archivekit.core.access.Principal}) and returns only what that caller
 * may see; a hidden record and a missing one look the same.
 */
@NullMarked
package org.archivekit.core;

import org.jspecify.annotations.NullMarked;
