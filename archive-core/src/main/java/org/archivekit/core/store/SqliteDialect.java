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

    /** SQLite hands a TEXT value to {@code getBytes} as the UTF-8 it stores (the database encoding is UTF-8). */
    @Override
    public boolean readsTextAsUtf8Bytes() {
        return true;
    }
}
