package org.archivekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** show, tree and list over one demo archive of 300 items. */
final class ReadCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    @TempDir
    static Path emptyHome;

    private static List<JsonNode> allAsAdmin;

    @BeforeAll
    static void fillArchives() throws Exception {
        assertThat(Cli.run(home, "demo", "--items", "300", "--seed", "7").exitCode()).isZero();
        assertThat(Cli.run(emptyHome, "init").exitCode()).isZero();
        Cli.Result all = Cli.run(home, "list", "--as", "admin", "--json", "--limit", "0");
        assertThat(all.exitCode()).isZero();
        allAsAdmin = new ArrayList<>();
        for (String line : all.lines()) allAsAdmin.add(JSON.readTree(line));
    }

    private static String firstWith(String effectiveLevel) {
        return allAsAdmin.stream().filter(n -> n.get("effectiveLevel").asText().equals(effectiveLevel))
                .filter(n -> n.at("/record/level").asText().equals("ITEM"))
                .filter(n -> n.at("/record/status").asText().equals("PUBLISHED"))
                .map(n -> n.at("/record/id").asText()).findFirst().orElseThrow();
    }

    @Nested
    final class Show {
        @Test
        void showsAPublicRecordWithItsBreadcrumb() {
            String id = firstWith("PUBLIC");
            Cli.Result r = Cli.run(home, "show", id);

            assertThat(r.exitCode()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).startsWith(id + "  ").contains("公开 Public", "档号 Reference", "题名 Title");
        }

        @ParameterizedTest
        @ValueSource(strings = {"CAMPUS", "RESTRICTED", "CONFIDENTIAL"})
        void hiddenRecordLooksExactlyLikeAMissingOne(String level) {
            String id = firstWith(level);
            Cli.Result hidden = Cli.run(home, "show", id);
            Cli.Result missing = Cli.run(emptyHome, "show", id);

            assertThat(hidden.exitCode()).isEqualTo(3).isEqualTo(missing.exitCode());
            assertThat(hidden.err()).isEqualTo(missing.err())
                    .isEqualTo("archivekit: no record with id '" + id + "'" + System.lineSeparator());
            assertThat(hidden.out()).isEmpty();
            assertThat(Cli.run(home, "show", id, "--json").err()).isEqualTo(missing.err());
            assertThat(Cli.run(home, "show", id, "--as", "admin").exitCode()).isZero();
        }

        @Test
        void draftIsHiddenFromCampusButNotFromStaff() {
            String draft = allAsAdmin.stream().filter(n -> !n.at("/record/status").asText().equals("PUBLISHED"))
                    .filter(n -> !n.get("effectiveLevel").asText().equals("CONFIDENTIAL"))
                    .map(n -> n.at("/record/id").asText()).findFirst().orElseThrow();
            Cli.Result hidden = Cli.run(home, "show", draft, "--as", "campus");

            assertThat(hidden.exitCode()).isEqualTo(3);
            assertThat(hidden.err()).isEqualTo(Cli.run(emptyHome, "show", draft, "--as", "campus").err());
            assertThat(Cli.run(home, "show", draft, "--as", "staff").exitCode()).isZero();
        }

        @Test
        void jsonIsTheDocumentedViewObject() throws Exception {
            String id = firstWith("PUBLIC");
            Cli.Result r = Cli.run(home, "show", id, "--json");
            JsonNode view = JSON.readTree(r.out());

            assertThat(r.exitCode()).isZero();
            assertThat(view.get("schema").asText()).isEqualTo("archivekit/view@1");
            assertThat(view.get("effectiveLevel").asText()).isEqualTo("PUBLIC");
            assertThat(view.at("/record/id").asText()).isEqualTo(id);
            assertThat(view.get("breadcrumb")).hasSize(3);
            JsonNode fonds = view.get("breadcrumb").get(0);
            assertThat(fonds.get("level").asText()).isEqualTo("FONDS");
            assertThat(fonds.fieldNames()).toIterable().containsExactly("id", "level", "referenceCode", "title");
        }

        @ParameterizedTest
        @ValueSource(strings = {"bad id!", "-x", "a/b"})
        void malformedIdIsBadInput(String id) {
            Cli.Result r = Cli.run(home, "show", "--", id);
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("archivekit: ").contains("malformed id '" + id + "'");
        }

        @Test
        void unknownRoleIsBadInput() {
            Cli.Result r = Cli.run(home, "show", "Z001", "--as", "dean");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("archivekit: ").contains("--as", "dean");
        }

        @Test
        void aHomeWithoutAnArchiveIsBadInputNamingTheFile(@TempDir Path nowhere) {
            Cli.Result r = Cli.run(nowhere.resolve("none"), "show", "Z001");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("archivekit: no archive in ").contains("archive.db");
        }
    }

    @Nested
    final class Tree {
        @Test
        void depthZeroPrintsTheRootWithItsVisibleChildCount() {
            Cli.Result r = Cli.run(home, "tree", "Z001", "--depth", "0");
            assertThat(r.exitCode()).isZero();
            assertThat(r.lines()).singleElement().asString().startsWith("Z001  全宗  校长办公室  [公开]  (")
                    .endsWith(")");
        }

        @Test
        void depthBoundsTheLevelsPrinted() {
            List<String> one = Cli.run(home, "tree", "Z001", "--depth", "1").lines();
            List<String> two = Cli.run(home, "tree", "Z001", "--depth", "2").lines();

            assertThat(one.subList(1, one.size())).allMatch(l -> l.startsWith("├── ") || l.startsWith("└── "))
                    .allMatch(l -> l.contains("系列"));
            assertThat(two).anyMatch(l -> l.contains("案卷")).noneMatch(l -> l.contains("  件  "));
            assertThat(two.size()).isGreaterThan(one.size());
        }

        @Test
        void campusSeesAtLeastAsManyChildrenAsThePublic() {
            String file = allAsAdmin.stream().filter(n -> n.at("/record/level").asText().equals("FILE"))
                    .filter(n -> n.at("/record/status").asText().equals("PUBLISHED"))
                    .map(n -> n.at("/record/id").asText()).findFirst().orElseThrow();
            long asPublic = Cli.run(home, "tree", file, "--depth", "1").lines().size();
            long asAdmin = Cli.run(home, "tree", file, "--depth", "1", "--as", "admin").lines().size();
            assertThat(asAdmin).isGreaterThan(asPublic);
        }

        @Test
        void negativeDepthIsBadInput() {
            assertThat(Cli.run(home, "tree", "Z001", "--depth", "-1").exitCode()).isEqualTo(2);
        }
    }

    @Nested
    final class ListRecords {
        @Test
        void listsOneLevelUpToTheLimit() {
            Cli.Result r = Cli.run(home, "list", "--level", "series", "--limit", "3");
            assertThat(r.exitCode()).isZero();
            assertThat(r.lines()).hasSize(4).last().asString().contains("--limit 0");
            assertThat(r.lines().subList(0, 3)).allMatch(l -> l.contains("系列"));
            assertThat(Cli.run(home, "list", "--level", "系列", "--limit", "3").out()).isEqualTo(r.out());
        }

        @Test
        void jsonLinesHoldOneViewPerLine() throws Exception {
            Cli.Result r = Cli.run(home, "list", "--level", "item", "--json", "--limit", "5");
            assertThat(r.lines()).hasSize(5);
            for (String line : r.lines()) {
                JsonNode n = JSON.readTree(line);
                assertThat(n.get("schema").asText()).isEqualTo("archivekit/view@1");
                assertThat(n.get("effectiveLevel").asText()).isEqualTo("PUBLIC");
                assertThat(n.at("/record/level").asText()).isEqualTo("ITEM");
            }
        }

        @Test
        void eachRoleSeesMoreThanTheOneBelow() {
            long[] seen = new long[4];
            String[] roles = {"public", "campus", "staff", "admin"};
            for (int i = 0; i < roles.length; i++) {
                seen[i] = Cli.run(home, "list", "--as", roles[i], "--limit", "0").lines().size();
            }
            assertThat(seen[0]).isLessThan(seen[1]);
            assertThat(seen[1]).isLessThan(seen[2]);
            assertThat(seen[2]).isLessThan(seen[3]);
            assertThat(seen[3]).isEqualTo(allAsAdmin.size());
        }

        @Test
        void unknownLevelIsBadInputNamingTheChoices() {
            Cli.Result r = Cli.run(home, "list", "--level", "box");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).startsWith("archivekit: ").contains("--level", "unknown level 'box'", "item (件)");
        }
    }
}
