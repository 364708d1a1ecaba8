package org.archivekit.core.objects;

import java.util.List;

/**
 * What {@link DigitalObjects#reconcile} found and repaired after a crash between a file change and its record's
 * save.
 *
 * @param objects how many objects were checked
 * @param rolledBack objects whose newest versions had no saved record and were removed, as
 *     {@code record-id: vN -> vM}
 * @param detached entries removed from records whose object lacks those files, as {@code record-id/file-name}
 * @param orphans objects without a description (left in place, reported for a person to decide)
 * @since 0.2
 */
public record ReconcileReport(int objects, List<String> rolledBack, List<String> detached, List<String> orphans) {
    /** Copies the lists. */
    public ReconcileReport {
        rolledBack = List.copyOf(rolledBack);
        detached = List.copyOf(detached);
        orphans = List.copyOf(orphans);
    }

    /** Whether everything already agreed. */
    public boolean isClean() {
        return rolledBack.isEmpty() && detached.isEmpty() && orphans.isEmpty();
    }
}
