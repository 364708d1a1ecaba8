/**
 * Search over archival descriptions that only ever shows what the caller may see: {@link
 * org.archivekit.search.ArchiveSearch} keeps a search backend in step with the store and answers queries,
 * suggestions and hierarchy browsing for a {@link org.archivekit.core.access.Principal}.
 *
 * <p>Backends plug in through {@link org.archivekit.search.spi}; the embedded Lucene backend
 * ({@link org.archivekit.search.lucene.LuceneSearchBackend}) is the default. The user query syntax is documented on
 * {@link org.archivekit.search.SearchRequest#query()}.
 */
@NullMarked
package org.archivekit.search;

import org.jspecify.annotations.NullMarked;
