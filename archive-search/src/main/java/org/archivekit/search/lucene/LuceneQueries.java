package org.archivekit.search.lucene;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.search.SearchFilters;
import org.archivekit.search.spi.AccessFilter;
import org.archivekit.search.spi.QueryNode;
import org.archivekit.search.spi.QueryNode.Field;

/** Translates {@link QueryNode}s, filters and {@link AccessFilter}s into Lucene queries. Thread-safe. */
final class LuceneQueries {
    /** Fields searched by {@link Field#ALL}, with their weights: title beats scope note, context comes last. */
    private static final String[] ALL_FIELDS = {Fields.CODE, Fields.TITLE, Fields.CREATOR, Fields.SUBJECT,
        Fields.SCOPE, Fields.NOTES, Fields.CONTEXT};
    private static final float[] ALL_BOOSTS = {6f, 4f, 2.5f, 2.5f, 1.2f, 0.8f, 0.4f};
    private static final float EXACT_CODE_BOOST = 100f;
    /**
     * The score of a text matching several fields is the best field's alone (a tie-breaker of 0): Lucene can then
     * hand the lowest score that still makes the page down to every field's scorer, and each skips whole blocks of
     * documents that cannot reach it (block-max WAND), so a top-10 query does not score every match. A tie-breaker
     * of 0.1 (the earlier choice) blocks that and ranked no better: RelevanceBench scores every category the same
     * with 0 except phrases, which improve (see docs/search-relevance.md).
     */
    static final float TIE_BREAKER = 0f;

    private final Analyzer analyzer;
    private final QueryBuilder builder;
    private final boolean typos;
    private final AccessBits bits;

    /**
     * Queries analysed with {@code analyzer}; when {@code typos}, words forgive typos: a Latin word of 4 to 7 letters
     * matches words one edit away, a longer one two edits (the first letter fixed, at most 50 expansions), and a
     * text of three or more words or characters matches when all but a third of them do (so one wrong character in
     * a Chinese name of three is forgiven, while a two-character word still has to match whole).
     */
    LuceneQueries(Analyzer analyzer, boolean typos, AccessBits bits) {
        this.analyzer = analyzer;
        this.bits = bits;
        this.builder = new QueryBuilder(analyzer);
        this.typos = typos;
    }

    private Query forgiving(Query q) {
        if (q instanceof TermQuery t) return fuzzy(t);
        if (q instanceof BoostQuery b) return new BoostQuery(forgiving(b.getQuery()), b.getBoost());
        if (q instanceof BooleanQuery b && b.clauses().size() > 2
                && b.clauses().stream().allMatch(c -> c.getOccur() == Occur.MUST)) {
            BooleanQuery.Builder out = new BooleanQuery.Builder();
            for (org.apache.lucene.search.BooleanClause c : b.clauses()) out.add(forgiving(c.getQuery()), Occur.SHOULD);
            int n = b.clauses().size();
            return out.setMinimumNumberShouldMatch(Math.max(1, n - Math.max(1, n / 3))).build();
        }
        return q;
    }

    private static Query fuzzy(TermQuery t) {
        String word = t.getTerm().text();
        if (word.length() < 4 || !word.chars().allMatch(c -> c >= 'a' && c <= 'z')) return t;
        return new org.apache.lucene.search.FuzzyQuery(t.getTerm(), word.length() >= 8 ? 2 : 1, 1, 50, true);
    }

    /** The scoring query of {@code node}; without the ancestors' context when {@code noContext}. */
    Query content(QueryNode node, boolean noContext) {
        if (node instanceof QueryNode.MatchAll) return new MatchAllDocsQuery();
        if (node instanceof QueryNode.Bool b) {
            BooleanQuery.Builder q = new BooleanQuery.Builder();
            for (QueryNode n : b.must()) q.add(content(n, noContext), Occur.MUST);
            for (QueryNode n : b.should()) q.add(content(n, noContext), Occur.SHOULD);
            for (QueryNode n : b.mustNot()) q.add(content(n, false), Occur.MUST_NOT);
            if (b.must().isEmpty() && !b.should().isEmpty()) q.setMinimumNumberShouldMatch(1);
            return q.build();
        }
        if (node instanceof QueryNode.YearRange r) return years(r.from(), r.to());
        if (node instanceof QueryNode.Text t) return text(t.field(), t.text(), false, noContext);
        if (node instanceof QueryNode.Phrase p) return text(p.field(), p.text(), true, noContext);
        if (node instanceof QueryNode.Prefix p) return prefix(p.field(), p.prefix(), noContext);
        throw new IllegalArgumentException("unknown query node " + node);
    }

