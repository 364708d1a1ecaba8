/**
 * The search backend SPI: what a search engine implements to serve ArchiveKit search, found by
 * {@link java.util.ServiceLoader} through {@link org.archivekit.search.spi.SearchBackendProvider}.
 *
 * <p>A backend stores {@link org.archivekit.search.spi.IndexDocument}s and answers
 * {@link org.archivekit.search.spi.BackendQuery}s. It never decides who may see what by itself: every query carries
 * an {@link org.archivekit.search.spi.AccessFilter} that the backend must apply inside the query, so totals, facet
 * counts and suggestions only ever count what the caller may see. The contract test kit
 * {@code SearchBackendContract} (archive-search test-jar) checks each backend.
 */
@NullMarked
package org.archivekit.search.spi;

import org.jspecify.annotations.NullMarked;
