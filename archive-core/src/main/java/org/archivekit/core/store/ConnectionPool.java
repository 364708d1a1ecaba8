package org.archivekit.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.archivekit.core.StorageException;

/** A small, bounded pool of read connections, opened on demand; thread-safe. */
final class ConnectionPool implements AutoCloseable {

    /** Opens a connection. */
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final Semaphore permits;
    private final long waitMillis;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ConnectionPool(Opener opener, int size, long waitMillis) {
        this.opener = opener;
        this.permits = new Semaphore(size, true);
        this.waitMillis = waitMillis;
    }

    /** A connection for the caller's sole use until {@link #release}. */
    Connection acquire() {
        try {
            if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new StorageException("no read connection became free within " + waitMillis
                        + " ms; are streams from the store left unclosed?", new TimeoutException());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for a read connection", e);
        }
        Connection c = idle.pollFirst();
        if (c != null) return c;
        try {
            return opener.open();
        } catch (SQLException e) {
            permits.release();
            throw StorageException.from(e);
        }
    }

    /** Gives {@code c} back; after {@link #close()} it is closed instead. */
    void release(Connection c) {
        if (closed) {
            closeQuietly(c);
        } else {
            idle.offerFirst(c);
            if (closed && idle.remove(c)) closeQuietly(c);
        }
        permits.release();
    }

    /** Closes the idle connections now and the busy ones when they come back. */
    @Override
    public void close() {
        closed = true;
        for (Connection c; (c = idle.pollFirst()) != null; ) closeQuietly(c);
    }

    private void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a read connection cannot lose data
        }
    }
}
