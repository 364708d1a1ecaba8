package org.archivekit.core.objects;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.internal.ocfl.OcflSupport;

/**
 * Validates OCFL objects (1.0 and 1.1) against the specification, with ocfl-java's validator.
 *
 * @since 0.2
 */
public final class OcflValidation {
    private OcflValidation() {}

    /**
     * Validates the OCFL object whose root is {@code objectRoot}; with {@code contentFixity} every content file is
     * also re-hashed and compared with the inventory.
     *
     * @throws NotFoundException when {@code objectRoot} is not a directory
     */
    public static ValidationReport validate(Path objectRoot, boolean contentFixity) {
        Objects.requireNonNull(objectRoot, "objectRoot");
        if (!Files.isDirectory(objectRoot)) throw NotFoundException.of("OCFL object root", objectRoot.toString());
        return OcflSupport.validate(objectRoot, contentFixity);
    }
}
