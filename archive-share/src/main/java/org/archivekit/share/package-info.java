/**
 * Sharing archival descriptions with the world: EAD import and export, Dublin Core, and later OAI-PMH, BagIt,
 * share links and feeds.
 *
 * <p>This package holds what every format shares: {@link org.archivekit.share.ImportException}, which names the
 * file, line and column of bad input, and {@link org.archivekit.core.ExportException}. The formats live in
 * subpackages ({@code .ead}, {@code .dc}); parsing and writing helpers live in {@code .internal}.
 */
@NullMarked
package org.archivekit.share;

import org.jspecify.annotations.NullMarked;
