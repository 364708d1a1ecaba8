package org.archivekit.core.internal.json;

import static org.archivekit.core.spi.StoreFixtures.fonds;
import static org.archivekit.core.spi.StoreFixtures.fullyPopulated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.sample.SampleArchive;
import org.junit.jupiter.api.Test;

/**
 * The streaming fast path for stored bodies gives exactly what the strict tree reader gives for everything the
 * store writes, and hands everything else to the strict reader: it never accepts a body the strict reader refuses,
 * and never reads one differently.
 */
final class StoredReaderTest {

    private static byte[] stored(Description d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonCodec.write(d, out);
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsEverythingTheStoreWritesExactlyAsTheStrictReaderDoes() {
        List<Description> all = new ArrayList<>();
        all.add(fullyPopulated("item-1", "fonds-1"));
        all.add(fonds("fonds-1"));
        all.add(fonds("f").toBuilder().dates(List.of(new ArchivalDate("1949-", LocalDate.of(1949, 1, 1), null, true)))
                .customFields(Map.of("b.key", "", "a.key", "多行\n文本 \"quoted\" \\ \u0001 😀")).build());
        Description withFiles = fullyPopulated("item-2", "fonds-1");
        all.add(withFiles.toBuilder().digitalObjects(withFiles.digitalObjects().stream()
                .map(o -> o.withSha512("ab".repeat(64))).toList()).build()); // a stored file's content address
        for (Description d : SampleArchive.builder().items(2_000).seed(11).build()) all.add(d);
        for (Description d : all) {
            byte[] body = stored(d);
            Description fast = StoredReader.read(body);
            assertThat(fast).as("fast path taken for %s", d.id()).isNotNull();
            assertThat(fast).isEqualTo(JsonCodec.readStoredStrictly(body)).isEqualTo(d);
            assertThat(fast.customFields()).containsExactlyEntriesOf(d.customFields());
        }
    }

    @Test
    void readsWhiteSpaceEscapesAndNumbersAsTheStrictReaderDoes() {
        String full = JsonCodec.toJson(fullyPopulated("item-1", "fonds-1"), true); // indented
        List<String> same = List.of(full,
                full.replace("\"text\" : \"", "\"text\" : \"\\u4e2d\\\"\\/\\b\\f\\n\\r\\t\\\\\\uD83D\\uDE00"),
                full.replace("\"quantity\" : 0.50", "\"quantity\" : 5.0E-1"),
                full.replace("\"quantity\" : 0.50", "\"quantity\" : -0"),
                full.replace("\"sequence\" : ", "\"sequence\" :\r\n\t -"));
        for (String json : same) {
            byte[] body = utf8(json);
            Description fast = StoredReader.read(body);
            assertThat(fast).as("fast path taken for %s", json).isNotNull();
            assertThat(fast).isEqualTo(JsonCodec.readStoredStrictly(body));
        }
        assertThat(same.get(1)).as("the replacement happened").isNotEqualTo(full);
        assertThat(same.get(2)).isNotEqualTo(full);
    }

    @Test
    void leavesMalformedJsonToTheStrictReader() {
        String min = JsonCodec.toJson(fonds("f"), false);
        List<byte[]> refused = new ArrayList<>();
        for (String json : List.of(min.replace("\"sequence\":0", "\"sequence\":00"),
                min.replace("\"sequence\":0", "\"sequence\":-"), min.replace("\"sequence\":0", "\"sequence\":1."),
                min.replace("\"sequence\":0", "\"sequence\":1e"), min.replace("\"sequence\":0", "\"sequence\":0x1"),
                min.replace(",\"carrier\"", ",,\"carrier\""), min.replace(",\"carrier\"", "\"carrier\""),
                min.replace("\"carrier\":", "\"carrier\"::"), min.replace("}", ",}"), min.replace("\"PAPER\"", "'PAPER'"),
                min.replace("\"PAPER\"", "\"PA\\qPER\""), min.replace("\"PAPER\"", "\"PA\\u00GPER\""),
                min.replace("\"PAPER\"", "\"PA\tPER\""), min.replace("}}", "}} /* */"),
                min.substring(0, min.length() - 1))) {
            refused.add(utf8(json));
        }
        byte[] title = utf8(min);
        int at = min.indexOf("题");
        // a continuation byte alone, an overlong '/', an encoded surrogate, a sequence cut short
        for (byte[] bad : new byte[][] {{(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xE4}}) {
            int pos = new String(title, StandardCharsets.UTF_8).substring(0, at).getBytes(StandardCharsets.UTF_8).length;
            byte[] b = new byte[title.length + bad.length];
            System.arraycopy(title, 0, b, 0, pos);
            System.arraycopy(bad, 0, b, pos, bad.length);
            System.arraycopy(title, pos, b, pos + bad.length, title.length - pos);
            refused.add(b);
        }
        for (int i = 0; i < refused.size(); i++) {
            byte[] body = refused.get(i);
            assertThat(StoredReader.read(body)).as("fast path for %s", new String(body, StandardCharsets.UTF_8))
                    .isNull();
            Throwable strict = catchThrowable(() -> JsonCodec.readStoredStrictly(body));
            if (i < 15) {
                assertThat(strict).as("strictly refused: %s", new String(body, StandardCharsets.UTF_8))
                        .isInstanceOf(InvalidRequestException.class);
            }
            // the general parser lets some broken UTF-8 through; then the strict reading is the answer
            if (strict == null) {
                assertThat(JsonCodec.readStoredDescription(body)).isEqualTo(JsonCodec.readStoredStrictly(body));
            } else {
                assertThat(catchThrowable(() -> JsonCodec.readStoredDescription(body)))
                        .isInstanceOf(InvalidRequestException.class);
            }
        }
    }

    @Test
    void leavesEveryBodyOutsideTheWrittenFormToTheStrictReader() {
        String full = JsonCodec.toJson(fullyPopulated("item-1", "fonds-1"), false);
        String min = JsonCodec.toJson(fonds("f"), false);
        List<String> refused = List.of(
                full.replace("\"custodialHistory\":", "\"custodyHistory\":"), // unknown, nested
                full.replace("\"authorityId\":", "\"authority\":"), // unknown, in an array element
                full.replaceFirst("\\{", "{\"colour\":\"red\","), // unknown, top level
                min.replaceAll("\"title\":\\{[^}]*},", ""), // a required part missing
                min.replace("\"schema\":\"archivekit/description@1\",", ""), // the required schema missing
                min.replace("description@1", "description@9"),
                min.replace("\"sequence\":0", "\"sequence\":\"first\""), // wrong types
                min.replace("\"sequence\":0", "\"sequence\":1.5"),
                min.replace("\"sequence\":0", "\"sequence\":4294967296"),
                min.replace("\"level\":\"FONDS\"", "\"level\":\"BOX\""), // unknown enum value
                min.replace("\"level\":\"FONDS\"", "\"level\":1"),
                full.replace("\"id\":\"item-1\"", "\"id\":\"bad id!\""), // refused by a constructor
                full.replace("\"size\":0", "\"size\":-1"),
                min.replace("\"carrier\"", "\"customFields\":{\"9lives\":\"x\"},\"carrier\""),
                min.replace("\"level\":\"FONDS\"", "\"level\":\"FONDS\",\"level\":\"ITEM\""), // repeated
                min.replace("\"carrier\"", "\"customFields\":{\"k\":\"x\",\"k\":\"y\"},\"carrier\""),
                min.replace("\"carrier\":\"PAPER\"", "\"carrier\":null"), // nulls the writer never puts
                min + " {}", // trailing content
                "{\"schema\": ", "", "[1, 2]", "null", // malformed or not an object
                min.replace("\"title\":{", "\"title\":[{").replace("},\"carrier\"", "}],\"carrier\""));
        for (String json : refused) {
            byte[] body = utf8(json);
            assertThat(StoredReader.read(body)).as("fast path for %s", json).isNull();
            Throwable strict = catchThrowable(() -> JsonCodec.readStoredStrictly(body));
            Throwable both = catchThrowable(() -> JsonCodec.readStoredDescription(body));
            if (strict == null) {
                assertThat(both).as("accepted strictly: %s", json).isNull();
                assertThat(JsonCodec.readStoredDescription(body)).isEqualTo(JsonCodec.readStoredStrictly(body));
            } else {
                assertThat(both).isInstanceOf(InvalidRequestException.class);
                assertThat(((InvalidRequestException) both).violations())
                        .isEqualTo(((InvalidRequestException) strict).violations());
            }
        }
    }

    @Test
    void acceptsOnlyWhatTheStrictReaderAcceptsAndReadsItTheSameUnderRandomDamage() {
        byte[] original = stored(fullyPopulated("item-1", "fonds-1"));
        Random r = new Random(20261122);
        int accepted = 0;
        int handedOver = 0;
        for (int i = 0; i < 5_000; i++) {
            byte[] body = damage(original, r);
            Description fast = StoredReader.read(body);
            Description strict;
            try {
                strict = JsonCodec.readStoredStrictly(body);
            } catch (InvalidRequestException e) {
                assertThat(fast).as("fast path accepted a body the strict reader refuses: %s",
                        new String(body, StandardCharsets.UTF_8)).isNull();
                handedOver++;
                continue;
            }
            if (fast == null) {
                handedOver++;
            } else {
                assertThat(fast).isEqualTo(strict);
                accepted++;
            }
        }
        // the damage is mostly fatal but not always (a changed letter in a free text, a digit in a date)
        assertThat(accepted).isPositive();
        assertThat(handedOver).isPositive();
    }

    private static final String PUNCTUATION = "{}[]\",:0a-n \\1";

    /** One to three random byte changes, deletions or insertions of JSON punctuation. */
    private static byte[] damage(byte[] original, Random r) {
        byte[] b = original.clone();
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(4)) {
                case 3 -> b[at] = (byte) (0x80 + r.nextInt(0x80)); // broken or changed UTF-8
                case 0 -> b[at] = (byte) PUNCTUATION.charAt(r.nextInt(PUNCTUATION.length()));
                case 1 -> {
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                }
                default -> b[at] = (byte) ('0' + r.nextInt(10));
            }
        }
        return b;
    }
}
