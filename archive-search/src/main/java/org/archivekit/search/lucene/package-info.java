/**
 * The embedded Apache Lucene search backend, ArchiveKit's default: an on-disk index (disposable: it can always be
 * rebuilt from the store), near-real-time updates, Chinese and English analysis, and the access filter applied
 * inside every Lucene query.
 */
@NullMarked
package org.archivekit.search.lucene;

import org.jspecify.annotations.NullMarked;
