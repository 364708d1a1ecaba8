package org.archivekit.core.model;

import java.util.Objects;

/**
 * The stable identifier of a description: 1–128 characters of ASCII letters, digits and {@code . _ : -},
 * starting with a letter or digit, so that it is safe in URLs, file names and OAI identifiers.
 *
 * @param value the identifier text
 * @since 0.1
 */
public record DescriptionId(String value) implements Comparable<DescriptionId> {
    public DescriptionId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
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
        return asciiName(value, 128, true);
    }

    /**
     * Whether {@code value} is 1 to {@code max} characters of ASCII letters, digits and {@code . _ -} (and
     * {@code :} when {@code colon}), starting with a letter or digit: the regular expression
     * {@code [A-Za-z0-9][A-Za-z0-9._:-]{0,max-1}} without a matcher (ids are checked for every record read).
     */
    static boolean asciiName(String value, int max, boolean colon) {
        int n = value.length();
        if (n == 0 || n > max) return false;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (i > 0 && (c == '.' || c == '_' || c == '-' || (colon && c == ':')));
            if (!ok) return false;
        }
        return true;
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
