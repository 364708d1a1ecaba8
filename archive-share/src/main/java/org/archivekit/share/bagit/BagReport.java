package org.archivekit.share.bagit;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of validating a bag against RFC 8493 (and the earlier BagIt drafts 0.93–0.97).
 *
 * @param version the BagIt version declared, or {@code null} when bagit.txt could not be read
 * @param errors why the bag is invalid; empty when it is valid
 * @param warnings what is allowed but questionable (md5sum-style manifests, {@code ./} paths, system files …)
 * @param missingFetchItems payload files listed in fetch.txt and absent: the bag is valid but incomplete. They are
 *     never fetched.
 * @param payloadFiles how many payload files were verified
 * @param payloadBytes their total size
 * @since 0.1
 */
public record BagReport(@Nullable String version, List<String> errors, List<String> warnings,
        List<String> missingFetchItems, long payloadFiles, long payloadBytes) {
    public BagReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        missingFetchItems = List.copyOf(missingFetchItems);
    }

    /** Whether the bag is valid (it may still be incomplete). */
    public boolean isValid() {
        return errors.isEmpty();
    }

    /** Whether the bag is valid and holds every payload file (nothing left to fetch). */
    public boolean isComplete() {
        return isValid() && missingFetchItems.isEmpty();
    }

    /** The first error, for messages. */
    public String firstError() {
        return errors.isEmpty() ? "" : Objects.requireNonNull(errors.get(0));
    }
}
