package org.archivekit.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.archivekit.core.ConflictException;
import org.archivekit.core.StorageException;
import org.archivekit.core.json.ArchiveJson;
import org.archivekit.core.spi.ArchiveStore;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ArchiveStore} in a PostgreSQL database: durable, transactional, safe for many threads and for many
 * application nodes sharing one database.
 *
 * <p>The store runs on the host's {@link DataSource}, or on a connection pool it builds from a JDBC URL. Tables,
 * columns and SQL are those of {@link SqliteArchiveStore} (each description as its {@link ArchiveJson} form beside a
 * materialized path); text keys are compared in code-point order ({@code COLLATE "C"}) whatever the database's
 * locale. The schema is created or migrated when the store opens, under an advisory lock, so nodes starting at once
 * migrate one after the other.
 *
 * <p>Every write runs as one {@code SERIALIZABLE} transaction that first takes an exclusive lock on the audit log
 * (readers are not blocked), so writes from every node run one at a time, in one order: the audit log's sequence
 * numbers are assigned in commit order without gaps, and a reader following the log with {@link #auditLog} never
 * sees a number appear below one it has already read. Should PostgreSQL still abort a write (serialization failure
 * or deadlock), the store runs it again, a bounded number of times with a randomized pause; when the attempts run
 * out, or the write was a batch that cannot be replayed ({@link #createAll}), it throws {@link ConflictException}. Reads run as {@code REPEATABLE READ, READ ONLY} transactions, each call or stream in
 * one snapshot; streams fetch rows in pages through a cursor.
 *
 * <pre>{@code
 * try (PostgresArchiveStore store = PostgresArchiveStore.builder()
 *         .url("jdbc:postgresql://db.example.edu/archive").user("archive").password(secret).build()) {
 *     Archive archive = Archive.builder().store(store).build();
 * }
 * }</pre>
 *
 * @since 0.2
 */
public final class PostgresArchiveStore extends JdbcArchiveStore {
    private final PostgresDialect dialect;
    private final DataSource dataSource;
    private final @Nullable HikariDataSource ownPool;
    private final int maxAttempts;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresArchiveStore(PostgresDialect dialect, DataSource dataSource, @Nullable HikariDataSource ownPool,
            int maxAttempts, String name) {
        super(dialect);
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.ownPool = ownPool;
        this.maxAttempts = maxAttempts;
        this.name = name;
    }

    /**
     * Opens the store on the host's {@code dataSource} (ideally a pool), creating or migrating the schema; the data
     * source stays the host's and is not closed with the store.
     *
     * @throws StorageException when the database cannot be reached or holds a newer schema
     */
    public static PostgresArchiveStore open(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    /** A builder for a store on a host data source or on a pool built from a URL. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link PostgresArchiveStore}; not thread-safe, use once. */
    public static final class Builder {
        private @Nullable DataSource dataSource;
        private @Nullable String url;
        private @Nullable String user;
        private @Nullable String password;
        private int poolSize = 16;
        private int maxAttempts = 10;

        private Builder() {}

        /** The host's data source; the store does not close it. Either this or {@link #url} is required. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** A {@code jdbc:postgresql:} URL; the store builds and owns a connection pool on it. */
        public Builder url(String url) {
            Objects.requireNonNull(url, "url");
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host/db): " + url);
            }
            this.url = url;
            return this;
        }

        /** The user for {@link #url}, unless the URL names one. */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /** The password for {@link #url}, unless the URL has one. */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The most connections the pool built from {@link #url} opens; 16 unless set. */
        public Builder poolSize(int poolSize) {
            if (poolSize < 1) throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
            this.poolSize = poolSize;
            return this;
        }

        /** How many times a write that lost a race with another runs at most; 10 unless set. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Opens the store, creating or migrating the schema.
         *
         * @throws IllegalStateException when neither or both of a data source and a URL were given
         * @throws StorageException when the database cannot be reached or holds a newer schema
         */
        public PostgresArchiveStore build() {
            if ((dataSource == null) == (url == null)) {
                throw new IllegalStateException("give the store either a dataSource or a url, not "
                        + (dataSource == null ? "neither" : "both"));
            }
            HikariDataSource pool = null;
            DataSource ds = dataSource;
            String name = "PostgreSQL store on the host's data source";
            if (url != null) {
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(url);
                if (user != null) config.setUsername(user);
                if (password != null) config.setPassword(password);
                config.setMaximumPoolSize(poolSize);
                config.setPoolName("archivekit-postgres");
                config.addDataSourceProperty("reWriteBatchedInserts", "true"); // one INSERT per batch, not per row
                try {
                    pool = new HikariDataSource(config);
                } catch (RuntimeException e) {
                    throw new StorageException("cannot connect to " + redacted(url) + ": " + e.getMessage(), e);
                }
                ds = pool;
                name = "PostgreSQL store " + redacted(url);
            }
            PostgresDialect dialect = new PostgresDialect();
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                StoreSchema.migrate(c, dialect);
                c.setAutoCommit(true);
            } catch (SQLException e) {
                if (pool != null) pool.close();
                throw new StorageException("cannot open the " + name + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                if (pool != null) pool.close();
                throw e;
            }
            return new PostgresArchiveStore(dialect, ds, pool, maxAttempts, name);
        }

        private static String redacted(String url) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query); // the query may carry a password
        }
    }

    @Override
    <T> T write(SqlWork<T> work, boolean repeatable) {
        for (int attempt = 1; ; attempt++) {
            Connection c = connect();
            try {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
                    // before any query, so the transaction's snapshot is taken once the lock is held and sees every
                    // write that committed before; held to the commit, so audit numbers follow commit order
                    s.execute("LOCK TABLE audit_log IN EXCLUSIVE MODE");
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                rollback(c, e);
                if (!dialect.isTransient(e)) throw StorageException.from(e);
                if (!repeatable || attempt >= maxAttempts) {
                    ConflictException conflict = new ConflictException("a write collided with concurrent writes "
                            + (repeatable ? attempt + " times" : "and, being a batch, was not repeated")
                            + " (PostgreSQL: " + e.getMessage() + "); nothing was written, try again");
                    conflict.initCause(e);
                    throw conflict;
                }
                pause(attempt);
            } catch (RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            } finally {
                close(c);
            }
        }
    }

    /** Waits a random time that grows with the attempts (up to about 50 ms), so racing writers spread out. */
    private static void pause(int attempt) {
        long maxMicros = 200L << Math.min(attempt, 8);
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextLong(maxMicros)));
    }

    @Override
    Connection acquireReader() {
        return connect();
    }

    @Override
    void beginRead(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    @Override
    void releaseReader(Connection c) {
        close(c);
    }

    private Connection connect() {
        checkOpen();
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void close(Connection c) {
        try {
            if (!c.getAutoCommit()) c.setAutoCommit(true);
            c.close();
        } catch (SQLException e) {
            // the connection goes back to (or out of) the pool either way; nothing written depends on it
        }
    }

    private void checkOpen() {
        if (closed.get()) throw new IllegalStateException("the " + name + " is closed");
    }

    /** Closes the pool the store built from a URL; a host's data source is left open. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        if (ownPool != null) ownPool.close();
    }
}