    private Query text(Field field, String text, boolean phrase, boolean noContext) {
        List<Query> alternatives = new ArrayList<>();
        if (field == Field.ALL || field == Field.CODE) {
            alternatives.add(new BoostQuery(new TermQuery(new Term(Fields.CODE_EXACT, Fields.code(text))),
                    EXACT_CODE_BOOST));
        }
        Query first = null; // the text analysed for the first field; the others take its terms (one analyzer)
        for (int i = 0; i < ALL_FIELDS.length; i++) {
            String f = ALL_FIELDS[i];
            if (!covers(field, f) || noContext && f.equals(Fields.CONTEXT)) continue;
            Query q = first == null ? null : onField(first, f);
            if (q == null) {
                q = phrase ? builder.createPhraseQuery(f, text) : builder.createBooleanQuery(f, text, Occur.MUST);
                if (first == null) first = q;
            }
            if (q == null) continue; // nothing left after analysis (punctuation only)
            if (typos && !phrase && !f.equals(Fields.CODE)) q = forgiving(q);
            alternatives.add(field == Field.ALL ? new BoostQuery(q, ALL_BOOSTS[i]) : q);
        }
        if (alternatives.isEmpty()) return new MatchNoDocsQuery("no searchable words in '" + text + "'");
        return alternatives.size() == 1 ? alternatives.get(0) : new DisjunctionMaxQuery(alternatives, TIE_BREAKER);
    }

    /**
     * {@code q} (as {@link QueryBuilder} made it for another of {@link #ALL_FIELDS}) on {@code field}, or {@code null}
     * for a shape not handled here (then the text is analysed again for {@code field}). The fields of
     * {@link #ALL_FIELDS} share one analyzer, so the same text gives the same terms in each: analysing it once
     * instead of once per field saves most of the cost of building a query.
     */
    static Query onField(Query q, String field) {
        if (q instanceof TermQuery t) return new TermQuery(new Term(field, t.getTerm().bytes()));
        if (q instanceof PhraseQuery p) {
            PhraseQuery.Builder b = new PhraseQuery.Builder().setSlop(p.getSlop());
            Term[] terms = p.getTerms();
            int[] positions = p.getPositions();
            for (int i = 0; i < terms.length; i++) b.add(new Term(field, terms[i].bytes()), positions[i]);
            return b.build();
        }
        if (q instanceof BooleanQuery bq) {
            BooleanQuery.Builder b = new BooleanQuery.Builder()
                    .setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
            for (org.apache.lucene.search.BooleanClause c : bq.clauses()) {
                Query sub = onField(c.getQuery(), field);
                if (sub == null) return null;
                b.add(sub, c.getOccur());
            }
            return b.build();
        }
        return null; // synonyms (stacked tokens), multi-phrases: analysed again
    }

    private Query prefix(Field field, String prefix, boolean noContext) {
        List<Query> alternatives = new ArrayList<>();
        for (int i = 0; i < ALL_FIELDS.length; i++) {
            String f = ALL_FIELDS[i];
            if (!covers(field, f) || noContext && f.equals(Fields.CONTEXT)) continue;
            BytesRef norm = analyzer.normalize(f, prefix);
            alternatives.add(new BoostQuery(new PrefixQuery(new Term(f, norm)), ALL_BOOSTS[i]));
        }
        if (alternatives.isEmpty()) return new MatchNoDocsQuery();
        return alternatives.size() == 1 ? alternatives.get(0) : new DisjunctionMaxQuery(alternatives, TIE_BREAKER);
    }

