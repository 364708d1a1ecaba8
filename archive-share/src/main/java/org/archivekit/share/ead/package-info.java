/**
 * Encoded Archival Description: streaming import of EAD 2002 (XSD and DTD flavours) and EAD3 finding aids into
 * the model, and streaming EAD3 and EAD 2002 export of what a caller may see.
 *
 * <p>The element-by-element mapping, including what is skipped and why, is in {@code docs/interop.md}.
 */
@NullMarked
package org.archivekit.share.ead;

import org.jspecify.annotations.NullMarked;
