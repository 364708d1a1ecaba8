package org.archivekit.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.archivekit.search.spi.QueryNode;
import org.archivekit.search.spi.QueryNode.Field;
import org.junit.jupiter.api.Test;

/** The query shape of words as typed and of the typo fallback under the default analysis. */
final class LuceneQueriesTest {
    private final LuceneQueries plain = new LuceneQueries(LuceneAnalysis.BIGRAM_UNIGRAM.query(false), false,
            new AccessBits(4));
    private final LuceneQueries loose = new LuceneQueries(LuceneAnalysis.BIGRAM_UNIGRAM.query(true), true,
            new AccessBits(4));

    private static Set<String> titleTerms(Query q) {
        Set<String> out = new HashSet<>();
        q.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query query, Term... terms) {
                for (Term t : terms) if (t.field().equals(Fields.TITLE)) out.add(t.text());
            }

            @Override
            public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        return out;
    }

    @Test
    void aChineseWordIsItsBigramsAlone() {
        assertThat(titleTerms(plain.content(new QueryNode.Text(Field.TITLE, "学生"), false)))
                .containsExactly("学生");
        assertThat(titleTerms(plain.content(new QueryNode.Text(Field.TITLE, "西南联大"), false)))
                .containsExactlyInAnyOrder("西南", "南联", "联大");
    }

    @Test
    void aCharacterStandingAloneIsItself() {
        assertThat(titleTerms(plain.content(new QueryNode.Text(Field.TITLE, "学 report"), false)))
                .containsExactlyInAnyOrder("学", "report");
    }

    @Test
    void aChinesePhraseIsAChainOfBigrams() {
        Query q = plain.content(new QueryNode.Phrase(Field.TITLE, "北京大学"), false);
        assertThat(q).isInstanceOf(PhraseQuery.class);
        assertThat(((PhraseQuery) q).getTerms()).extracting(Term::text).containsExactly("北京", "京大", "大学");
        assertThat(((PhraseQuery) q).getPositions()).containsExactly(0, 1, 2);
    }

    @Test
    void theTypoFallbackAddsTheCharacters() {
        assertThat(titleTerms(loose.content(new QueryNode.Text(Field.TITLE, "西南联大"), false)))
                .contains("西", "南", "联", "大", "西南", "联大");
    }

    @Test
    void traditionalCharactersAreFoldedBeforePairing() {
        assertThat(titleTerms(plain.content(new QueryNode.Text(Field.TITLE, "學生"), false)))
                .containsExactly("学生");
    }
    @Test
    void aTextAnalysedOnceGivesEveryFieldTheQueryItsOwnAnalysisGives() {
        String[] fields = {Fields.CODE, Fields.TITLE, Fields.CREATOR, Fields.SUBJECT, Fields.SCOPE, Fields.NOTES,
            Fields.CONTEXT};
        String[] texts = {"学生", "西南联大", "學生會 report", "Peking University 1937", "北京大学", "a", "A-1/2"};
        for (boolean unigrams : new boolean[] {false, true}) {
            org.apache.lucene.util.QueryBuilder b = new org.apache.lucene.util.QueryBuilder(
                    LuceneAnalysis.BIGRAM_UNIGRAM.query(unigrams));
            int shortcuts = 0;
            for (String text : texts) {
                Query words = b.createBooleanQuery(Fields.TITLE, text,
                        org.apache.lucene.search.BooleanClause.Occur.MUST);
                Query phrase = b.createPhraseQuery(Fields.TITLE, text);
                for (String f : fields) {
                    Query w = LuceneQueries.onField(words, f);
                    Query p = LuceneQueries.onField(phrase, f);
                    // a shape it does not take (stacked characters and bigrams) is analysed again: null here
                    if (w != null) {
                        assertThat(w).isEqualTo(b.createBooleanQuery(f, text,
                                org.apache.lucene.search.BooleanClause.Occur.MUST));
                        shortcuts++;
                    }
                    if (p != null) {
                        assertThat(p).isEqualTo(b.createPhraseQuery(f, text));
                        shortcuts++;
                    }
                }
            }
            // words as typed never stack tokens, so every field takes the shortcut; the typo fallback's often do
            if (unigrams) assertThat(shortcuts).isPositive();
            else assertThat(shortcuts).isEqualTo(2 * texts.length * fields.length);
        }
    }
}
