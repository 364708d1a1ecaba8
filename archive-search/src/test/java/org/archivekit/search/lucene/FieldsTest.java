package org.archivekit.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.archivekit.search.FacetField;
import org.junit.jupiter.api.Test;

final class FieldsTest {

    @Test
    void asciiReferenceCodesMatchTheNormalizerRoute() {
        for (String code : new String[] {"", "A-1", "UA 1.2.3 / 45", "Ms\tColl\n7", "\u001fX\u000bY\u001c", "zz-9"}) {
            assertThat(Fields.code(code)).as(code).isEqualTo(Fields.codeByNormalizer(code));
        }
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            char[] c = new char[random.nextInt(12)];
            for (int i = 0; i < c.length; i++) c[i] = (char) random.nextInt(0x80); // every ASCII char, controls too
            String code = new String(c);
            assertThat(Fields.code(code)).as(code).isEqualTo(Fields.codeByNormalizer(code));
        }
        // beyond ASCII the normalizer route is taken: full-width forms fold
        assertThat(Fields.code("ＡＢ－１ ２")).isEqualTo("ab-12");
    }

    @Test
    void facetFieldNames() {
        assertThat(Fields.facet(FacetField.CREATOR)).isEqualTo("f_creator");
        for (FacetField f : FacetField.values()) {
            assertThat(Fields.facet(f)).isEqualTo("f_" + f.name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
