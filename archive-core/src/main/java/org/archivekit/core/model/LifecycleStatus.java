package org.archivekit.core.model;

/**
 * Where a description stands in its life. Drafts and withdrawn records are visible to staff only, and so are
 * the descendants of a draft or withdrawn record.
 *
 * @since 0.1
 */
public enum LifecycleStatus {
    /** Being written; not yet published. */
    DRAFT,
    /** Published: visible to whoever the access level allows. */
    PUBLISHED,
    /** Withdrawn from public service; kept for staff. */
    WITHDRAWN
}
