package org.archivekit.core.model;

import java.util.Objects;

/**
 * The code of an institution (archival repository), such as an ISIL ({@code CN-100871-A}) or an agreed short
 * code: 1–64 ASCII letters, digits and {@code - _ .}.
 *
 * @param value the code
 * @since 0.1
 */
public record InstitutionCode(String value) implements Comparable<InstitutionCode> {
    public InstitutionCode {
        Objects.requireNonNull(value, "value");
        if (!DescriptionId.asciiName(value, 64, false)) {
            throw new IllegalArgumentException("institution code '" + DescriptionId.abbreviate(value)
                    + "' must be 1-64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
    }

    /** The code {@code value}. */
    public static InstitutionCode of(String value) {
        return new InstitutionCode(value);
    }

    @Override
    public int compareTo(InstitutionCode o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
