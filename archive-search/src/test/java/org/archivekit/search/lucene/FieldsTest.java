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
    void codesAlreadyInNfkcMatchTheNormalizerRoute() {
        // reference codes as the generated archive writes them take the quick route (already in NFKC)
        for (String code : new String[] {"Z001-WS·1928-Y-XZB-0001-0001", "档号 Z001·WS", "全宗 1928 卷 3", "İstanbul Σ-1",
            "ΟΔΟΣ Σ", "Straße 9", "\ud840\udc0b-1"}) {
            assertThat(java.text.Normalizer.isNormalized(code, java.text.Normalizer.Form.NFKC)).as(code).isTrue();
            assertThat(Fields.code(code)).as(code).isEqualTo(Fields.codeByNormalizer(code));
        }
        assertThat(Fields.code("Z001-WS·1928-Y-XZB")).isEqualTo("z001-ws·1928-y-xzb");
        assertThat(Fields.code("全宗 1928\u3000卷")).isEqualTo("全宗1928卷");
        // random mixes of what NFKC leaves alone and what it changes: full-width forms, ideographic space,
        // compatibility ideographs, combining marks (which compose), ligatures, letters whose lower case differs
        // by context or length, surrogate pairs and unpaired surrogates
        char[] pool = {'A', 'z', '7', '-', '.', ' ', '\t', '·', '\u00b7', '档', '号', '卷', '全', '宗', '\u3000',
            '\uff21', '\uff41', '\uff11', '\uff0d', '\uf900', '\u2f00', 'e', '\u0301', '\u0308', '\u00e9',
            '\u0130', '\u03a3', '\u00df', '\ufb01', '\u2460', '\u1100', '\u1161', '\uac00', '\u00a0', '\u2028',
            '\ud840', '\udc0b', '\u00bd', '\u212b', '\u0041'};
        Random random = new Random(11);
        int quick = 0;
        for (int n = 0; n < 50_000; n++) {
            char[] c = new char[random.nextInt(16)];
            for (int i = 0; i < c.length; i++) c[i] = pool[random.nextInt(pool.length)];
            String code = new String(c);
            if (java.text.Normalizer.isNormalized(code, java.text.Normalizer.Form.NFKC)) quick++;
            assertThat(Fields.code(code)).as(code).isEqualTo(Fields.codeByNormalizer(code));
        }
        assertThat(quick).as("strings already in NFKC").isBetween(1_000, 49_000); // both routes well exercised
    }

    @Test
    void facetFieldNames() {
        assertThat(Fields.facet(FacetField.CREATOR)).isEqualTo("f_creator");
        for (FacetField f : FacetField.values()) {
            assertThat(Fields.facet(f)).isEqualTo("f_" + f.name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
