/** The model's stable JSON form; no Jackson type appears in this API. */
@NullMarked
package org.archivekit.core.json;

import org.jspecify.annotations.NullMarked;
