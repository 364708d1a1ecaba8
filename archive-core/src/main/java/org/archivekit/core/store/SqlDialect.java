package org.archivekit.core.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between the SQL databases a store runs on; everything else in the stores' SQL is plain and portable
 * (TEXT, INTEGER, BIGINT, row-value comparison, {@code LIMIT}, {@code ||}, {@code substr}, {@code ON CONFLICT}).
 */
interface SqlDialect {

    /** The column definition of an auto-numbered primary key, increasing and never reused. */
    String autoIncrementPrimaryKey();

    /** Whether {@code e} reports a primary-key or unique-constraint violation. */
    boolean isUniqueViolation(SQLException e);

    /**
     * The statement that appends one audit event: the columns {@code at, actor, action, target, old_version,
     * new_version, detail} as parameters 1 to 7; it returns the new sequence number as a result set when {@link
     * #auditInsertReturnsSequence}, and otherwise {@link #lastGeneratedKey} finds it.
     */
    default String auditInsert() {
        return "INSERT INTO audit_log (at, actor, action, target, old_version, new_version, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    }

    /** Whether {@link #auditInsert} returns the sequence number it assigned. */
    default boolean auditInsertReturnsSequence() {
        return false;
    }

    /** The key the last insert on {@code c} generated. */
    long lastGeneratedKey(Connection c) throws SQLException;

    /** The type of a text column that is compared and sorted by code point, whatever the database's locale. */
    default String sortableText() {
        return "TEXT";
    }

    /** Whether {@code e} reports a transaction that lost a race with another and may succeed if run again. */
    default boolean isTransient(SQLException e) {
        return false;
    }

    /**
     * Makes other connections that call this wait until {@link #unlockSchema} (nodes starting together migrate one
     * at a time); {@code c} is not in auto-commit mode.
     */
    default void lockSchema(Connection c) throws SQLException {}

    /** Releases {@link #lockSchema}. */
    default void unlockSchema(Connection c) throws SQLException {}

    /** The type of a column of bytes. */
    default String blobType() {
        return "BLOB";
    }

    /**
     * Whether a TEXT column read with {@code getBytes} gives its UTF-8 bytes, so a stored body can go to the JSON
     * reader without being decoded to a string first.
     */
    default boolean readsTextAsUtf8Bytes() {
        return false;
    }
}