    private static boolean covers(Field field, String luceneField) {
        return switch (field) {
            case ALL -> true;
            case TITLE -> luceneField.equals(Fields.TITLE);
            case SCOPE -> luceneField.equals(Fields.SCOPE);
            case CREATOR -> luceneField.equals(Fields.CREATOR);
            case SUBJECT -> luceneField.equals(Fields.SUBJECT);
            case CODE -> luceneField.equals(Fields.CODE);
            case CONTEXT -> luceneField.equals(Fields.CONTEXT);
        };
    }

    /** Records whose years overlap {@code from} to {@code to}. */
    static Query years(int from, int to) {
        return new BooleanQuery.Builder()
                .add(IntPoint.newRangeQuery(Fields.YEAR_FROM, Integer.MIN_VALUE, to), Occur.FILTER)
                .add(IntPoint.newRangeQuery(Fields.YEAR_TO, from, Integer.MAX_VALUE), Occur.FILTER).build();
    }

    /** The filters as one non-scoring query, or {@code null} when there are none. */
    static Query filters(SearchFilters f, long nowMillis) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int n = 0;
        if (!f.institutions().isEmpty()) {
            b.add(terms(Fields.INSTITUTION, f.institutions().stream().map(InstitutionCode::value).toList()),
                    Occur.FILTER);
            n++;
        }
        if (!f.within().isEmpty()) {
            b.add(terms(Fields.PATH, f.within().stream().map(DescriptionId::value).toList()), Occur.FILTER);
            n++;
        }
        if (!f.levels().isEmpty()) {
            b.add(terms(Fields.LEVEL, f.levels().stream().map(Enum::name).toList()), Occur.FILTER);
            n++;
        }
        if (f.yearFrom() != null || f.yearTo() != null) {
            b.add(years(f.yearFrom() == null ? Integer.MIN_VALUE : f.yearFrom(),
                    f.yearTo() == null ? Integer.MAX_VALUE : f.yearTo()), Occur.FILTER);
            n++;
        }
        if (!f.creators().isEmpty()) {
            b.add(terms(Fields.CREATOR_EXACT, List.copyOf(f.creators())), Occur.FILTER);
            n++;
        }
        if (!f.subjects().isEmpty()) {
            b.add(terms(Fields.SUBJECT_EXACT, List.copyOf(f.subjects())), Occur.FILTER);
            n++;
        }
        if (!f.carriers().isEmpty()) {
            b.add(terms(Fields.CARRIER, f.carriers().stream().map(Enum::name).toList()), Occur.FILTER);
            n++;
        }
        if (f.hasDigitalObject() != null) {
            b.add(new TermQuery(new Term(Fields.DIGITAL, f.hasDigitalObject() ? Fields.YES : Fields.NO)),
                    Occur.FILTER);
            n++;
        }
        if (!f.accessLevels().isEmpty()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (AccessLevel level : f.accessLevels()) any.add(levelExactly(level, nowMillis), Occur.SHOULD);
            b.add(any.build(), Occur.FILTER);
            n++;
        }
        return n == 0 ? null : b.build();
    }

    private static Query terms(String field, List<String> values) {
        if (values.size() == 1) return new TermQuery(new Term(field, values.get(0)));
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    /** Records whose effective level at {@code now} is at most {@code level}. */
    static Query levelAtMost(AccessLevel level, long now) {
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(IntPoint.newRangeQuery(Fields.ACCESS_LEVEL, 0, level.ordinal()), Occur.FILTER);
        if (level.compareTo(AccessLevel.RESTRICTED) < 0) {
            b.add(LongPoint.newRangeQuery(Fields.RESTRICTED_UNTIL, Long.MIN_VALUE, now), Occur.FILTER);
        }
        if (level.compareTo(AccessLevel.CAMPUS) < 0) {
            b.add(LongPoint.newRangeQuery(Fields.CAMPUS_UNTIL, Long.MIN_VALUE, now), Occur.FILTER);
        }
        return b.build();
    }

    private static Query levelExactly(AccessLevel level, long now) {
        if (level.ordinal() == 0) return levelAtMost(level, now);
        return new BooleanQuery.Builder().add(levelAtMost(level, now), Occur.FILTER)
                .add(levelAtMost(AccessLevel.values()[level.ordinal() - 1], now), Occur.MUST_NOT).build();
    }

    /**
     * Rules 1 and 2 of {@link AccessFilter}: visibility by level and membership, as per-segment bitsets cached for
     * this audience (see {@link AccessBits}).
     */
    Query byClearance(AccessFilter a) {
        Object audience = List.of("clearance", a.members(), a.allInstitutions(), a.memberClearance(),
                a.membersSeeUnpublished());
        return bits.filter(clearance(a), audience, a.nowMillis());
    }

    private static Query clearance(AccessFilter a) {
        Query published = new TermQuery(new Term(Fields.PUBLISHED, Fields.YES));
        BooleanQuery.Builder rule1 = new BooleanQuery.Builder().add(published, Occur.FILTER)
                .add(levelAtMost(AccessLevel.PUBLIC, a.nowMillis()), Occur.FILTER);
        BooleanQuery.Builder any = new BooleanQuery.Builder().add(rule1.build(), Occur.SHOULD);
        if (a.allInstitutions() || !a.members().isEmpty()) {
            BooleanQuery.Builder rule2 = new BooleanQuery.Builder()
                    .add(levelAtMost(a.memberClearance(), a.nowMillis()), Occur.FILTER);
            if (!a.allInstitutions()) {
                rule2.add(terms(Fields.INSTITUTION, a.members().stream().map(InstitutionCode::value).toList()),
                        Occur.FILTER);
            }
            if (!a.membersSeeUnpublished()) rule2.add(published, Occur.FILTER);
            any.add(rule2.build(), Occur.SHOULD);
        }
        return new ConstantScoreQuery(any.build());
    }

    /**
     * Rule 3 of {@link AccessFilter}: visibility by grant, or {@code null} when the caller holds none; cached per set
     * of grants like {@link #byClearance}.
     */
    Query byGrant(AccessFilter a) {
        Set<DescriptionId> grants = a.grants();
        if (grants.isEmpty()) return null;
        Query q = new ConstantScoreQuery(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Fields.PUBLISHED, Fields.YES)), Occur.FILTER)
                .add(new TermQuery(new Term(Fields.CLASSIFIED, Fields.NO)), Occur.FILTER)
                .add(terms(Fields.PATH, grants.stream().map(DescriptionId::value).toList()), Occur.FILTER)
                .build());
        return bits.filter(q, List.of("grant", grants), a.nowMillis());
    }

    /** The whole access filter (every rule) as one non-scoring query, or {@code null} when unrestricted. */
    Query access(AccessFilter a) {
        if (a.isUnrestricted()) return null;
        Query grant = byGrant(a);
        Query level = byClearance(a);
        if (grant == null) return level;
        return new BooleanQuery.Builder().add(level, Occur.SHOULD).add(grant, Occur.SHOULD)
                .setMinimumNumberShouldMatch(1).build();
    }

    /**
     * {@code node} restricted to what {@code a} admits; records admitted only by a grant match without the context
     * of their ancestors, which the grant does not open.
     */
    Query secured(QueryNode node, AccessFilter a) {
        Query content = content(node, false);
        if (a.isUnrestricted()) return content;
        Query grant = byGrant(a);
        Query byLevel = new BooleanQuery.Builder().add(content, Occur.MUST).add(byClearance(a), Occur.FILTER).build();
        if (grant == null) return byLevel;
        Query byGrant = new BooleanQuery.Builder().add(content(node, true), Occur.MUST).add(grant, Occur.FILTER)
                .build();
        return new BooleanQuery.Builder().add(byLevel, Occur.SHOULD).add(byGrant, Occur.SHOULD)
                .setMinimumNumberShouldMatch(1).build();
    }
}
