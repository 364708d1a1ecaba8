package org.archivekit.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * The tables of the SQL stores and the migrations that build them; each step runs once, in its own transaction,
 * and is recorded in {@code schema_version}.
 */
final class StoreSchema {
    private StoreSchema() {}

    /** The version this code writes; a database from a newer release is refused. */
    static final int CURRENT = 4;

    private static List<String> step(int version, SqlDialect dialect) {
        String text = dialect.sortableText(); // plain TEXT on SQLite, so its schema is as it always was
        switch (version) {
            case 1:
                return List.of(
                        "CREATE TABLE institution (code " + text + " NOT NULL PRIMARY KEY, body TEXT NOT NULL)",
                        "CREATE TABLE description ("
                                + " id " + text + " NOT NULL PRIMARY KEY,"
                                + " institution " + text + " NOT NULL,"
                                + " parent_id " + text + " REFERENCES description (id),"
                                + " level TEXT NOT NULL,"
                                + " ref_missing INTEGER NOT NULL," // 1 when there is no reference code: sorts last
                                + " ref_sort_key " + text + " NOT NULL," // ReferenceCode.sortKey(), '' when missing
                                + " sequence INTEGER NOT NULL,"
                                + " path " + text + " NOT NULL,"           // ancestor ids, root first: /F1/S1/
                                + " depth INTEGER NOT NULL,"
                                + " status TEXT NOT NULL,"
                                + " version BIGINT NOT NULL,"
                                + " body TEXT NOT NULL,"           // the ArchiveJson form
                                + " updated_at TEXT NOT NULL)",
                        "CREATE INDEX description_children"
                                + " ON description (parent_id, sequence, ref_missing, ref_sort_key, id)",
                        "CREATE INDEX description_institution_level ON description (institution, level)",
                        "CREATE INDEX description_path ON description (path)",
                        "CREATE TABLE audit_log ("
                                + " seq " + dialect.autoIncrementPrimaryKey() + ","
                                + " at TEXT NOT NULL,"
                                + " actor TEXT NOT NULL,"
                                + " action TEXT NOT NULL,"
                                + " target TEXT,"
                                + " old_version BIGINT NOT NULL,"
                                + " new_version BIGINT NOT NULL,"
                                + " detail TEXT NOT NULL)");
            case 2: // change order for OAI-PMH and change feeds: (changed_at, id), keyset-paged
                return List.of(
                        "ALTER TABLE description ADD COLUMN changed_at " + text + " NOT NULL DEFAULT ''",
                        "CREATE INDEX description_changes ON description (changed_at, id)");
            case 3: // document order as one indexed range (tree_key), and renditions kept next to their records
                return List.of(
                        "ALTER TABLE description ADD COLUMN tree_key " + text + " NOT NULL DEFAULT ''",
                        "CREATE TABLE rendition ("
                                + " id " + text + " NOT NULL REFERENCES description (id),"
                                + " format " + text + " NOT NULL,"
                                + " format_version INTEGER NOT NULL,"
                                + " record_version BIGINT NOT NULL,"
                                + " facts TEXT NOT NULL," // the record's access facts (AccessFacts)
                                + " body " + dialect.blobType() + " NOT NULL,"
                                + " PRIMARY KEY (id, format))");
            case 4: // renditions in document order, so a subtree's are one range: see docs/stored-renditions.md
                return List.of("CREATE TABLE tree_rendition ("
                        + " tree_key " + text + " NOT NULL," // the record's description.tree_key
                        + " format " + text + " NOT NULL,"
                        + " format_version INTEGER NOT NULL,"
                        + " record_version BIGINT NOT NULL,"
                        + " depth INTEGER NOT NULL,"       // the record's description.depth
                        + " facts TEXT NOT NULL,"
                        + " body " + dialect.blobType() + " NOT NULL,"
                        // the key's index holds what a walk filters and counts on, so counting reads no rows
                        + " PRIMARY KEY (tree_key, format, format_version))");
            default:
                throw new IllegalArgumentException("no schema step " + version);
        }
    }

