package org.archivekit.search.lucene;

import java.text.Normalizer;
import java.util.Locale;
import org.archivekit.search.FacetField;

/** Names of the Lucene fields and the normalisation of exact codes; one place for both index and query side. */
final class Fields {
    static final String ID = "id";
    /**
     * The id's sorted doc values (the tie-break of every sort) live on the id field itself, next to its terms: with
     * both under one name, Lucene can skip documents whose id cannot make the page when the id orders the hits
     * (see {@code LuceneSearchBackend.search}). Before layout 2 they had a field of their own ({@code s_id}).
     */
    static final String ID_SORT = ID;
    static final String INSTITUTION = "inst";
    static final String PARENT = "parent";
    static final String PATH = "path";
    /** The path's ids joined by a space, as binary doc values (read back with each hit; stored before layout 3). */
    static final String PATH_IDS = "path_ids";
    static final String LEVEL = "level";
    static final String CODE_EXACT = "code_exact";
    static final String CODE = "code";
    static final String TITLE = "title";
    static final String SCOPE = "scope";
    static final String NOTES = "notes";
    static final String CONTEXT = "context";
    static final String CREATOR = "creator";
    static final String CREATOR_EXACT = "creator_exact";
    static final String SUBJECT = "subject";
    static final String SUBJECT_EXACT = "subject_exact";
    static final String CARRIER = "carrier";
    static final String DIGITAL = "digital";
    static final String YEAR_FROM = "year_from";
    static final String YEAR_TO = "year_to";
    static final String SORT_DATE = "s_date";
    static final String SORT_CODE = "s_code";
    static final String SORT_TITLE = "s_title";
    static final String SUGGEST_WORDS = "suggest_words";
    static final String SUGGEST_TITLE = "suggest_title";
    /** Creators' names and subject terms, whole, for suggestions (edge n-grams like {@link #SUGGEST_TITLE}). */
    static final String SUGGEST_TERM = "suggest_term";
    static final String ACCESS_LEVEL = "acc_level";
    static final String RESTRICTED_UNTIL = "acc_restricted";
    static final String CAMPUS_UNTIL = "acc_campus";
    static final String PUBLISHED = "acc_published";
    static final String CLASSIFIED = "acc_classified";
    static final String CHECKSUM = "checksum";
    static final String YES = "1";
    static final String NO = "0";
    static final int MAX_SUGGEST = 20;

    private Fields() {}

    /** The doc-values field counting {@code facet}. */
    static String facet(FacetField facet) {
        return FACETS[facet.ordinal()];
    }

    /** The facet fields' names, made once (the indexer looks each name up per document). */
    private static final String[] FACETS = java.util.Arrays.stream(FacetField.values())
            .map(f -> "f_" + f.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);

    /** A reference code as matched exactly: width-folded, lower case, without spaces. */
    static String code(String code) {
        boolean ascii = true;
        for (int i = 0; i < code.length() && ascii; i++) ascii = code.charAt(i) < 0x80;
        if (ascii) {
            // NFKC leaves ASCII as it is; lower case and drop whitespace as below, without the code point stream
            StringBuilder b = new StringBuilder(code.length());
            for (int i = 0; i < code.length(); i++) {
                char c = code.charAt(i);
                if (!Character.isWhitespace(c)) b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
            return b.toString();
        }
        // most codes beyond ASCII ("Z001-WS·1928-…", "档号") are already in NFKC: a quick check instead of
        // normalising them again
        if (Normalizer.isNormalized(code, Normalizer.Form.NFKC)) return foldNormalized(code);
        return codeByNormalizer(code);
    }

    /** {@code n} (already in NFKC) in lower case, without whitespace, as {@link #codeByNormalizer} finishes. */
    private static String foldNormalized(String n) {
        String lower = n.toLowerCase(Locale.ROOT);
        StringBuilder b = null; // made at the first whitespace, if any
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            if (Character.isWhitespace(c)) {
                if (b == null) b = new StringBuilder(lower.length()).append(lower, 0, i);
            } else if (b != null) {
                b.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return b == null ? lower : b.toString();
    }

    /** {@link #code} by the general route, for any text (FieldsTest checks the faster routes against it). */
    static String codeByNormalizer(String code) {
        String n = Normalizer.normalize(code, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(n.length());
        n.codePoints().filter(c -> !Character.isWhitespace(c)).forEach(b::appendCodePoint);
        return b.toString();
    }
}
