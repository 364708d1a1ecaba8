package org.archivekit.core;

/**
 * A write would break the tree: a cycle, a level inversion (an item holding a file), a parent in another
 * institution, or a missing parent.
 *
 * @since 0.1
 */
public final class HierarchyException extends ArchiveException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the records and the rule. */
    public HierarchyException(String message) {
        super(message);
    }
}
