/**
 * Search over archival descriptions: the search API, the backend SPI and the embedded Lucene backend.
 *
 * <p>Experimental: this module is a placeholder until the search issue lands; it holds no types yet.
 */
@NullMarked
package org.archivekit.search;

import org.jspecify.annotations.NullMarked;
