package org.archivekit.core.spi;

import java.util.List;
import org.archivekit.core.HierarchyException;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.jspecify.annotations.Nullable;

/**
 * The tree rules every store checks inside its write transaction; stateless.
 *
 * @since 0.1
 */
public final class HierarchyRules {
    private HierarchyRules() {}

    /**
     * Checks that {@code parent} may hold {@code child}: same institution, compatible levels, and — for a move —
     * that the child is not among the parent's ancestors or the parent itself.
     *
     * @param child the record being written
     * @param parent its parent as stored, or {@code null} when it was not found
     * @param parentAncestorIds ids of the parent's ancestors (any order)
     * @throws HierarchyException naming the records and the rule broken
     */
    public static void checkParent(Description child, @Nullable Description parent, List<DescriptionId> parentAncestorIds) {
        if (parent == null) {
            throw new HierarchyException("parent '" + child.parent() + "' of record '" + child.id()
                    + "' does not exist");
        }
        if (!parent.institution().equals(child.institution())) {
            throw new HierarchyException("record '" + child.id() + "' of institution " + child.institution()
                    + " cannot be placed under '" + parent.id() + "' of institution " + parent.institution());
        }
        if (!parent.level().mayContain(child.level())) {
            throw new HierarchyException("level inversion: a " + parent.level() + " ('" + parent.id()
                    + "') cannot hold a " + child.level() + " ('" + child.id() + "')");
        }
        if (parent.id().equals(child.id()) || parentAncestorIds.contains(child.id())) {
            throw new HierarchyException("cycle: moving '" + child.id() + "' under '" + parent.id()
                    + "' would make it its own ancestor");
        }
    }

    /**
     * Checks that {@code changed}'s level may still hold each of its existing children's levels.
     *
     * @throws HierarchyException naming the first child that would be above its parent
     */
    public static void checkChildren(Description changed, Iterable<Description> children) {
        for (Description c : children) {
            if (!changed.level().mayContain(c.level())) {
                throw new HierarchyException("level inversion: record '" + changed.id() + "' cannot become a "
                        + changed.level() + " while it holds the " + c.level() + " '" + c.id() + "'");
            }
        }
    }
}
