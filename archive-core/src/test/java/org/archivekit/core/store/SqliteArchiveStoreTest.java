package org.archivekit.core.store;

import static org.archivekit.core.spi.StoreFixtures.audit;
import static org.archivekit.core.spi.StoreFixtures.changedBy;
import static org.archivekit.core.spi.StoreFixtures.child;
import static org.archivekit.core.spi.StoreFixtures.fonds;
import static org.archivekit.core.spi.StoreFixtures.id;
import static org.archivekit.core.spi.StoreFixtures.item;
import static org.archivekit.core.spi.StoreFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.archivekit.core.StorageException;
import org.archivekit.core.model.Level;
import java.util.stream.Stream;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.spi.TreeEntry;
import org.junit.jupiter.api.Test;

final class SqliteArchiveStoreTest extends JdbcStoreBehaviour {

    private Path file() {
        return dir.resolve("archive").resolve("store.db");
    }

    @Override
    protected ArchiveStore newStore(Path dir) {
        return SqliteArchiveStore.open(dir.resolve("archive").resolve("store.db"));
    }

    private String pragma(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    Map<String, String> paths() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, path, depth FROM description ORDER BY id")) {
            while (rs.next()) out.put(rs.getString(1), rs.getString(2) + " " + rs.getInt(3));
        }
        return out;
    }

    @Test
    void aReopenedStoreHasEverythingThatWasWritten() {
        store.create(fonds("F1"), audit("create"));
        store.create(child("S1", Level.SERIES, "F1"), audit("create"));
        store.close();

        try (ArchiveStore reopened = SqliteArchiveStore.open(file())) {
            assertThat(reopened.find(id("S1"))).isPresent();
            assertThat(reopened.ancestors(id("S1"))).extracting(d -> d.id().value()).containsExactly("F1");
            try (var log = reopened.auditLog(0)) {
                assertThat(log.count()).isEqualTo(2);
            }
        }
    }

    @Test
    void theDatabaseIsInWalModeWithTheSchemaRecorded() throws SQLException {
        assertThat(pragma("journal_mode")).isEqualTo("wal");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(StoreSchema.CURRENT);
        }
    }

    @Test
    void aDatabaseWithANewerSchemaIsRefused() throws SQLException {
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO schema_version (version) VALUES (99)");
        }

        assertThatThrownBy(() -> SqliteArchiveStore.open(file())).isInstanceOf(StorageException.class)
                .hasMessageContaining("newer");
    }

    @Test
    void aVersionOneDatabaseGainsTheChangeOrderWithItsRowsBackfilled() throws SQLException {
        store.create(changedBy(fonds("F1"), "alice", Instant.parse("2024-05-01T10:00:00.5Z")), audit("create"));
        store.create(changedBy(fonds("F2"), "alice", Instant.parse("2024-05-01T10:00:00Z")), audit("create"));
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) { // back to schema 1, as a 0.1 release left it
            backToSchemaTwo(s);
            s.executeUpdate("DROP INDEX description_changes");
            s.executeUpdate("ALTER TABLE description DROP COLUMN changed_at");
            s.executeUpdate("DELETE FROM schema_version WHERE version = 2");
        }

        store = SqliteArchiveStore.open(file());

        assertThat(store.changes(null, null, 10)).extracting(d -> d.id().value()).containsExactly("F2", "F1");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN SELECT id FROM description"
                        + " WHERE (changed_at, id) > ('a', 'b') ORDER BY changed_at, id LIMIT 5")) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) plan.append(rs.getString(4)).append('\n');
            assertThat(plan.toString()).contains("description_changes").doesNotContain("TEMP B-TREE");
        }
    }

    /** Undoes schema steps 4 and 3 (tree keys, renditions), as a 0.2 release left the database. */
    private static void backToSchemaTwo(Statement s) throws SQLException {
        s.executeUpdate("DROP TABLE tree_rendition");
        s.executeUpdate("DELETE FROM schema_version WHERE version = 4");
        s.executeUpdate("DROP INDEX description_tree");
        s.executeUpdate("ALTER TABLE description DROP COLUMN tree_key");
        s.executeUpdate("DELETE FROM schema_version WHERE version = 3");
    }

    @Override
    void execute(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            for (String q : sql) s.executeUpdate(q);
        }
    }

    @Override
    ArchiveStore reopen() {
        return SqliteArchiveStore.open(file());
    }

    @Test
    void aSubtreesRenditionsAreOneRangeOfTheirKeyAndAreCountedFromItAlone() throws SQLException {
        String read = "SELECT NULL, depth, facts, body FROM tree_rendition WHERE tree_key >= 'a' AND tree_key < 'b'"
                + " AND format = 'x' AND format_version = 1 ORDER BY tree_key";
        String count = "SELECT COUNT(*) FROM tree_rendition WHERE tree_key >= 'a' AND tree_key < 'b'"
                + " AND format = 'x' AND format_version = 1";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            StringBuilder plan = new StringBuilder();
            for (String q : List.of(read, count)) {
                try (ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN " + q)) {
                    while (rs.next()) plan.append(rs.getString(4)).append('\n');
                }
            }
            assertThat(plan.toString()).isEqualTo("SEARCH tree_rendition USING INDEX sqlite_autoindex_tree_rendition_1"
                    + " (tree_key>? AND tree_key<?)\nSEARCH tree_rendition USING COVERING INDEX"
                    + " sqlite_autoindex_tree_rendition_1 (tree_key>? AND tree_key<?)\n");
        }
    }

    @Test
    void aVersionTwoDatabaseGainsTreeKeysSoItsSubtreesComeInDocumentOrderFromTheIndex() throws SQLException {
        store.create(fonds("F1"), audit("create"));
        store.create(child("S2", Level.SERIES, "F1"), audit("create"));
        store.create(record("S1", Level.SERIES, "F1").sequence(-1).build(), audit("create"));
        store.create(item("I2", "S1", "卷-10", 0), audit("create"));
        store.create(item("I1", "S1", "卷-9", 0), audit("create"));
        store.create(child("FL1", Level.FILE, "S2"), audit("create"));
        store.create(child("I3", Level.ITEM, "FL1"), audit("create"));
        store.create(fonds("F2"), audit("create"));
        store.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement()) {
            backToSchemaTwo(s);
        }

        store = SqliteArchiveStore.open(file());

        try (Stream<TreeEntry> tree = store.subtree(id("F1"))) {
            assertThat(tree.map(e -> e.depth() + ":" + e.description().id().value())).containsExactly("0:F1",
                    "1:S1", "2:I1", "2:I2", "1:S2", "2:FL1", "3:I3");
        }
        try (Stream<TreeEntry> tree = store.subtree(id("S2"))) {
            assertThat(tree.map(e -> e.depth() + ":" + e.description().id().value())).containsExactly("0:S2",
                    "1:FL1", "2:I3");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN SELECT d.body, d.depth FROM description d"
                        + " WHERE d.tree_key >= 'a' AND d.tree_key < 'b' ORDER BY d.tree_key")) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) plan.append(rs.getString(4)).append('\n');
            assertThat(plan.toString()).contains("description_tree").doesNotContain("TEMP B-TREE");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN SELECT CASE WHEN r.record_version IS NULL"
                        + " THEN d.body END, d.depth, r.facts, r.body FROM description d LEFT JOIN tree_rendition r"
                        + " ON r.tree_key = d.tree_key AND r.format = 'x' AND r.format_version = 1"
                        + " AND r.record_version = d.version"
                        + " WHERE d.tree_key >= 'a' AND d.tree_key < 'b' ORDER BY d.tree_key")) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) plan.append(rs.getString(4)).append('\n');
            assertThat(plan.toString()).contains("description_tree")
                    .contains("SEARCH r USING INDEX sqlite_autoindex_tree_rendition_1 (tree_key=? AND format=?"
                            + " AND format_version=?)")
                    .doesNotContain("TEMP B-TREE");
        }
    }
}
