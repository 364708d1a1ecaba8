package org.archivekit.core.model;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The ISAD(G) notes of a description; each may be absent.
 *
 * @param accessConditions conditions governing access (ISAD(G) 3.4.1)
 * @param useConditions conditions governing reproduction and use (3.4.2)
 * @param custodialHistory archival history (3.2.3)
 * @param acquisition immediate source of acquisition or transfer (3.2.4)
 * @param relatedMaterial related units of description (3.5.3)
 * @param preferredCitation how to cite the material
 * @since 0.1
 */
public record Notes(
        @Nullable @Size(max = 100_000) String accessConditions,
        @Nullable @Size(max = 100_000) String useConditions,
        @Nullable @Size(max = 100_000) String custodialHistory,
        @Nullable @Size(max = 100_000) String acquisition,
        @Nullable @Size(max = 100_000) String relatedMaterial,
        @Nullable @Size(max = 10_000) String preferredCitation) {

    /** No notes. */
    public static final Notes NONE = new Notes(null, null, null, null, null, null);

    /** Whether no note is recorded. */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
