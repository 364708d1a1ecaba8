package org.archivekit.cli;

import java.util.Locale;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Level;

/** Formatting for terminals: thousands separators and padding that counts CJK characters as two columns. */
final class Text {
    private Text() {}

    /** {@code 10000} → {@code 10,000}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The columns {@code s} takes in a terminal: wide (CJK) characters count two. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    /** {@code s} padded with spaces to {@code columns} terminal columns. */
    static String pad(String s, int columns) {
        int w = width(s);
        return w >= columns ? s : s + " ".repeat(columns - w);
    }

    /** {@code s} right-aligned in {@code columns} terminal columns. */
    static String padLeft(String s, int columns) {
        int w = width(s);
        return w >= columns ? s : " ".repeat(columns - w) + s;
    }

    /** {@code 公开 Public}. */
    static String label(AccessLevel level) {
        return level.labelZh() + " " + level.labelEn();
    }

    /** {@code 案卷 File}. */
    static String label(Level level) {
        return level.labelZh() + " " + level.labelEn();
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
