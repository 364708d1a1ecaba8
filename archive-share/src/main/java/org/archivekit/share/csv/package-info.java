/**
 * CSV: a spreadsheet form of descriptions, for bulk entry under a parent and for export to Excel.
 *
 * <p>The columns are documented in {@code docs/interop.md}.
 */
@NullMarked
package org.archivekit.share.csv;

import org.jspecify.annotations.NullMarked;
