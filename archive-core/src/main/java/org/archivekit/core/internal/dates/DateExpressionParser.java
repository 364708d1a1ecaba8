package org.archivekit.core.internal.dates;

import java.time.DateTimeException;
import java.util.Objects;
import org.archivekit.core.InvalidDateException;
import org.archivekit.core.model.ArchivalDate;

/**
 * Reads archival date expressions, Chinese and English, into inclusive day ranges; the engine behind
 * {@link ArchivalDate#parse(String)}.
 *
 * <h2>Supported forms</h2>
 * <ul>
 *   <li><b>Numeric</b>: {@code 1931-05-12}, {@code 1931-05}, {@code 1931}, {@code 1931.5.12}, {@code 1931/05/12},
 *       {@code 19310512}. Years have four digits, 0001–9999.
 *   <li><b>English</b>: {@code May 12, 1931}, {@code 12 May 1931}, {@code 1931 May 12} (DACS), {@code May 1931};
 *       month names and three-letter abbreviations (also {@code Sept}) in any case, with or without a full stop.
 *   <li><b>Chinese</b>: {@code 1931年5月12日}, {@code 1931年5月}, {@code 1931年}, in Arabic, full-width
 *       (１９３１) or Chinese numerals ({@code 一九三一年五月十二日}, {@code 二〇〇八年}); also 号 for 日, 月份, 元月.
 *       Traditional characters (民國, 光緒) are read as simplified.
 *   <li><b>Eras</b>: 民国 (民国元年 = 1912; {@code 民国二十年}, {@code 民国20年}, {@code 民国二十年五月十二日},
 *       with Gregorian months) and the Qing reigns 咸丰 (1851–1861), 同治 (1862–1874), 光绪 (1875–1908) and
 *       宣统 (1909–1911), with optional 中华 / 清 / 大清 prefixes, lunar month words (正月, 冬月, 腊月, 闰五月) and
 *       days (初五, 廿五). A year beyond the end of a reign is refused. {@code 公元} and {@code A.D.} are accepted
 *       and ignored; BCE ({@code 公元前}, {@code BC}) is refused.
 *   <li><b>Ranges</b>: {@code 1931-1935}, {@code 1931/1935} (EAD {@code @normal}), {@code 1931-05/1932-02},
 *       {@code 1931 to 1935}, {@code 1931–1935}, {@code from 1931 to 1935}, {@code between 1931 and 1935},
 *       {@code 1931年至1935年}, {@code 1931-1935年}, {@code 1931年5月-1932年2月}, {@code May 12–15, 1931}. A side
 *       may leave out what the other gives: {@code 民国二十年至二十五年} (the era carries to a year not written with
 *       four digits), {@code 1931年5月至8月}, {@code 1931年5月12日至15日}, {@code 12–15 May 1931}. See
 *       {@link RangeSplitter} for when a hyphen or slash divides a range.
 *   <li><b>Open ends</b>: {@code 1949-}, {@code 1949/..}, {@code ../1949}, {@code 1949至今}, {@code 1949-present},
 *       {@code since 1949}, {@code from 1949}, {@code 1949 onwards}, {@code 1949年以后}, {@code 1949年以来},
 *       {@code 1949年起}, {@code until 1900}, {@code 1900年以前}, {@code 1900年止}; and, excluding the named date,
 *       {@code before 1900} (ends 1899-12-31), {@code after 1949} (begins 1950-01-01), {@code 1900年之前},
 *       {@code 1949年之后}.
 *   <li><b>Circa</b>: {@code circa 1930}, {@code ca. 1930}, {@code c. 1930}, {@code about 1930}, {@code 约1930年},
 *       {@code 大约1930年}, {@code 1930年左右}, {@code 1930年前后}, {@code 1930?}, {@code [1930?]}.
 *   <li><b>Decades and centuries</b>: {@code 1930s}, {@code 1930's}, {@code the 1930s}, {@code early / mid / late
 *       1930s}, {@code 1930年代}, {@code 20世纪30年代}, {@code 二十世纪三十年代}, {@code 30年代初 / 中期 / 末},
 *       {@code 19th century}, {@code 20世纪}, {@code 20世纪上半叶 / 下半叶}.
 *   <li><b>Equivalents</b>: {@code 1931年（民国二十年）}, {@code 民国二十年(1931)}: both parts are read and must
 *       agree; the narrower is kept ({@code 1904年5月（光绪三十年四月）} is May 1904).
 * </ul>
 *
 * <h2>Choices</h2>
 * <ul>
 *   <li><b>Circa keeps the stated range</b>: {@code circa 1930} is 1930-01-01..1930-12-31 with
 *       {@code approximate = true}; how far to widen is left to the consumer. Square brackets alone mark a date
 *       supplied by the cataloguer, not an uncertain one: {@code [1930]} is exact, {@code [1930?]} approximate.
 *   <li><b>Early / mid / late</b> are the thirds of the period (1930–1933, 1934–1936, 1937–1939; 1901–1934,
 *       1935–1967, 1968–2000) and set {@code approximate}, since where the thirds divide is a convention; so do
 *       Chinese 初 / 中期 / 末 and the halves 上半叶 / 下半叶.
 *   <li><b>Centuries are counted strictly</b>: the 20th century and 20世纪 are 1901–2000, as in 《现代汉语词典》 and
 *       most reference works. Decades are calendar decades: the 1930s and 20世纪30年代 are 1930–1939, and
 *       {@code 1900s} is the decade 1900–1909. {@code 30年代} without its century is refused as ambiguous.
 *   <li><b>Qing reign years</b> map to the Gregorian year that conventionally corresponds to them
 *       (光绪三十年 = 1904-01-01..1904-12-31), as catalogues do. A Qing month or day is lunisolar and is not
 *       converted day by day: it becomes the window from 1 January of that year to the end of February of the next
 *       (光绪三十年五月 = 1904-01-01..1905-02-28), which always holds the true day because the lunar year starts
 *       between 21 January and 20 February. The lunar month (1–12) and day (1–30) are still checked.
 *       {@code approximate} is not set: the window is certain, just wide.
 *   <li><b>Open-end words</b>: English since / from / until / up to and Chinese 以后 / 以来 / 起 / 以前 / 止 include
 *       the named date, as Chinese catalogues commonly read them; before / after / prior to / 之前 / 之后 exclude
 *       it.
 *   <li><b>Refused</b> with {@link InvalidDateException}: blank text; more than {@value #MAX_LENGTH} characters;
 *       undated markers (n.d., s.d., undated, 不详, 无日期 — the model represents undated material by having no
 *       date); the EAD placeholder {@code 0000}; years outside 1–9999; BCE; impossible months and days; era years
 *       that do not exist; a range whose end comes before its begin; and anything else not listed above.
 * </ul>
 *
 * <p>The expression is kept verbatim in the result; it is trimmed and normalized only for reading (see
 * {@link TextNormalizer}).
 */
public final class DateExpressionParser {
    /**
     * The longest expression read; longer input is refused before any pattern sees it, and the exception quotes
     * only its first 40 characters so that oversized input does not flood logs.
     */
    public static final int MAX_LENGTH = 200;

    private static final int QUOTED_PREFIX = 40;

    private DateExpressionParser() {}

    /** Parses {@code expression}; see the class comment and {@link ArchivalDate#parse(String)}. */
    public static ArchivalDate parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        if (expression.length() > MAX_LENGTH) {
            throw new InvalidDateException(expression.substring(0, QUOTED_PREFIX) + "…",
                    "expression is " + expression.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        if (expression.isBlank()) throw new InvalidDateException(expression, "expression is blank");
        try {
            ExpressionReader.Reading reading = ExpressionReader.read(TextNormalizer.normalize(expression));
            Span span = reading.span();
            return new ArchivalDate(expression, span.begin(), span.end(), reading.approximate());
        } catch (UnreadableDateException e) {
            throw new InvalidDateException(expression, e.reason());
        } catch (DateTimeException | ArithmeticException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidDateException(expression, "unrecognised date expression");
        }
    }
}
