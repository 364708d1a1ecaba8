/**
 * BagIt (RFC 8493) transfer packages: strict validation ({@link org.archivekit.share.bagit.BagValidator}) and safe
 * extraction of zipped bags ({@link org.archivekit.share.bagit.SafeUnzip}).
 */
@NullMarked
package org.archivekit.share.bagit;

import org.jspecify.annotations.NullMarked;
