/**
 * Sharing archival descriptions with the world: EAD, Dublin Core, OAI-PMH, BagIt, share links and feeds.
 *
 * <p>Experimental: this module is a placeholder until the interoperability and sharing issues land; it holds no
 * types yet.
 */
@NullMarked
package org.archivekit.share;

import org.jspecify.annotations.NullMarked;
