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

    /** The key the last insert on {@code c} generated. */
    long lastGeneratedKey(Connection c) throws SQLException;
}
