/**
 * Internals of archive-search: turning records into index documents, parsing the user query syntax, keeping the
 * index in step with the store. Not API.
 */
@NullMarked
package org.archivekit.search.internal;

import org.jspecify.annotations.NullMarked;
