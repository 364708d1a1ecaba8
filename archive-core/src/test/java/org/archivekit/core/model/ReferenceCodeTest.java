package org.archivekit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class ReferenceCodeTest {

    @Test
    void naturalOrderComparesDigitRunsByNumber() {
        List<String> expected = List.of("Z1-WS·2001-Y-0009", "Z1-WS·2001-Y-10", "Z1-WS·2001-Y-0011",
                "Z1-WS·2002-Y-0001", "Z2-WS·1999-Y-0001", "Z10-WS·1999-Y-0001");
        List<ReferenceCode> codes = new ArrayList<>(expected.stream().map(ReferenceCode::of).toList());
        Collections.shuffle(codes, new Random(7));
        codes.sort(ReferenceCode.NATURAL_ORDER);
        assertThat(codes).extracting(ReferenceCode::value).containsExactlyElementsOf(expected);
    }

    @Test
    void sortKeyPadsEveryDigitRunWithoutItsLeadingZeros() {
        assertThat(ReferenceCode.of("A-009").sortKey()).isEqualTo("A-000000000009");
        assertThat(ReferenceCode.of("0-00-x000y").sortKey()).isEqualTo("000000000000-000000000000-x000000000000y");
        assertThat(ReferenceCode.of("Z1·2001-1234567890123").sortKey())
                .isEqualTo("Z000000000001·000000002001-1234567890123");
        assertThat(ReferenceCode.of("档案0012卷").sortKey()).isEqualTo("档案000000000012卷");
        // against the definition: every digit run without leading zeros (one digit kept), left-padded to 12
        Random rnd = new Random(11);
        String alphabet = "0000123456789-·A档 ";
        for (int n = 0; n < 2000; n++) {
            StringBuilder v = new StringBuilder("Q");
            for (int i = rnd.nextInt(30); i > 0; i--) v.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(v);
            StringBuilder expected = new StringBuilder();
            while (m.find()) {
                String run = m.group().replaceFirst("^0+(?=.)", "");
                m.appendReplacement(expected, "0".repeat(Math.max(0, 12 - run.length())) + run);
            }
            m.appendTail(expected);
            assertThat(ReferenceCode.of(v.toString()).sortKey()).as(v.toString()).isEqualTo(expected.toString());
        }
    }

    @Test
    void sortKeyOrderEqualsNaturalOrder() {
        assertThat(ReferenceCode.of("A-9").sortKey()).isLessThan(ReferenceCode.of("A-10").sortKey());
        assertThat(ReferenceCode.of("A-009").sortKey()).isEqualTo(ReferenceCode.of("A-9").sortKey());
        assertThat(ReferenceCode.of("A-009").compareTo(ReferenceCode.of("A-9"))).isNotZero();
    }

    @Test
    void rejectsBlankAndControlCharacters() {
        assertThatThrownBy(() -> ReferenceCode.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReferenceCode.of("A\n1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dat13SchemeBuildsEveryLevel() {
        ReferenceCodeParts fonds = ReferenceCodeParts.fonds("Z109");
        ReferenceCodeParts series = fonds.category("WS").year(2011).retention(RetentionPeriod.PERMANENT);
        ReferenceCodeParts item = series.organisation("BGS").item(12);
        assertThat(ReferenceCodeScheme.DAT13_ITEM.format(fonds).value()).isEqualTo("Z109");
        assertThat(ReferenceCodeScheme.DAT13_ITEM.format(series).value()).isEqualTo("Z109-WS·2011-Y");
        assertThat(ReferenceCodeScheme.DAT13_ITEM.format(item).value()).isEqualTo("Z109-WS·2011-Y-BGS-0012");
        assertThat(ReferenceCodeScheme.DAT13_FILE.format(item.file(3)).value())
                .isEqualTo("Z109-WS·2011-Y-BGS-0003-0012");
        assertThat(ReferenceCodeScheme.DAT13_ITEM.format(series.retention(RetentionPeriod.YEARS_30)).value())
                .isEqualTo("Z109-WS·2011-D30");
    }

    @Test
    void customSchemeUsesItsOwnSeparatorsAndWidths() {
        ReferenceCodeScheme scheme = ReferenceCodeScheme.builder()
                .segment(ReferenceCodeScheme.Segment.FONDS_NUMBER)
                .number("/", ReferenceCodeScheme.Segment.FILE_NUMBER, 3)
                .number(".", ReferenceCodeScheme.Segment.ITEM_NUMBER, 2).build();
        assertThat(scheme.format(ReferenceCodeParts.fonds("0001").file(7).item(3)).value()).isEqualTo("0001/007.03");
    }

    @Test
    void segmentHoldingASeparatorIsRefused() {
        assertThatThrownBy(() -> ReferenceCodeScheme.DAT13_ITEM.format(ReferenceCodeParts.fonds("Z-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("separator");
    }

    @Test
    void retentionCodesRoundTrip() {
        for (RetentionPeriod p : RetentionPeriod.values()) {
            assertThat(RetentionPeriod.fromCode(p.code())).contains(p);
        }
        assertThat(RetentionPeriod.fromCode("d30")).contains(RetentionPeriod.YEARS_30);
        assertThat(RetentionPeriod.fromCode("X")).isEmpty();
    }
}
