package org.archivekit.core.spi;

import java.util.Set;
import org.archivekit.core.model.DescriptionId;

/**
 * Hears about records after their write committed, so that derived data (a search index, caches, feeds) can
 * follow the store. Registered with {@code Archive.builder().listener(...)}.
 *
 * <p>Called on the writing thread, after the commit; it should be quick (hand work to a queue) and should not
 * throw: an exception is logged and swallowed, since the write has already happened. Consumers must tolerate
 * missing a notification (a crash between commit and call) by offering a consistency check against the store.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ChangeListener {

    /**
     * Records {@code ids} were created or changed. When {@code withDescendants} is true, everything below them
     * may have changed too (a move changes breadcrumbs; an access or status change is inherited; an import adds
     * whole subtrees), and listeners that keep per-record copies should refresh the subtrees.
     *
     * @param ids the records written; never empty
     * @param withDescendants whether their descendants are affected too
     */
    void changed(Set<DescriptionId> ids, boolean withDescendants);
}
