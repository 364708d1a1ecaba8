package org.archivekit.core.internal.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Fast reads of the two time forms the stored JSON is written in ({@code 2024-05-01} and
 * {@code 2024-05-01T08:00:00[.fraction]Z}, as {@code LocalDate.toString} and {@code Instant.toString} write them);
 * anything else, valid or not, answers null and is left to the JDK's parser, which has the last word.
 * {@code DateTimeFormatter} parsing is a tenth of the cost of reading a stored record.
 */
final class IsoTimes {
    private IsoTimes() {}

    /** {@code yyyy-MM-dd} with a valid date, else null. */
    static @Nullable LocalDate date(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') return null;
        int y = digits(s, 0, 4);
        int m = digits(s, 5, 2);
        int d = digits(s, 8, 2);
        if (y < 0 || m < 0 || d < 0) return null;
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with valid fields (no leap second), else null. */
    static @Nullable Instant instant(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        LocalDate date = date(s.substring(0, 10));
        int h = digits(s, 11, 2);
        int min = digits(s, 14, 2);
        int sec = digits(s, 17, 2);
        if (date == null || h < 0 || min < 0 || sec < 0) return null;
        int nanos = 0;
        if (n > 20) {
            int len = n - 21; // between '.' and 'Z'
            if (s.charAt(19) != '.' || len < 1 || len > 9) return null;
            nanos = digits(s, 20, len);
            if (nanos < 0) return null;
            for (int i = len; i < 9; i++) nanos *= 10;
        }
        try {
            return LocalDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), h, min, sec, nanos)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The value of {@code len} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
