package org.archivekit.core.internal.dates;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Brings an expression to one spelling before it is read, so the patterns need to know only one form of each sign.
 *
 * <ul>
 *   <li>NFKC: full-width digits and punctuation become ASCII (１９３１ → 1931, （ → (, ／ → /, ～ → ~);
 *   <li>the traditional characters that occur in dates become simplified (民國 → 民国, 光緒 → 光绪, 約 → 约);
 *   <li>Latin letters become lower case; the dash family (‒ – — ―) becomes the en dash, hyphen look-alikes
 *       (‐ ‑ −) the hyphen, and curly apostrophes the straight one;
 *   <li>runs of white space become one space, and spaces next to Chinese characters go (1931 年 → 1931年);
 *   <li>{@code mid-1930s} and {@code 19th-century} lose the hyphen, which is not a range there;
 *   <li>a full stop after a final digit goes ({@code May 12, 1931.}).
 * </ul>
 */
final class TextNormalizer {
    private static final Map<Character, Character> SIMPLIFIED = Map.ofEntries(
            Map.entry('國', '国'), Map.entry('緒', '绪'), Map.entry('統', '统'), Map.entry('豐', '丰'),
            Map.entry('臘', '腊'), Map.entry('約', '约'), Map.entry('紀', '纪'), Map.entry('後', '后'),
            Map.entry('來', '来'), Map.entry('號', '号'), Map.entry('閏', '闰'), Map.entry('無', '无'),
            Map.entry('詳', '详'), Map.entry('兩', '两'), Map.entry('華', '华'), Map.entry('為', '为'),
            Map.entry('從', '从'), Map.entry('現', '现'), Map.entry('葉', '叶'));
    private static final Pattern DASHES = Pattern.compile("[\u2012\u2013\u2014\u2015\uFE58]");
    private static final Pattern HYPHENS = Pattern.compile("[\u2010\u2011\u2212]");
    private static final Pattern APOSTROPHES = Pattern.compile("[\u2018\u2019\u02BC]");
    private static final Pattern WAVE_DASHES = Pattern.compile("[\u301C\u3030]");
    private static final Pattern SPACES = Pattern.compile("[\\s\u00A0\u3000]+");
    private static final Pattern SPACE_BY_HAN = Pattern.compile("(?<=[\\p{IsHan}〇])\\s+|\\s+(?=[\\p{IsHan}〇])");
    private static final Pattern HYPHENATED_PART = Pattern.compile("\\b(early|mid|late)-");
    private static final Pattern HYPHENATED_CENTURY = Pattern.compile("(\\d(?:st|nd|rd|th))-(century)");
    private static final Pattern FINAL_STOP = Pattern.compile("(?<=\\d)\\.$");

    private TextNormalizer() {}

    /** The normalized form of {@code raw}; see the class comment for what changes. */
    static String normalize(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        text = simplify(text).toLowerCase(Locale.ROOT);
        text = DASHES.matcher(text).replaceAll("\u2013");
        text = HYPHENS.matcher(text).replaceAll("-");
        text = APOSTROPHES.matcher(text).replaceAll("'");
        text = WAVE_DASHES.matcher(text).replaceAll("~");
        text = SPACES.matcher(text).replaceAll(" ").trim();
        text = SPACE_BY_HAN.matcher(text).replaceAll("");
        text = HYPHENATED_PART.matcher(text).replaceAll("$1 ");
        text = HYPHENATED_CENTURY.matcher(text).replaceAll("$1 $2");
        return FINAL_STOP.matcher(text).replaceAll("");
    }

    private static String simplify(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) out.append(SIMPLIFIED.getOrDefault(c, c));
        return out.toString();
    }
}
