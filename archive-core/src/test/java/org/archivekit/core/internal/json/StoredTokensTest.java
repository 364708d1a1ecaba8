package org.archivekit.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonToken;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Property names found in a {@link StoredTokens.Names} table read exactly as decoded ones, as the very string. */
final class StoredTokensTest {
    private static final StoredTokens.Names NAMES = StoredTokens.Names.of("id", "title", "idx", "a", "level");

    private static List<String> names(String json, StoredTokens.Names names) throws StoredTokens.Refused {
        StoredTokens t = new StoredTokens(json.getBytes(StandardCharsets.UTF_8), names);
        List<String> out = new ArrayList<>();
        assertThat(t.nextToken()).isEqualTo(JsonToken.START_OBJECT);
        String n;
        while ((n = t.nextFieldName()) != null) {
            out.add(n);
            assertThat(t.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
        }
        assertThat(t.currentToken()).isEqualTo(JsonToken.END_OBJECT);
        return out;
    }

    @Test
    void knownNamesAreTheTablesStringsAndEveryOtherNameIsDecoded() throws StoredTokens.Refused {
        String json = "{\"id\":1,\"i\":2,\"idx\":3,\"ids\":4,\"\":5,\"i\\u0064\":6,\"档号\":7,\"title\":8,\"a\":9,"
                + "\"levels\":10,\"Id\":11,\"tit\\\"le\":12,\"é\":13}";
        List<String> withTable = names(json, NAMES);
        assertThat(withTable).containsExactly("id", "i", "idx", "ids", "", "id", "档号", "title", "a", "levels", "Id",
                "tit\"le", "é");
        assertThat(withTable).isEqualTo(names(json, StoredTokens.Names.NONE));
        // the plain spellings of known names come back as the table's own strings
        assertThat(withTable.get(0)).isSameAs(NAMES.find("id".getBytes(StandardCharsets.US_ASCII), 0, 2,
                "id".hashCode()));
        assertThat(withTable.get(7)).isSameAs(NAMES.find("title".getBytes(StandardCharsets.US_ASCII), 0, 5,
                "title".hashCode()));
        assertThat(withTable.get(2)).isSameAs(names("{\"idx\":0}", NAMES).get(0));
        assertThat(withTable.get(3)).isNotSameAs(names("{\"ids\":0}", NAMES).get(0)); // not in the table: new string
    }

    @Test
    void knownStringValuesAreTheTablesStringsOnlyWhenAskedFor() throws StoredTokens.Refused {
        StoredTokens.Names values = StoredTokens.Names.of("ITEM", "FILE");
        String json = "[\"ITEM\",\"ITEMS\",\"IT\\u0045M\",\"ITEM\",\"档\",\"FILE\",7]";
        StoredTokens t = new StoredTokens(json.getBytes(StandardCharsets.UTF_8), NAMES);
        assertThat(t.nextToken()).isEqualTo(JsonToken.START_ARRAY);
        String item = t.nextTextValue(values);
        assertThat(item).isEqualTo("ITEM").isSameAs(values.find("ITEM".getBytes(StandardCharsets.US_ASCII), 0, 4,
                "ITEM".hashCode()));
        assertThat(t.nextTextValue(values)).isEqualTo("ITEMS");
        String escaped = t.nextTextValue(values);
        assertThat(escaped).isEqualTo("ITEM").isNotSameAs(item); // an escape is decoded
        String plain = t.nextTextValue(); // without the table: a string of its own
        assertThat(plain).isEqualTo("ITEM").isNotSameAs(item);
        assertThat(t.nextTextValue(values)).isEqualTo("档");
        assertThat(t.nextTextValue(values)).isEqualTo("FILE");
        assertThat(t.nextTextValue(values)).isNull();
        assertThat(t.currentToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
        assertThat(t.nextToken()).isEqualTo(JsonToken.END_ARRAY);
    }

    @Test
    void findComparesEveryByte() {
        byte[] b = "xxlevelxx".getBytes(StandardCharsets.US_ASCII);
        assertThat(NAMES.find(b, 2, 5, "level".hashCode())).isEqualTo("level");
        assertThat(NAMES.find(b, 2, 4, "leve".hashCode())).isNull();
        assertThat(NAMES.find(b, 1, 5, "xleve".hashCode())).isNull();
        // a colliding slot is not a match: same hash, other bytes ("Aa" and "BB" share String.hashCode)
        StoredTokens.Names collide = StoredTokens.Names.of("Aa");
        assertThat(collide.find("BB".getBytes(StandardCharsets.US_ASCII), 0, 2, "BB".hashCode())).isNull();
        assertThat(collide.find("Aa".getBytes(StandardCharsets.US_ASCII), 0, 2, "Aa".hashCode())).isEqualTo("Aa");
        assertThatThrownBy(() -> StoredTokens.Names.of("档号")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredTokens.Names.of("a\"b")).isInstanceOf(IllegalArgumentException.class);
    }
}
