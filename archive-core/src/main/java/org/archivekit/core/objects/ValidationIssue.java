package org.archivekit.core.objects;

import java.util.Objects;

/**
 * One finding of an OCFL validation: the specification's code ({@code E040}, {@code W004}; see the OCFL
 * validation codes) and a message naming what is wrong.
 *
 * @param code the OCFL validation code
 * @param message what was found, in English
 * @since 0.2
 */
public record ValidationIssue(String code, String message) {
    /** Checks that both parts are present. */
    public ValidationIssue {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
