package org.archivekit.search.lucene;

import com.ibm.icu.text.Transliterator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.StopFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.ICUTransformFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How the Lucene backend analyses text. Every option folds case, diacritics and full-/half-width forms (ICU
 * folding), maps traditional to simplified Chinese (ICU transform) and stems English (Porter); they differ in how
 * Chinese is split. {@link #DEFAULT} is the one that scored best on the judged query set (docs/search-relevance.md).
 *
 * @since 0.1
 */
public enum LuceneAnalysis {
    /** Overlapping pairs of Chinese characters (CJK bigrams); one character alone stays a token. */
    BIGRAM,
    /** CJK bigrams and single characters both. */
    BIGRAM_UNIGRAM,
    /** Word segmentation by the smartcn hidden Markov model. */
    SMARTCN;

    /** The option used unless another is chosen. */
    public static final LuceneAnalysis DEFAULT = BIGRAM_UNIGRAM;

    private static final Transliterator T2S = Transliterator.getInstance("Traditional-Simplified");

    /** The analyzer of text fields at index time. */
    Analyzer text() {
        return analyzer(false, true);
    }

    /**
     * The analyzer of query text. With {@link #BIGRAM_UNIGRAM} and {@code unigrams} false, a run of two or more
     * Chinese (Japanese, Korean) characters gives its bigrams alone, and a character standing alone gives itself: a
     * two-character word is then one term per field (its bigram, which the index holds at the position of its first
     * character) instead of its two characters, each of which occurs in a large share of all records, and a phrase
     * is a chain of bigrams. With {@code unigrams} (the typo fallback, which loosens a query that found nothing) the
     * characters come too, so an abbreviation such as 西南联大 still finds 西南联合大学 and one wrong character in a
     * name of three is forgiven. Stacked tokens (a bigram over its two characters) are flattened to one position
     * each, so a long Chinese query gives one clause per position instead of a graph whose paths multiply. The
     * other options analyse queries as they index text.
     */
    Analyzer query(boolean unigrams) {
        return analyzer(true, unigrams);
    }

    private Analyzer analyzer(boolean forQuery, boolean unigrams) {
        LuceneAnalysis self = this;
        boolean withUnigrams = self == BIGRAM_UNIGRAM && unigrams;
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                if (self == SMARTCN) {
                    Tokenizer t = new HMMChineseTokenizer();
                    TokenStream s = forQuery ? new ICUTransformFilter(t, T2S) : new TraditionalToSimplified(t);
                    s = new ICUFoldingFilter(s);
                    s = new StopFilter(s, SmartChineseAnalyzer.getDefaultStopSet());
                    return new TokenStreamComponents(t, new PorterStemFilter(s));
                }
                Tokenizer t = new StandardTokenizer();
                // at index time the same mapping through a per-character table (see TraditionalToSimplified)
                TokenStream s = forQuery ? new ICUTransformFilter(t, T2S) : new TraditionalToSimplified(t);
                s = new CJKBigramFilter(s, CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA
                        | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL, withUnigrams);
                s = new ICUFoldingFilter(s);
                s = new PorterStemFilter(s);
                return new TokenStreamComponents(t, forQuery ? new SingleLengthFilter(s) : s);
            }

            @Override
            protected TokenStream normalize(String field, TokenStream in) {
                return new ICUFoldingFilter(new ICUTransformFilter(in, T2S));
            }
        };
    }

    /** Sets every token's position length to 1 (see {@link #query(boolean)}). */
    private static final class SingleLengthFilter extends org.apache.lucene.analysis.TokenFilter {
        private final org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute length =
                addAttribute(org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute.class);

        SingleLengthFilter(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws java.io.IOException {
            if (!input.incrementToken()) return false;
            length.setPositionLength(1);
            return true;
        }
    }

    /**
     * Maps traditional to simplified Chinese exactly as {@code ICUTransformFilter} with {@link #T2S} does (each token
     * transliterated alone), without running the rules for every token: the rules of {@code Traditional-Simplified}
     * are plain strings with no context, so a token none of whose characters starts or occurs in a rule's key comes
     * out unchanged; a one-character token (how the standard tokenizer emits Chinese) is looked up in a table
     * transliterated once; other tokens go through the transliterator, remembered per stream (bounded: up to 4,096
     * tokens of up to 128 characters, so that whole titles, the suggestion fields' tokens, are remembered). Besides
     * the rule matching this saves the transliterator's lock, which every thread analysing text otherwise shares.
     */
    static final class TraditionalToSimplified extends org.apache.lucene.analysis.TokenFilter {
        /** Characters of the BMP that occur in some rule's key. */
        private static final boolean[] IN_RULES = new boolean[Character.MAX_VALUE + 1];
        /** What a one-character token becomes, for the characters of {@link #IN_RULES}; null where unchanged. */
        private static final String[] SINGLE = new String[Character.MAX_VALUE + 1];
        private static final int MAX_REMEMBERED = 4096;
        private static final int MAX_REMEMBERED_LENGTH = 128;

        static {
            com.ibm.icu.text.UnicodeSet keys = T2S.getSourceSet();
            for (int r = 0; r < keys.getRangeCount(); r++) {
                for (int c = keys.getRangeStart(r); c <= keys.getRangeEnd(r) && c <= Character.MAX_VALUE; c++) {
                    IN_RULES[c] = true;
                    if (Character.isSurrogate((char) c)) continue;
                    String one = String.valueOf((char) c);
                    String out = T2S.transliterate(one);
                    if (!out.equals(one)) SINGLE[c] = out;
                }
            }
        }

        private final org.apache.lucene.analysis.tokenattributes.CharTermAttribute term =
                addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
        private final java.util.Map<String, String> remembered = new java.util.HashMap<>();

        TraditionalToSimplified(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws java.io.IOException {
            if (!input.incrementToken()) return false;
            char[] b = term.buffer();
            int n = term.length();
            if (n == 1 && !Character.isSurrogate(b[0])) {
                String out = SINGLE[b[0]];
                if (out != null) term.setEmpty().append(out);
                return true;
            }
            boolean touched = false;
            for (int i = 0; i < n && !touched; i++) touched = IN_RULES[b[i]] || Character.isSurrogate(b[i]);
            if (!touched) return true;
            String in = new String(b, 0, n);
            String out = remembered.get(in);
            if (out == null) {
                out = T2S.transliterate(in);
                if (n <= MAX_REMEMBERED_LENGTH) {
                    if (remembered.size() >= MAX_REMEMBERED) remembered.clear();
                    remembered.put(in, out);
                }
            }
            if (!out.equals(in)) term.setEmpty().append(out);
            return true;
        }
    }

    /** The analyzer of the suggestion fields: edge n-grams of whole titles or of their words. */
    static Analyzer suggest(boolean wholeTitle) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer t = wholeTitle ? new KeywordTokenizer() : new WhitespaceTokenizer();
                TokenStream s = new ICUFoldingFilter(new TraditionalToSimplified(t));
                return new TokenStreamComponents(t, new EdgeNGramTokenFilter(s, 1, Fields.MAX_SUGGEST, false));
            }

            @Override
            protected TokenStream normalize(String field, TokenStream in) {
                return new ICUFoldingFilter(new ICUTransformFilter(in, T2S));
            }
        };
    }
}
