package org.archivekit.search.spi;

import java.io.Closeable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.archivekit.core.model.DescriptionId;

/**
 * A search engine holding {@link IndexDocument}s: indexes, deletes and answers access-filtered queries. Backends
 * are thread-safe; writes may come from one thread while many threads search.
 *
 * <p>Every read method takes an {@link AccessFilter} and must apply it inside the engine's query, so hits, totals,
 * facet counts, suggestions and descendant counts only ever cover records the filter admits. Writes become
 * visible to searches within a second without an explicit {@link #refresh()}; {@link #refresh()} makes them
 * visible at once. Nothing here checks the store: the search service re-checks every hit before it leaves.
 *
 * @since 0.1
 */
public interface SearchBackend extends Closeable {

    /** The backend's name, as its provider's. */
    String name();

    /** Adds or replaces {@code documents} (by id). */
    void index(Collection<IndexDocument> documents);

    /**
     * Adds {@code documents} known not to be indexed yet (a rebuild after {@link #deleteAll()}): like
     * {@link #index}, without looking for older versions to replace. May be called from several threads at once.
     * The default calls {@link #index}.
     */
    default void add(Collection<IndexDocument> documents) {
        index(documents);
    }

    /**
     * Starts ({@code true}) or ends a bulk rebuild. While it runs a backend may hold back periodic refreshes and
     * commits (searches keep seeing the index as it was); ending it makes everything visible. The default does
     * nothing.
     */
    default void bulk(boolean on) {}

    /**
     * During a bulk rebuild, called by each thread that added documents once it has no more to add: a backend may
     * write out what it buffered from that thread now, on that thread, so that the final {@link #commit()} has
     * less to do alone. The default does nothing.
     */
    default void flushAdded() {}

    /** Removes the records {@code ids} (missing ones are ignored). */
    void delete(Collection<DescriptionId> ids);

    /** Removes every record. */
    void deleteAll();

    /** Makes every write so far visible to searches, waiting until it is. */
    void refresh();

    /** Makes every write so far durable (survives a crash). */
    void commit();

    /** Runs one search. */
    BackendResult search(BackendQuery query);

    /**
     * Up to {@code limit} distinct suggestions from records the filter admits, best first: names of creators and
     * subject terms starting with {@code prefix} (up to half the list), then titles having a word or the title
     * itself starting with it (normalised as the index normalises text).
     */
    List<String> suggest(String prefix, AccessFilter access, int limit);

    /** For each of {@code ids}, how many records below it (not itself) the filter admits. */
    Map<DescriptionId, Long> countDescendants(Collection<DescriptionId> ids, AccessFilter access);

    /** The checksum indexed for {@code id}, if it is indexed. */
    Optional<String> checksum(DescriptionId id);

    /** Every indexed id, in no particular order; lazy: close me. */
    Stream<DescriptionId> ids();

    /** The state of the backend. */
    Health health();

    /** Commits and releases the backend; searching after close fails. */
    @Override
    void close();
}
