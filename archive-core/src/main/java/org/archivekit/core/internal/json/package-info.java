/**
 * The hand-written Jackson mapping behind {@link org.archivekit.core.json.ArchiveJson}: a streaming writer and a
 * strict tree reader that reports every violation with its JSON path. Not API.
 */
@NullMarked
package org.archivekit.core.internal.json;

import org.jspecify.annotations.NullMarked;
