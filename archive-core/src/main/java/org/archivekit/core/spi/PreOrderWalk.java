package org.archivekit.core.spi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link ArchiveStore#subtree}: a pre-order walk that pages through {@link ArchiveStore#children},
 * holding one page per open level (memory O(depth × page)).
 */
final class PreOrderWalk extends Spliterators.AbstractSpliterator<TreeEntry> {
    private static final int PAGE = 500;

    /** The unread rest of one level's current page, and where the next page starts. */
    private static final class Level {
        final DescriptionId parent;
        List<Description> page;
        int next;
        @Nullable DescriptionId after;

        Level(DescriptionId parent) {
            this.parent = parent;
        }
    }

    private final ArchiveStore store;
    private final Deque<Level> open = new ArrayDeque<>();
    private @Nullable Description root;

    PreOrderWalk(ArchiveStore store, Description root) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.store = store;
        this.root = root;
    }

    @Override
    public boolean tryAdvance(Consumer<? super TreeEntry> action) {
        if (root != null) {
            Description r = root;
            root = null;
            open.push(new Level(r.id()));
            action.accept(new TreeEntry(r, 0));
            return true;
        }
        while (!open.isEmpty()) {
            Level top = open.peek();
            if (top.page == null || (top.next == top.page.size() && top.page.size() == PAGE)) {
                top.page = store.children(top.parent, top.after, PAGE);
                top.next = 0;
            }
            if (top.next == top.page.size()) {
                open.pop();
                continue;
            }
            Description d = top.page.get(top.next++);
            top.after = d.id();
            int depth = open.size();
            open.push(new Level(d.id()));
            action.accept(new TreeEntry(d, depth));
            return true;
        }
        return false;
    }
}
