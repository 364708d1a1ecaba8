package org.archivekit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.LocalDate;
import org.archivekit.core.InvalidDateException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour of {@link ArchivalDate#parse(String)}: the forms it reads, the ranges they mean, what it refuses. */
final class ArchivalDateTest {

    @ParameterizedTest(name = "[{index}] {0} → {1} .. {2}, approximate={3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "open", textBlock = """
            # ISO and other numeric days, months, years
            1931-05-12                 | 1931-05-12 | 1931-05-12 | false
            1931-05                    | 1931-05-01 | 1931-05-31 | false
            1932-02                    | 1932-02-01 | 1932-02-29 | false
            1931                       | 1931-01-01 | 1931-12-31 | false
            1931.5.12                  | 1931-05-12 | 1931-05-12 | false
            1931/05/12                 | 1931-05-12 | 1931-05-12 | false
            1931/5                     | 1931-05-01 | 1931-05-31 | false
            19310512                   | 1931-05-12 | 1931-05-12 | false
            0960                       | 0960-01-01 | 0960-12-31 | false
            # English month names, any case, abbreviated or not
            May 12, 1931               | 1931-05-12 | 1931-05-12 | false
            12 May 1931                | 1931-05-12 | 1931-05-12 | false
            MAY 1931                   | 1931-05-01 | 1931-05-31 | false
            Sept. 3rd, 1939            | 1939-09-03 | 1939-09-03 | false
            1931 May 12                | 1931-05-12 | 1931-05-12 | false
            dec 1931                   | 1931-12-01 | 1931-12-31 | false
            # Chinese calendar dates, Arabic, full-width and Chinese numerals
            1931年5月12日              | 1931-05-12 | 1931-05-12 | false
            1931年5月                  | 1931-05-01 | 1931-05-31 | false
            1931年                     | 1931-01-01 | 1931-12-31 | false
            1931 年 5 月 12 日         | 1931-05-12 | 1931-05-12 | false
            １９３１年５月１２日       | 1931-05-12 | 1931-05-12 | false
            一九三一年五月十二日       | 1931-05-12 | 1931-05-12 | false
            二〇〇八年                 | 2008-01-01 | 2008-12-31 | false
            一九四九年十月一日         | 1949-10-01 | 1949-10-01 | false
            1931年5月12号              | 1931-05-12 | 1931-05-12 | false
            1931年十二月三十一日       | 1931-12-31 | 1931-12-31 | false
            公元1931年                 | 1931-01-01 | 1931-12-31 | false
            # Ranges
            1931-1935                  | 1931-01-01 | 1935-12-31 | false
            1931/1935                  | 1931-01-01 | 1935-12-31 | false
            1931-05/1932-02            | 1931-05-01 | 1932-02-29 | false
            1931 to 1935               | 1931-01-01 | 1935-12-31 | false
            1931–1935                  | 1931-01-01 | 1935-12-31 | false
            from 1931 to 1935          | 1931-01-01 | 1935-12-31 | false
            between 1931 and 1935      | 1931-01-01 | 1935-12-31 | false
            1931年至1935年             | 1931-01-01 | 1935-12-31 | false
            1931-1935年                | 1931-01-01 | 1935-12-31 | false
            1931年5月-1932年2月        | 1931-05-01 | 1932-02-29 | false
            1931年5月至8月             | 1931-05-01 | 1931-08-31 | false
            1931年5月12日至15日        | 1931-05-12 | 1931-05-15 | false
            May 12–15, 1931            | 1931-05-12 | 1931-05-15 | false
            12-15 May 1931             | 1931-05-12 | 1931-05-15 | false
            民国二十年至二十五年       | 1931-01-01 | 1936-12-31 | false
            民国20年-25年              | 1931-01-01 | 1936-12-31 | false
            民国二十年至1935年         | 1931-01-01 | 1935-12-31 | false
            光绪三十年至宣统三年       | 1904-01-01 | 1911-12-31 | false
            1930s-1940s                | 1930-01-01 | 1949-12-31 | false
            # Open ends
            1949-                      | 1949-01-01 | open       | false
            1949/..                    | 1949-01-01 | open       | false
            ../1949                    | open       | 1949-12-31 | false
            1949-10-01/..              | 1949-10-01 | open       | false
            since 1949                 | 1949-01-01 | open       | false
            1949 onwards               | 1949-01-01 | open       | false
            1949年以后                 | 1949-01-01 | open       | false
            1949年以来                 | 1949-01-01 | open       | false
            1949年至今                 | 1949-01-01 | open       | false
            1949-present               | 1949-01-01 | open       | false
            after 1949                 | 1950-01-01 | open       | false
            before 1900                | open       | 1899-12-31 | false
            until 1900                 | open       | 1900-12-31 | false
            1900年以前                 | open       | 1900-12-31 | false
            1900年之前                 | open       | 1899-12-31 | false
            # Circa keeps the stated range and sets approximate
            circa 1930                 | 1930-01-01 | 1930-12-31 | true
            ca. 1930                   | 1930-01-01 | 1930-12-31 | true
            c. 1930                    | 1930-01-01 | 1930-12-31 | true
            约1930年                   | 1930-01-01 | 1930-12-31 | true
            1930年左右                 | 1930-01-01 | 1930-12-31 | true
            1930年前后                 | 1930-01-01 | 1930-12-31 | true
            [1930?]                    | 1930-01-01 | 1930-12-31 | true
            1930?                      | 1930-01-01 | 1930-12-31 | true
            [1930]                     | 1930-01-01 | 1930-12-31 | false
            ca. 1930-1935              | 1930-01-01 | 1935-12-31 | true
            约1949年以后               | 1949-01-01 | open       | true
            # Decades and centuries
            1930s                      | 1930-01-01 | 1939-12-31 | false
            "1930's"                   | 1930-01-01 | 1939-12-31 | false
            the 1930s                  | 1930-01-01 | 1939-12-31 | false
            early 1930s                | 1930-01-01 | 1933-12-31 | true
            mid-1930s                  | 1934-01-01 | 1936-12-31 | true
            late 1930s                 | 1937-01-01 | 1939-12-31 | true
            20世纪30年代               | 1930-01-01 | 1939-12-31 | false
            二十世纪三十年代           | 1930-01-01 | 1939-12-31 | false
            1930年代                   | 1930-01-01 | 1939-12-31 | false
            20世纪30年代初             | 1930-01-01 | 1933-12-31 | true
            20世纪                     | 1901-01-01 | 2000-12-31 | false
            20世纪上半叶               | 1901-01-01 | 1950-12-31 | true
            19th century               | 1801-01-01 | 1900-12-31 | false
            the 19th-century           | 1801-01-01 | 1900-12-31 | false
            # 民国: Gregorian months and days convert exactly
            民国二十年                 | 1931-01-01 | 1931-12-31 | false
            民国20年                   | 1931-01-01 | 1931-12-31 | false
            民国廿年                   | 1931-01-01 | 1931-12-31 | false
            民國二十年                 | 1931-01-01 | 1931-12-31 | false
            民国元年                   | 1912-01-01 | 1912-12-31 | false
            中华民国三十八年           | 1949-01-01 | 1949-12-31 | false
            民国一百年                 | 2011-01-01 | 2011-12-31 | false
            民国二十年五月             | 1931-05-01 | 1931-05-31 | false
            民国二十年五月十二日       | 1931-05-12 | 1931-05-12 | false
            # Qing reigns: the year is its conventional Gregorian year; a lunar month widens to Jan 1 .. end of Feb next
            光绪元年                   | 1875-01-01 | 1875-12-31 | false
            光绪三十四年               | 1908-01-01 | 1908-12-31 | false
            清光绪二十年               | 1894-01-01 | 1894-12-31 | false
            宣统元年                   | 1909-01-01 | 1909-12-31 | false
            宣统三年                   | 1911-01-01 | 1911-12-31 | false
            同治元年                   | 1862-01-01 | 1862-12-31 | false
            咸丰十一年                 | 1861-01-01 | 1861-12-31 | false
            光绪三十年五月             | 1904-01-01 | 1905-02-28 | false
            光绪三十年正月初五         | 1904-01-01 | 1905-02-28 | false
            宣统三年十二月廿五日       | 1911-01-01 | 1912-02-29 | false
            # Parenthetical equivalents must agree; the narrower wins
            1931年（民国二十年）       | 1931-01-01 | 1931-12-31 | false
            民国二十年(1931)           | 1931-01-01 | 1931-12-31 | false
            1904年5月（光绪三十年四月） | 1904-05-01 | 1904-05-31 | false
            """)
    void readsExpressionAsInclusiveRange(String expression, @Nullable String begin, @Nullable String end,
                                         boolean approximate) {
        ArchivalDate date = ArchivalDate.parse(expression);

        assertThat(date.begin()).as("begin").isEqualTo(day(begin));
        assertThat(date.end()).as("end").isEqualTo(day(end));
        assertThat(date.approximate()).as("approximate").isEqualTo(approximate);
        assertThat(date.expression()).isEqualTo(expression);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is refused: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            abc                        | unrecognised date expression
            spring 1931                | unrecognised date expression
            1931-13                    | month 13 is out of range
            1931-02-30                 | day 30 is out of range for 1931-02
            Feb 29, 1931               | day 29 is out of range for 1931-02
            1931年2月29日              | day 29 is out of range for 1931-02
            民国零年                   | 民国 year 0 does not exist
            民国0年                    | 民国 year 0 does not exist
            宣统五年                   | 宣统 ended in its year 3 (1911)
            光绪三十五年               | 光绪 ended in its year 34 (1908)
            1935-1920                  | range end 1920 is before begin 1935
            1935-05/1935-03            | range end 1935-03 is before begin 1935-05
            民国二十五年至二十年       | range end 二十年 is before begin 民国二十五年
            0000/0000                  | 0000 is a placeholder, not a year
            0000                       | 0000 is a placeholder, not a year
            10000                      | year 10000 is out of range (1–9999)
            0年                        | year 0 does not exist
            193                        | a year must be written with four digits
            n.d.                       | undated
            s.d.                       | undated
            [n.d.]                     | undated
            Undated                    | undated
            不详                       | undated
            无日期                     | undated
            公元前221年                | BCE dates are not supported
            500 BC                     | BCE dates are not supported
            1931年（民国二十一年）     | disagree
            5月12日                    | no year given
            May 12                     | no year given
            30年代                     | 30年代 needs its century
            元年                       | 元年 needs an era
            民国                       | 民国 needs a year number
            1931-1932-1933             | more than one range separator
            1931年闰五月               | 闰 (intercalary) months exist only in lunar reign dates
            光绪三十年十三月           | lunar month 13 is out of range
            光绪三十年五月三十一日     | lunar day 31 is out of range
            ../..                      | both ends of the range are open
            before 0001                | no dates come before year 1
            """)
    void refusesExpressionWithReason(String expression, String reason) {
        assertThatThrownBy(() -> ArchivalDate.parse(expression))
                .isInstanceOf(InvalidDateException.class)
                .hasMessageContaining("'" + expression + "'")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((InvalidDateException) e).expression()).isEqualTo(expression));
    }

    @ParameterizedTest(name = "[{index}] blank \"{0}\" is refused")
    @ValueSource(strings = {"", "   ", "\t\n"})
    void refusesBlankExpression(String expression) {
        assertThatThrownBy(() -> ArchivalDate.parse(expression))
                .isInstanceOf(InvalidDateException.class)
                .hasMessageContaining("expression is blank");
    }

    @Test
    void refusesExpressionLongerThanTheLimitWithoutQuotingAllOfIt() {
        String expression = "1931年".repeat(41);

        Throwable thrown = catchThrowable(() -> ArchivalDate.parse(expression));

        assertThat(thrown).isInstanceOf(InvalidDateException.class)
                .hasMessageContaining("205 characters long; the limit is 200");
        assertThat(thrown.getMessage()).hasSizeLessThan(120);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" fails only with InvalidDateException")
    @ValueSource(strings = {"99999999999999999999", "民国九九九九九九九九九九年", "一二三四五六七八九〇年", "1931-5-",
        "((1931))", "(", ")", "[", "]", "()", "1931()", "19310230", "13 Foo 1931", "9999-12-31/..", "after 9999",
        "民国九千年", "1931-00", "1931-01-00", "二十十年", "初十一日", "-", "/", "?", "..", "1931年(abc)",
        "公元", "c.", "ca.", "约", "左右", "mid", "the", "century", "0th century", "100th century", "1931年代"})
    void neverFailsWithAnotherExceptionType(String expression) {
        Throwable thrown = catchThrowable(() -> ArchivalDate.parse(expression));

        if (thrown != null) assertThat(thrown).isInstanceOf(InvalidDateException.class);
    }

    @Test
    void keepsTheExpressionVerbatimWhileReadingItTrimmed() {
        String expression = "  民國 二十年 五月\t";

        ArchivalDate date = ArchivalDate.parse(expression);

        assertThat(date.expression()).isEqualTo(expression);
        assertThat(date.begin()).isEqualTo(LocalDate.of(1931, 5, 1));
    }

    @Test
    void normalizedWritesAnIsoIntervalWithDotsForAnOpenEnd() {
        assertThat(ArchivalDate.parse("民国二十年").normalized()).isEqualTo("1931-01-01/1931-12-31");
        assertThat(ArchivalDate.parse("1949年以后").normalized()).isEqualTo("1949-01-01/..");
        assertThat(ArchivalDate.parse("before 1900").normalized()).isEqualTo("../1899-12-31");
        assertThat(ArchivalDate.parse("May 12, 1931").normalized()).isEqualTo("1931-05-12/1931-05-12");
    }

    @Test
    void ofYearsAndParseAgreeOnARange() {
        assertThat(ArchivalDate.parse("1931-1935")).isEqualTo(ArchivalDate.ofYears(1931, 1935));
        assertThat(ArchivalDate.parse("1931-05-12")).isEqualTo(ArchivalDate.ofDay(LocalDate.of(1931, 5, 12)));
    }

    private static @Nullable LocalDate day(@Nullable String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }
}
