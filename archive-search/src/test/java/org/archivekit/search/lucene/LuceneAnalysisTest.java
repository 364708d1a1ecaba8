package org.archivekit.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Transliterator;
import com.ibm.icu.text.UnicodeSet;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.icu.ICUTransformFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/** The index-time traditional-to-simplified filter gives exactly the tokens of Lucene's ICU transform filter. */
final class LuceneAnalysisTest {
    private static final Transliterator T2S = Transliterator.getInstance("Traditional-Simplified");

    @Test
    void everyRuleKeyAloneAndInContextComesOutAsTheIcuFilterGivesIt() throws IOException {
        List<String> keys = new ArrayList<>();
        for (String rule : T2S.toRules(false).split(";")) {
            int arrow = rule.indexOf('>');
            if (arrow > 0) keys.add(rule.substring(0, arrow).trim());
        }
        assertThat(keys).hasSizeGreaterThan(3000).anyMatch(k -> k.codePointCount(0, k.length()) > 2);
        StringBuilder all = new StringBuilder();
        for (String k : keys) {
            // whole (multi-character rules), between unchanged text, and broken into words
            assertSame(KeywordTokenizer::new, k);
            assertSame(KeywordTokenizer::new, "ab" + k + "中" + k + "z");
            all.append(k).append(' ').append("x").append(k).append("1 ");
        }
        assertSame(WhitespaceTokenizer::new, all.toString());
        assertSame(StandardTokenizer::new, all.toString());
    }

    @Test
    void everyCharacterOfTheRulesAndMixedTextComeOutAsTheIcuFilterGivesIt() throws IOException {
        UnicodeSet source = T2S.getSourceSet();
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < source.getRangeCount(); r++) {
            for (int c = source.getRangeStart(r); c <= source.getRangeEnd(r); c++) b.appendCodePoint(c).append(' ');
        }
        assertSame(WhitespaceTokenizer::new, b.toString());
        assertSame(StandardTokenizer::new, b.toString());
        // random text over Han (simplified and traditional), Latin, full-width, kana, a supplementary character
        String pool = "國家檔案館国家档案馆學校会議記錄簡體繁體裡里後后髮发乾干ABCdéｆｕｌｌ１２かなカナ𠀋𡈽 \t-";
        int[] cps = pool.codePoints().toArray();
        Random rnd = new Random(7);
        for (int i = 0; i < 300; i++) {
            StringBuilder t = new StringBuilder();
            for (int j = rnd.nextInt(40); j > 0; j--) t.appendCodePoint(cps[rnd.nextInt(cps.length)]);
            assertSame(StandardTokenizer::new, t.toString());
            assertSame(WhitespaceTokenizer::new, t.toString());
            assertSame(KeywordTokenizer::new, t.toString());
        }
    }

    @Test
    void changesWhatItMustAndLeavesTheRest() throws IOException {
        assertThat(tokens(new LuceneAnalysis.TraditionalToSimplified(tokenizer(KeywordTokenizer::new, "國家檔案館"))))
                .containsExactly("国家档案馆@0-5+1", "end@5");
        assertThat(tokens(new LuceneAnalysis.TraditionalToSimplified(tokenizer(StandardTokenizer::new,
                "由表及裡 archive 學"))))
                .containsExactly("由@0-1+1", "表@1-2+1", "及@2-3+1", "里@3-4+1", "archive@5-12+1", "学@13-14+1", "end@14");
    }

    private static void assertSame(Supplier<Tokenizer> tokenizer, String text) throws IOException {
        List<String> expected = tokens(new ICUTransformFilter(tokenizer(tokenizer, text), T2S));
        List<String> actual = tokens(new LuceneAnalysis.TraditionalToSimplified(tokenizer(tokenizer, text)));
        assertThat(actual).as(text).isEqualTo(expected);
    }

    private static Tokenizer tokenizer(Supplier<Tokenizer> make, String text) {
        Tokenizer t = make.get();
        t.setReader(new StringReader(text));
        return t;
    }

    /** Each token as term@start-end+increment, then the final offset. */
    private static List<String> tokens(TokenStream s) throws IOException {
        List<String> out = new ArrayList<>();
        CharTermAttribute term = s.addAttribute(CharTermAttribute.class);
        OffsetAttribute offset = s.addAttribute(OffsetAttribute.class);
        PositionIncrementAttribute inc = s.addAttribute(PositionIncrementAttribute.class);
        try (s) {
            s.reset();
            while (s.incrementToken()) {
                out.add(term + "@" + offset.startOffset() + "-" + offset.endOffset() + "+"
                        + inc.getPositionIncrement());
            }
            s.end();
            out.add("end@" + offset.endOffset());
        }
        return out;
    }
}
