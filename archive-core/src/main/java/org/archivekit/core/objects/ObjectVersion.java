package org.archivekit.core.objects;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One version of a description's digital object: every attach or remove makes a new one.
 *
 * @param number the version number, from 1
 * @param created when it was made
 * @param user who made it (the principal's id)
 * @param message what changed
 * @param fileNames the files in that version, sorted
 * @since 0.2
 */
public record ObjectVersion(int number, Instant created, String user, String message, List<String> fileNames) {
    /** Checks the parts and copies the list. */
    public ObjectVersion {
        if (number < 1) throw new IllegalArgumentException("version number must be at least 1, got " + number);
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(message, "message");
        fileNames = List.copyOf(fileNames);
    }
}
