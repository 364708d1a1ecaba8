package org.archivekit.core.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * A reference code (档号), such as {@code Z109-WS·2011-Y-BGS-0012}, compared in natural order: runs of digits
 * compare by number, so {@code …-9} sorts before {@code …-10}.
 *
 * @param value the code as written, 1–200 characters, no control characters
 * @since 0.1
 */
public record ReferenceCode(String value) implements Comparable<ReferenceCode> {

    /** Natural order on reference codes: digits by number, other characters by code point. */
    public static final Comparator<ReferenceCode> NATURAL_ORDER = Comparator.comparing(ReferenceCode::sortKey);

    private static final int DIGIT_WIDTH = 12;

    public ReferenceCode {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 200 || hasControl(value)) {
            throw new IllegalArgumentException("reference code must be 1-200 characters without control characters");
        }
    }

    private static boolean hasControl(String value) {
        for (int i = 0; i < value.length(); i++) if (Character.isISOControl(value.charAt(i))) return true;
        return false;
    }

    /** The code {@code value}. */
    public static ReferenceCode of(String value) {
        return new ReferenceCode(value);
    }

    /**
     * A key whose plain string order is this code's natural order: every run of digits is left-padded with zeros
     * to a fixed width (leading zeros of the run dropped first). Stores sort on it in SQL.
     */
    public String sortKey() {
        StringBuilder out = new StringBuilder(value.length() + 16);
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                int start = i;
                while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') i++;
                // the run without its leading zeros (one digit kept), then left-padded
                while (start < i - 1 && value.charAt(start) == '0') start++;
                for (int pad = DIGIT_WIDTH - (i - start); pad > 0; pad--) out.append('0');
                out.append(value, start, i);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    @Override
    public int compareTo(ReferenceCode o) {
        int c = sortKey().compareTo(o.sortKey());
        return c != 0 ? c : value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
