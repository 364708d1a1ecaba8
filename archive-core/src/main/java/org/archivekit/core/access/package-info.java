/**
 * The one access policy: who is asking ({@link org.archivekit.core.access.Principal}) and what they may see
 * ({@link org.archivekit.core.access.AccessPolicy}). Every read path of ArchiveKit goes through it.
 */
@NullMarked
package org.archivekit.core.access;

import org.jspecify.annotations.NullMarked;
