package org.archivekit.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.archivekit.core.StorageException;
import org.archivekit.core.json.ArchiveJson;
import org.archivekit.core.spi.ArchiveStore;
import org.sqlite.SQLiteConfig;

/**
 * An {@link ArchiveStore} in one SQLite database file: durable, transactional and safe for many threads.
 *
 * <p>The database runs in WAL mode with {@code synchronous=FULL}, so a write that returned survives a crash or a
 * power cut, and readers never wait for the writer. Writes go through one connection, one at a time (SQLite allows
 * a single writer); reads use a small pool of read-only connections, each call or stream in its own snapshot.
 * Each description is kept as its {@link ArchiveJson} form next to the columns the store sorts and searches on,
 * including a materialized path of ancestor ids, so a subtree is one indexed range query and a move rewrites only
 * the moved subtree. The schema is created or migrated when the store opens.
 *
 * <p>Open one store per file and share it; a second store on the same file works but waits for the first's writes.
 *
 * @since 0.1
 */
public final class SqliteArchiveStore extends JdbcArchiveStore {
    private static final int READ_CONNECTIONS = 8;
    private static final int BUSY_TIMEOUT_MILLIS = 30_000;
    /** How much of the database file each read connection maps into memory (address space, not heap). */
    private static final long READ_MMAP_BYTES = 1L << 30;

    private final Path file;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final Connection writer;
    private final ConnectionPool readers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteArchiveStore(Path file, Connection writer, ConnectionPool readers) {
        super(new SqliteDialect());
        this.file = file;
        this.writer = writer;
        this.readers = readers;
    }

    /**
     * Opens the store in {@code file}, creating the file, its parent directories and the schema when missing, and
     * migrating an older schema.
     *
     * @throws StorageException when the file cannot be created or opened, or holds a newer schema
     */
    public static SqliteArchiveStore open(Path file) {
        Objects.requireNonNull(file, "file");
        Path target = file.toAbsolutePath();
        try {
            if (target.getParent() != null) Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw StorageException.from(e);
        }
        String url = "jdbc:sqlite:" + target;
        Connection writer = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
            config.enforceForeignKeys(true);
            config.setCacheSize(-32_768); // KiB: large batches stay in memory until commit
            // take the write lock when a write transaction begins, not at its first write
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            writer = DriverManager.getConnection(url, config.toProperties());
            writer.setAutoCommit(false);
            StoreSchema.migrate(writer, new SqliteDialect());
            writer.setAutoCommit(true);

            SQLiteConfig readConfig = new SQLiteConfig();
            readConfig.setReadOnly(true);
            readConfig.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
            // reads see the file's pages through a memory map rather than a read() call per page: a walk of a subtree
            // (one range of pages) then costs no system call per page (SQLite falls back to reads past the map)
            readConfig.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, String.valueOf(READ_MMAP_BYTES));
            ConnectionPool readers = new ConnectionPool(
                    () -> DriverManager.getConnection(url, readConfig.toProperties()), READ_CONNECTIONS,
                    BUSY_TIMEOUT_MILLIS);
            return new SqliteArchiveStore(target, writer, readers);
        } catch (SQLException e) {
            if (writer != null) {
                try {
                    writer.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new StorageException("cannot open the SQLite store " + target + ": " + e.getMessage(), e);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        readers.close();
        writeLock.lock();
        try {
            writer.close();
        } catch (SQLException e) {
            throw StorageException.from(e);
        } finally {
            writeLock.unlock();
        }
    }

        @Override
    <T> T write(SqlWork<T> work, boolean repeatable) {
        writeLock.lock();
        try {
            checkOpen();
            try {
                writer.setAutoCommit(false);
                T result = work.run(writer);
                writer.commit();
                writer.setAutoCommit(true);
                return result;
            } catch (SQLException e) {
                rollback(e);
                throw StorageException.from(e);
            } catch (RuntimeException | Error e) {
                rollback(e);
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void rollback(Throwable cause) {
        try {
            writer.rollback();
            writer.setAutoCommit(true);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
    @Override
    Connection acquireReader() {
        checkOpen();
        return readers.acquire();
    }

    @Override
    void releaseReader(Connection c) {
        readers.release(c);
    }

    private void checkOpen() {
        if (closed.get()) throw new IllegalStateException("the store " + file + " is closed");
    }
}
