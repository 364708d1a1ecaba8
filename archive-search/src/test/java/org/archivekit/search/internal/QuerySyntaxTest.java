package org.archivekit.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.search.spi.QueryNode;
import org.archivekit.search.spi.QueryNode.Field;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class QuerySyntaxTest {

    @Nested
    final class Accepts {
        @Test
        void wordsAllMust() {
            assertThat(QuerySyntax.parse("北京 大学")).isEqualTo(new QueryNode.Bool(
                    List.of(new QueryNode.Text(Field.ALL, "北京"), new QueryNode.Text(Field.ALL, "大学")), List.of(),
                    List.of()));
        }

        @Test
        void phrasesFieldsAndNegation() {
            assertThat(QuerySyntax.parse("title:\"校务 会议\" -草稿")).isEqualTo(new QueryNode.Bool(
                    List.of(new QueryNode.Phrase(Field.TITLE, "校务 会议")), List.of(),
                    List.of(new QueryNode.Text(Field.ALL, "草稿"))));
        }

        @Test
        void orJoinsNeighbours() {
            assertThat(QuerySyntax.parse("a OR b c")).isEqualTo(new QueryNode.Bool(List.of(
                    new QueryNode.Bool(List.of(), List.of(new QueryNode.Text(Field.ALL, "a"),
                            new QueryNode.Text(Field.ALL, "b")), List.of()),
                    new QueryNode.Text(Field.ALL, "c")), List.of(), List.of()));
        }

        @Test
        void yearRangesAndSingleYears() {
            assertThat(QuerySyntax.parse("year:1930..1949")).isEqualTo(new QueryNode.YearRange(1930, 1949));
            assertThat(QuerySyntax.parse("year:1937")).isEqualTo(new QueryNode.YearRange(1937, 1937));
        }

        @Test
        void trailingPrefixAndGroups() {
            assertThat(QuerySyntax.parse("(univ*)")).isEqualTo(new QueryNode.Prefix(Field.ALL, "univ"));
        }

        @Test
        void emptyMatchesEverything() {
            assertThat(QuerySyntax.parse("  ")).isEqualTo(new QueryNode.MatchAll());
            assertThat(QuerySyntax.parse("-草稿")).isEqualTo(new QueryNode.Bool(List.of(new QueryNode.MatchAll()),
                    List.of(), List.of(new QueryNode.Text(Field.ALL, "草稿"))));
        }
    }

    @Nested
    final class Refuses {
        @ParameterizedTest
        @ValueSource(strings = {"*ing", "?ing", "/ab.*c/", "a*b", "u*", "foo:bar", "year:abc", "year:1950..1930",
            "\"open", "(a", "a)", "a OR", "OR a", "+", "((((( a )))))"})
        void costlyOrMalformedQueries(String q) {
            assertThatThrownBy(() -> QuerySyntax.parse(q)).isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void tooLongAndTooManyClauses() {
            assertThatThrownBy(() -> QuerySyntax.parse("a".repeat(501))).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("500");
            assertThatThrownBy(() -> QuerySyntax.parse("w ".repeat(33))).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("32");
        }
    }
}
