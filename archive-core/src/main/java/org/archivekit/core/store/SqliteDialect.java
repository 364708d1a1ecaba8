package org.archivekit.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** SQLite's side of {@link SqlDialect}. */
final class SqliteDialect implements SqlDialect {

    @Override
    public String autoIncrementPrimaryKey() {
        return "INTEGER PRIMARY KEY AUTOINCREMENT"; // AUTOINCREMENT: a sequence number is never handed out twice
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        if (!(e instanceof SQLiteException)) return false;
        SQLiteErrorCode code = ((SQLiteException) e).getResultCode();
        return code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                || (code == SQLiteErrorCode.SQLITE_CONSTRAINT && String.valueOf(e.getMessage()).contains("UNIQUE"));
    }

    @Override
    public long lastGeneratedKey(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A recursive walk whose queue is ordered (SQLite's priority-queue form): the deepest pending row comes out
     * first, and among them the first sibling, which is exactly pre-order in sibling order (every pending row of
     * one depth has the same parent). The queue holds only keys; the bodies are joined as rows come out.
     */
    @Override
    public String preOrderSubtree() {
        return "WITH RECURSIVE walk (id, depth, seq, ref_missing, ref_sort_key) AS ("
                + " SELECT id, 0, sequence, ref_missing, ref_sort_key FROM description WHERE id = ?"
                + " UNION ALL"
                + " SELECT d.id, walk.depth + 1, d.sequence, d.ref_missing, d.ref_sort_key"
                + " FROM walk JOIN description d ON d.parent_id = walk.id"
                + " ORDER BY 2 DESC, 3, 4, 5, 1)"
                + " SELECT d.body, walk.depth FROM walk CROSS JOIN description d ON d.id = walk.id";
    }

    /** SQLite hands a TEXT value to {@code getBytes} as the UTF-8 it stores (the database encoding is UTF-8). */
    @Override
    public boolean readsTextAsUtf8Bytes() {
        return true;
    }
}
