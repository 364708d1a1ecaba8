package org.archivekit.share.internal;

import java.util.List;
import java.util.Objects;
import org.archivekit.core.Archive;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Lineage;
import org.archivekit.core.access.Principal;
import org.archivekit.core.internal.LineageResolver;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.spi.ArchiveStore;

/**
 * Walks a record and its descendants that a caller may see, depth first and in sibling order, holding one page of
 * children per open level (memory O(depth × page), never O(size)).
 *
 * <p>The root goes through {@link Archive#view} (a hidden root looks missing and the refusal is audited); below it
 * each child is shown only when the archive's {@link AccessPolicy} lets the caller see it, decided exactly as
 * {@link Archive#children} decides (lineage from the parent's, then {@code canSee}); a hidden child's subtree is
 * never read.
 */
public final class VisibleTree {
    private static final int PAGE = 200;

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
        Lineage l = new LineageResolver(archive.store(), archive.policy()).lineage(root.description());
        visitor.enter(root.description(), 0);
        long n = 1 + children(archive.store(), archive.policy(), caller, l, 1, visitor);
        visitor.exit(root.description(), 0);
        return n;
    }

    private static <E extends Exception> long children(ArchiveStore store, AccessPolicy policy, Principal caller,
            Lineage parent, int depth, Visitor<E> visitor) throws E {
        long n = 0;
        long hidden = 0;
        DescriptionId after = null;
        List<Description> page;
        do {
            page = store.children(parent.record().id(), after, PAGE);
            for (Description d : page) {
                after = d.id();
                Lineage l = policy.child(parent, d);
                if (!policy.canSee(caller, l)) {
                    hidden++;
                    continue;
                }
                visitor.enter(d, depth);
                n += 1 + children(store, policy, caller, l, depth + 1, visitor);
                visitor.exit(d, depth);
            }
        } while (page.size() == PAGE);
        if (hidden > 0) visitor.withheld(parent.record(), hidden, depth);
        return n;
    }
}
