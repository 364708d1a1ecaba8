package org.archivekit.core.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the append-only audit log: who did what to which record, when, and the versions before and after.
 *
 * @param sequence position in the log, assigned by the store (0 before it is appended)
 * @param at when it happened
 * @param actor principal id, {@code anonymous} for the public
 * @param action what happened, for example {@code create}, {@code update}, {@code move}, {@code import},
 *     {@code deny}
 * @param target the record concerned, or {@code null}
 * @param oldVersion the version before, 0 when none
 * @param newVersion the version after, 0 when none (a denial changes nothing)
 * @param detail a short free text, may be empty
 * @since 0.1
 */
public record AuditEvent(long sequence, Instant at, String actor, String action, @Nullable DescriptionId target,
        long oldVersion, long newVersion, String detail) {
    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(detail, "detail");
    }

    /** A copy with the sequence the store assigned. */
    public AuditEvent withSequence(long seq) {
        return new AuditEvent(seq, at, actor, action, target, oldVersion, newVersion, detail);
    }
}
