/**
 * Ready-made {@link org.archivekit.core.spi.ArchiveStore} implementations: {@link
 * org.archivekit.core.store.SqliteArchiveStore}, a durable single-file store for one archive, {@link
 * org.archivekit.core.store.PostgresArchiveStore}, for campus PostgreSQL shared by several application nodes, and
 * {@link org.archivekit.core.store.InMemoryArchiveStore}, for tests and small embedded uses. The two SQL stores
 * share their schema and SQL; all three pass {@code ArchiveStoreContract} and are safe for use by many threads.
 */
@NullMarked
package org.archivekit.core.store;

import org.jspecify.annotations.NullMarked;
