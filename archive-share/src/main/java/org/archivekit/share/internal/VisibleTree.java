package org.archivekit.share.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Objects;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Lineage;
import org.archivekit.core.access.Principal;
import org.archivekit.core.internal.LineageResolver;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.spi.TreeEntry;

/**
 * Walks a record and its descendants that a caller may see, depth first and in sibling order, from one streamed
 * {@link ArchiveStore#subtree} read: memory holds the open lineage (one frame per open level), never the tree.
 *
 * <p>The root goes through {@link Archive#view} (a hidden root looks missing and the refusal is audited); below it
 * each record is shown only when the archive's {@link AccessPolicy} lets the caller see it, decided exactly as
 * {@link Archive#children} decides (lineage from the parent's, then {@code canSee}); a hidden record's whole subtree
 * is passed over, however the caller's clearance would judge the records in it.
 */
public final class VisibleTree {

    private VisibleTree() {}

    /** What the walk reports. Exceptions thrown by a visitor end the walk. */
    public interface Visitor<E extends Exception> {
        /** A visible record, before its children; {@code depth} is 0 for the root. */
        void enter(Description record, int depth) throws E;

        /** After the record's children. */
        void exit(Description record, int depth) throws E;

        /** {@code hidden} children of {@code parent} were not shown; called after its visible children. */
        default void withheld(Description parent, long hidden, int depth) throws E {}
    }

    /** One open, visible record: its access facts and how many of its children were hidden so far. */
    private static final class Frame {
        final Lineage lineage;
        final int depth;
        long hidden;

        Frame(Lineage lineage, int depth) {
            this.lineage = lineage;
            this.depth = depth;
        }
    }

    /**
     * Walks {@code id} and its visible descendants.
     *
     * @return how many records were visited
     * @throws org.archivekit.core.NotFoundException when {@code id} is missing or hidden from {@code caller}
     */
    public static <E extends Exception> long walk(Archive archive, Principal caller, DescriptionId id,
            Visitor<E> visitor) throws E {
        Objects.requireNonNull(visitor, "visitor");
        RecordView root = archive.view(caller, id);
        AccessPolicy policy = archive.policy();
        Lineage rootLineage = new LineageResolver(archive.store(), policy).lineage(root.description());
        Deque<Frame> open = new ArrayDeque<>();
        visitor.enter(root.description(), 0);
        open.push(new Frame(rootLineage, 0));
        long n = 1;
        int hiddenBelow = Integer.MAX_VALUE; // the depth of the hidden record whose subtree is being passed over
        try (Stream<TreeEntry> tree = archive.store().subtree(id)) {
            Iterator<TreeEntry> it = tree.iterator();
            if (it.hasNext()) it.next(); // the root itself, already shown from the view
            while (it.hasNext()) {
                TreeEntry e = it.next();
                int depth = e.depth();
                if (depth > hiddenBelow) continue;
                hiddenBelow = Integer.MAX_VALUE;
                while (open.peek().depth >= depth) close(open.pop(), visitor);
                Frame parent = open.peek();
                if (depth != parent.depth + 1) {
                    throw new IllegalStateException("the store's subtree of '" + id + "' skipped a level at '"
                            + e.description().id() + "'");
                }
                Lineage l = policy.child(parent.lineage, e.description());
                if (!policy.canSee(caller, l)) {
                    parent.hidden++;
                    hiddenBelow = depth;
                    continue;
                }
                visitor.enter(e.description(), depth);
                open.push(new Frame(l, depth));
                n++;
            }
        }
        while (!open.isEmpty()) close(open.pop(), visitor);
        return n;
    }

    private static <E extends Exception> void close(Frame f, Visitor<E> visitor) throws E {
        Description d = f.lineage.record();
        if (f.hidden > 0) visitor.withheld(d, f.hidden, f.depth + 1);
        visitor.exit(d, f.depth);
    }
}
