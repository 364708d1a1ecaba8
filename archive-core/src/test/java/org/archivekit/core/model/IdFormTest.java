package org.archivekit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The id and code checks accept exactly what their documented regular expressions accept. */
final class IdFormTest {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String ALPHABET = "aZ09._:-/ é中\u0000\t";

    @Test
    void idsAndInstitutionCodesMatchTheirRegularExpressions() {
        Random r = new Random(7);
        int valid = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(10) == 0 ? 60 + r.nextInt(80) : r.nextInt(6);
            for (int k = 0; k < len; k++) {
                // mostly valid characters, so that long valid values come up too
                sb.append(r.nextInt(8) == 0 ? ALPHABET.charAt(r.nextInt(ALPHABET.length())) : "aZ09._-".charAt(r.nextInt(7)));
            }
            String s = sb.toString();
            boolean id = ID.matcher(s).matches();
            assertThat(DescriptionId.isValid(s)).as("id '%s'", s).isEqualTo(id);
            boolean code = CODE.matcher(s).matches();
            if (code) {
                assertThat(new InstitutionCode(s).value()).isEqualTo(s);
                valid++;
            } else {
                assertThatThrownBy(() -> new InstitutionCode(s)).as("code '%s'", s)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
        assertThat(valid).isGreaterThan(1_000);
    }

    @Test
    void referenceCodesRefuseControlCharacters() {
        for (char c = 0; c < 0xA0; c++) {
            String s = "A-" + c + "-1";
            if (Character.isISOControl(c)) {
                assertThatThrownBy(() -> new ReferenceCode(s)).isInstanceOf(IllegalArgumentException.class);
            } else {
                assertThat(new ReferenceCode(s).value()).isEqualTo(s);
            }
        }
    }
}
