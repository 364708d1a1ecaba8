package org.archivekit.search.spi;

import java.util.List;
import java.util.Objects;

/**
 * A parsed, validated user query, engine-neutral; backends translate it into their own query language.
 *
 * <p>Field names are those of {@link Field}. A {@link Field#ALL} clause searches every text field, weighted:
 * exact reference code first, then title, creators and subjects, then the scope note and other text, then the
 * context of ancestors.
 *
 * @since 0.1
 */
public sealed interface QueryNode {

    /** The searchable fields of the user syntax. */
    enum Field {
        /** Every text field, weighted. */
        ALL,
        /** Title and parallel titles. */
        TITLE,
        /** Scope and content. */
        SCOPE,
        /** Creators and other agents. */
        CREATOR,
        /** Subject terms. */
        SUBJECT,
        /** Reference code (档号), exact or by its parts. */
        CODE,
        /** Titles and codes of the ancestors. */
        CONTEXT
    }

    /** Words to match (analysed; all must match unless inside an OR). */
    record Text(Field field, String text) implements QueryNode {
        public Text {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Words that must appear in this order. */
    record Phrase(Field field, String text) implements QueryNode {
        public Phrase {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Words beginning with {@code prefix} (at least two characters; no leading wildcard exists). */
    record Prefix(Field field, String prefix) implements QueryNode {
        public Prefix {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    /** Records whose dates overlap the years {@code from} to {@code to}, inclusive. */
    record YearRange(int from, int to) implements QueryNode {}

    /** A boolean combination: every {@code must}, at least one {@code should} when there is no must, no mustNot. */
    record Bool(List<QueryNode> must, List<QueryNode> should, List<QueryNode> mustNot) implements QueryNode {
        public Bool {
            must = List.copyOf(must);
            should = List.copyOf(should);
            mustNot = List.copyOf(mustNot);
        }
    }

    /** Every record (an empty query). */
    record MatchAll() implements QueryNode {}
}
