package org.archivekit.share.social;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts a Weibo post the way Weibo counts it, so that a post can be kept within its limit.
 *
 * <p>The rule implemented: every half-width character (U+0000–U+007F, and the half-width forms U+FF61–U+FFDC)
 * counts ½; every other code point (汉字, full-width punctuation, emoji — one code point each) counts 1; every
 * {@code http://} or {@code https://} link counts 11 whatever its length, because Weibo replaces it with a t.cn
 * short link of 22 half-width characters. The total is rounded up. Line breaks are half-width and count ½.
 *
 * @since 0.1
 */
public final class WeiboLength {
    /** The longest post ArchiveKit writes. */
    public static final int LIMIT = 2000;
    /** What one link counts. */
    public static final int LINK = 11;

    static final Pattern LINK_PATTERN = Pattern.compile("https?://[\\x21-\\x7E]+");

    private WeiboLength() {}

    /** The length of {@code text} as Weibo counts it. */
    public static int of(String text) {
        int halves = 0;
        Matcher m = LINK_PATTERN.matcher(text);
        int last = 0;
        while (m.find()) {
            halves += halves(text, last, m.start()) + 2 * LINK;
            last = m.end();
        }
        halves += halves(text, last, text.length());
        return (halves + 1) / 2;
    }

    private static int halves(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; ) {
            int cp = s.codePointAt(i);
            n += isHalfWidth(cp) ? 1 : 2;
            i += Character.charCount(cp);
        }
        return n;
    }

    static boolean isHalfWidth(int cp) {
        return cp <= 0x7F || (cp >= 0xFF61 && cp <= 0xFFDC);
    }
}
