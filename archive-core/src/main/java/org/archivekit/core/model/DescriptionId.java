package org.archivekit.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable identifier of a description: 1–128 characters of ASCII letters, digits and {@code . _ : -},
 * starting with a letter or digit, so that it is safe in URLs, file names and OAI identifiers.
 *
 * @param value the identifier text
 * @since 0.1
 */
public record DescriptionId(String value) implements Comparable<DescriptionId> {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    public DescriptionId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("description id '" + abbreviate(value)
                    + "' must be 1-128 characters of A-Z a-z 0-9 . _ : - starting with a letter or digit");
        }
    }

    /** The id {@code value}; see the class for the allowed form. */
    public static DescriptionId of(String value) {
        return new DescriptionId(value);
    }

    /** Whether {@code value} has the allowed form. */
    public static boolean isValid(String value) {
        return FORM.matcher(value).matches();
    }

    @Override
    public int compareTo(DescriptionId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
