/**
 * JSON export: a record and its visible descendants in the model's stable JSON form, streamed.
 */
@NullMarked
package org.archivekit.share.json;

import org.jspecify.annotations.NullMarked;