    /** What a step creates after its backfill: indexes that are cheaper to build over filled columns. */
    private static List<String> after(int version) {
        // covering what a walk reads of a row with a current rendition, so only the others' rows are fetched
        if (version == 4) return List.of("DROP TABLE rendition");
        return version == 3 ? List.of("CREATE INDEX description_tree ON description (tree_key, depth, version, id)")
                : List.of();
    }

    /** Fills what a step's new columns hold for the rows already there, in the step's transaction. */
    private static void backfill(int version, Connection c) throws SQLException {
        if (version == 3) {
            backfillTreeKeys(c);
            return;
        }
        if (version == 4) { // current renditions move, stale ones are dropped: a rendition row is always current
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO tree_rendition (tree_key, format, format_version, record_version, depth,"
                        + " facts, body) SELECT d.tree_key, r.format, r.format_version, r.record_version, d.depth,"
                        + " r.facts, r.body FROM rendition r JOIN description d ON d.id = r.id"
                        + " AND d.version = r.record_version ORDER BY d.tree_key, r.format");
            }
            return;
        }
        if (version != 2) return;
        try (PreparedStatement read = c.prepareStatement("SELECT id, updated_at FROM description");
                PreparedStatement write = c.prepareStatement("UPDATE description SET changed_at = ? WHERE id = ?");
                ResultSet rs = read.executeQuery()) {
            int pending = 0;
            while (rs.next()) {
                write.setString(1, StoreSupport.changeKey(Instant.parse(rs.getString(2))));
                write.setString(2, rs.getString(1));
                write.addBatch();
                if (++pending == 1000) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) write.executeBatch();
        }
    }

    /**
     * Gives every row its tree key, parents first (by depth): a parent's key is read back from the rows already
     * keyed in this transaction, so memory stays flat however many rows there are.
     */
    private static void backfillTreeKeys(Connection c) throws SQLException {
        try (PreparedStatement read = c.prepareStatement("SELECT id, parent_id, sequence, ref_missing,"
                + " ref_sort_key FROM description ORDER BY depth, parent_id, id");
                PreparedStatement parentKey = c.prepareStatement("SELECT tree_key FROM description WHERE id = ?");
                PreparedStatement write = c.prepareStatement("UPDATE description SET tree_key = ? WHERE id = ?");
                ResultSet rs = read.executeQuery()) {
            String lastParent = null;
            String lastParentKey = "";
            while (rs.next()) {
                String parent = rs.getString(2);
                String key = "";
                if (parent != null) {
                    if (!parent.equals(lastParent)) {
                        parentKey.setString(1, parent);
                        try (ResultSet p = parentKey.executeQuery()) {
                            if (!p.next()) throw new SQLException("record " + rs.getString(1) + " has no parent row");
                            lastParentKey = p.getString(1);
                        }
                        lastParent = parent;
                    }
                    key = lastParentKey;
                }
                write.setString(1, StoreSupport.treeKey(key, rs.getInt(3), rs.getInt(4) == 1, rs.getString(5),
                        rs.getString(1)));
                write.setString(2, rs.getString(1));
                write.executeUpdate();
            }
        }
    }

    /** Brings the database on {@code c} (not in auto-commit mode) up to {@link #CURRENT}. */
    static void migrate(Connection c, SqlDialect dialect) throws SQLException {
        dialect.lockSchema(c);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int current;
            try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            c.commit();
            if (current > CURRENT) {
                throw new SQLException("the database has schema version " + current + ", newer than this release's "
                        + CURRENT + "; use a newer ArchiveKit");
            }
            for (int v = current + 1; v <= CURRENT; v++) {
                for (String ddl : step(v, dialect)) s.executeUpdate(ddl);
                backfill(v, c);
                for (String ddl : after(v)) s.executeUpdate(ddl);
                s.executeUpdate("INSERT INTO schema_version (version) VALUES (" + v + ")");
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            dialect.unlockSchema(c);
        }
    }
}
