package org.archivekit.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** PostgreSQL's side of {@link SqlDialect}. */
final class PostgresDialect implements SqlDialect {
    /** The advisory-lock key that serializes schema migrations: "archivekit" in ASCII, folded into a bigint. */
    private static final long SCHEMA_LOCK = 0x61726368_69766b69L;

    @Override
    public String autoIncrementPrimaryKey() {
        return "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
    }

    @Override
    public String sortableText() {
        return "TEXT COLLATE \"C\""; // code-point order, the order the stores' paths and range bounds assume
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return hasState(e, "23505");
    }

    @Override
    public boolean isTransient(SQLException e) {
        return hasState(e, "40001") || hasState(e, "40P01"); // serialization failure, deadlock
    }

    /**
     * The next number after the highest stored, not the identity's next value: a rolled-back transaction would
     * leave a hole in an identity. Writes hold the audit log's lock from their start, so the highest is current.
     */
    @Override
    public String auditInsert() {
        return "INSERT INTO audit_log (seq, at, actor, action, target, old_version, new_version, detail)"
                + " OVERRIDING SYSTEM VALUE SELECT COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ? FROM audit_log"
                // the identity follows the numbers, so an insert that takes the column's default draws an unused one
                + " RETURNING seq, setval(pg_get_serial_sequence('audit_log', 'seq'), seq)";
    }

    @Override
    public boolean auditInsertReturnsSequence() {
        return true;
    }

    @Override
    public long lastGeneratedKey(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT lastval()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void lockSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")"); // session lock: held across the commits
        }
    }

    @Override
    public void unlockSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
        }
        c.commit();
    }

    /** Whether {@code e}, or an exception chained to it (a batch's next exception, a cause), has {@code state}. */
    private static boolean hasState(SQLException e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                for (SQLException s = (SQLException) t; s != null; s = s.getNextException()) {
                    if (state.equals(s.getSQLState())) return true;
                }
            }
        }
        return false;
    }

    @Override
    public String blobType() {
        return "BYTEA";
    }
}
