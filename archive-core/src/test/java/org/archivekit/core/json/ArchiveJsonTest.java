package org.archivekit.core.json;

import static org.archivekit.core.spi.StoreFixtures.fonds;
import static org.archivekit.core.spi.StoreFixtures.fullyPopulated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.InvalidRequestException.Violation;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.junit.jupiter.api.Test;

final class ArchiveJsonTest {

    private static List<Violation> violationsOf(String json) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> ArchiveJson.readDescription(json));
        assertThat(e).as("reading should fail: %s", json).isNotNull();
        return e.violations();
    }

    /** The compact form of the fully populated fixture with one property replaced or added by text surgery. */
    private static String fullJson() {
        return ArchiveJson.toJson(fullyPopulated("item-1", "fonds-1"));
    }

    @Test
    void fullyPopulatedDescriptionRoundTripsToAnEqualValue() {
        Description original = fullyPopulated("item-1", "fonds-1");

        assertThat(ArchiveJson.readDescription(ArchiveJson.toJson(original))).isEqualTo(original);
        assertThat(ArchiveJson.readDescription(ArchiveJson.toPrettyJson(original))).isEqualTo(original);
    }

    @Test
    void roundTripsThroughStreamsAsUtf8() {
        Description original = fullyPopulated("item-1", "fonds-1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ArchiveJson.write(original, out);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("关于1931年校务会议的记录");
        assertThat(ArchiveJson.readDescription(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(original);
    }

    @Test
    void minimalDescriptionRoundTripsAndOmitsEmptyParts() {
        Description minimal = fonds("fonds-1");

        String json = ArchiveJson.toJson(minimal);

        assertThat(ArchiveJson.readDescription(json)).isEqualTo(minimal);
        assertThat(json).startsWith("{\"schema\":\"archivekit/description@1\",")
                .doesNotContain("parent", "referenceCode", "notes", "customFields", "retention", "location",
                        "dates", "digitalObjects", "null");
    }

    @Test
    void writesTheDocumentedFormOfDatesIdsEnumsAndInstants() {
        String json = fullJson();

        assertThat(json)
                .contains("\"id\":\"item-1\"", "\"parent\":\"fonds-1\"", "\"level\":\"ITEM\"")
                .contains("{\"expression\":\"民国二十年\",\"begin\":\"1931-01-01\",\"end\":\"1931-12-31\","
                        + "\"approximate\":false}")
                .contains("{\"expression\":\"约1949年以后\",\"begin\":\"1949-10-01\",\"end\":null,"
                        + "\"approximate\":true}")
                .contains("\"embargoUntil\":\"2030-01-01T00:00:00.123Z\"", "\"openingDate\":\"2036-07-01\"")
                .contains("\"quantity\":0.50", "\"secrecy\":\"SECRET\"");
    }

    @Test
    void openDateEndsMayBeLeftOutWhenReading() {
        String json = ArchiveJson.toJson(fonds("f").toBuilder()
                .dates(List.of(new ArchivalDate("1949-", LocalDate.of(1949, 1, 1), null, false))).build())
                .replace(",\"end\":null", "");

        assertThat(ArchiveJson.readDescription(json).dates().get(0).end()).isNull();
    }

    @Test
    void rejectsUnknownPropertyWithItsPath() {
        String json = fullJson().replace("\"custodialHistory\":", "\"custodyHistory\":");

        assertThat(violationsOf(json)).contains(new Violation("notes.custodyHistory", "unknown property"));
    }

    @Test
    void rejectsUnknownPropertyInsideAnArrayElement() {
        String json = fullJson().replace("\"authorityId\":", "\"authority\":");

        assertThat(violationsOf(json)).contains(new Violation("agents[1].authority", "unknown property"));
    }

    @Test
    void rejectsUnknownTopLevelProperty() {
        String json = fullJson().replaceFirst("\\{", "{\"colour\":\"red\",");

        assertThat(violationsOf(json)).containsExactly(new Violation("colour", "unknown property"));
    }

    @Test
    void rejectsMissingTitle() {
        String json = ArchiveJson.toJson(fonds("f")).replaceAll("\"title\":\\{[^}]*},", "");

        assertThat(violationsOf(json)).containsExactly(new Violation("title", "missing required property"));
    }

    @Test
    void rejectsMissingSchemaMarkerAndUnsupportedSchema() {
        String json = ArchiveJson.toJson(fonds("f"));

        assertThat(violationsOf(json.replace("\"schema\":\"archivekit/description@1\",", "")))
                .containsExactly(new Violation("schema", "missing required property"));
        assertThat(violationsOf(json.replace("description@1", "description@9")))
                .extracting(Violation::path).containsExactly("schema");
    }

    @Test
    void rejectsValuesOfTheWrongType() {
        String json = ArchiveJson.toJson(fonds("f")).replace("\"sequence\":0", "\"sequence\":\"first\"");

        assertThat(violationsOf(json)).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("sequence");
            assertThat(v.message()).contains("integer");
        });
    }

    @Test
    void rejectsUnknownEnumValueListingTheAllowedOnes() {
        String json = ArchiveJson.toJson(fonds("f")).replace("\"level\":\"FONDS\"", "\"level\":\"BOX\"");

        assertThat(violationsOf(json)).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("level");
            assertThat(v.message()).contains("'BOX'", "FONDS, SUBFONDS");
        });
    }

    @Test
    void reportsValuesRefusedByRecordConstructorsAtTheirPath() {
        String json = fullJson()
                .replace("\"id\":\"item-1\"", "\"id\":\"bad id!\"")
                .replace("\"begin\":\"1931-01-01\",\"end\":\"1931-12-31\"", "\"begin\":\"1931-12-31\",\"end\":\"1931-01-01\"")
                .replace("\"size\":0", "\"size\":-1");

        assertThat(violationsOf(json)).extracting(Violation::path)
                .containsExactlyInAnyOrder("id", "dates[0]", "digitalObjects[1]");
    }

    @Test
    void reportsInvalidCustomFieldKeyAtItsPath() {
        String json = ArchiveJson.toJson(fonds("f")).replace("\"carrier\"", "\"customFields\":{\"9lives\":\"x\"},\"carrier\"");

        assertThat(violationsOf(json)).extracting(Violation::path).containsExactly("customFields.9lives");
    }

    @Test
    void reportsEveryViolationTogether() {
        String json = ArchiveJson.toJson(fonds("f"))
                .replace("\"level\":\"FONDS\"", "\"level\":1")
                .replace("\"carrier\":\"PAPER\"", "\"carrier\":\"PAPER\",\"extra\":true");

        assertThat(violationsOf(json)).extracting(Violation::path).containsExactly("level", "extra");
    }

    @Test
    void rejectsMalformedJson() {
        assertThat(violationsOf("{\"schema\": ")).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("malformed JSON"));
        assertThat(violationsOf("")).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("malformed JSON"));
        assertThat(violationsOf(fullJson() + " {}")).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("malformed JSON"));
    }

    @Test
    void rejectsDuplicateProperties() {
        String json = ArchiveJson.toJson(fonds("f")).replace("\"level\":\"FONDS\"", "\"level\":\"FONDS\",\"level\":\"ITEM\"");

        assertThat(violationsOf(json)).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("malformed JSON").contains("level"));
    }

    @Test
    void rejectsADocumentThatIsNotAnObject() {
        assertThat(violationsOf("[1, 2]")).containsExactly(new Violation("", "expected a JSON object, found an array"));
    }

    @Test
    void theExampleInTheFormatDocumentIsReadable() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "json-format.md"));
        String example = doc.substring(doc.indexOf("```json") + 7, doc.indexOf("```", doc.indexOf("```json") + 7));

        Description d = ArchiveJson.readDescription(example);

        assertThat(d.title().text()).isEqualTo("关于1931年校务会议的记录");
        assertThat(ArchiveJson.readDescription(ArchiveJson.toJson(d))).isEqualTo(d);
    }

    @Test
    void institutionRoundTripsAndIsReadStrictly() {
        Institution full = new Institution(InstitutionCode.of("CN-100871-A"), "北京大学档案馆", "Peking University Archives",
                new Institution.Contact("北京市海淀区颐和园路5号", "archives@pku.edu.cn", null, "https://archives.pku.edu.cn"));
        Institution minimal = new Institution(InstitutionCode.of("X1"), "某馆", null, null);

        assertThat(ArchiveJson.readInstitution(ArchiveJson.toJson(full))).isEqualTo(full);
        assertThat(ArchiveJson.readInstitution(ArchiveJson.toJson(minimal))).isEqualTo(minimal);
        assertThat(ArchiveJson.toJson(minimal)).isEqualTo(
                "{\"schema\":\"archivekit/institution@1\",\"code\":\"X1\",\"nameZh\":\"某馆\"}");
        assertThatThrownBy(() -> ArchiveJson.readInstitution(
                ArchiveJson.toJson(full).replace("\"email\"", "\"mail\"")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("contact.mail", "unknown property")));
    }
}
