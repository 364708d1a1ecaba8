package org.archivekit.share.oai;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.archivekit.core.StorageException;
import org.archivekit.core.model.DescriptionId;
import org.jspecify.annotations.Nullable;

/**
 * The OAI-PMH provider's memory, per audience (harvesting principal): for each record, whether it is visible to the
 * audience now, whether it was ever exposed to it, its OAI datestamp, its sets and when its visibility may next
 * change by the clock alone. It is what makes deleted records persistent and what ListRecords pages over, by
 * (datestamp, id) on an index. Kept in its own SQLite file, separate from the store, so it works with every
 * {@code ArchiveStore}; thread-safe through one serialized connection.
 *
 * <p>The file runs in WAL mode with {@code synchronous=NORMAL}: every request commits its sync, and an fsync per
 * request would cost more than the rest of a page. A commit survives the process dying; a power loss may undo
 * the last commits, which the next sync redoes from the store, except that a record exposed in those commits and
 * hidden since is then answered as unknown rather than deleted.
 *
 * <p>Losing the ledger loses nothing of the archive, but forgets which hidden records were once exposed: they
 * then answer as unknown ids instead of deleted ones. Keep it with the archive's backups.
 *
 * @since 0.2
 */
public final class OaiLedger implements AutoCloseable {
    private static final String COLUMNS = "id, datestamp, visible, exposed, version, set_path, is_set, next_change";

    private final Connection connection;
    private boolean closed;

    private OaiLedger(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens (creating when needed) the ledger in {@code file}.
     *
     * @throws StorageException when the file cannot be opened
     */
    public static OaiLedger open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            return init(DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()), true);
        } catch (java.io.IOException e) {
            throw StorageException.from(e);
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }

    /** A ledger in memory (SQLite's {@code :memory:}), gone when closed: for tests and short-lived providers. */
    public static OaiLedger inMemory() {
        try {
            return init(DriverManager.getConnection("jdbc:sqlite::memory:"), false);
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }

    private static OaiLedger init(Connection c, boolean durable) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (durable) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL"); // see the class comment
                s.execute("PRAGMA busy_timeout=30000");
            }
            s.execute("CREATE TABLE IF NOT EXISTS oai_item (audience TEXT NOT NULL, id TEXT NOT NULL,"
                    + " datestamp TEXT NOT NULL, visible INTEGER NOT NULL, exposed INTEGER NOT NULL,"
                    + " version BIGINT NOT NULL, set_path TEXT NOT NULL, is_set INTEGER NOT NULL, next_change TEXT,"
                    + " PRIMARY KEY (audience, id))");
            s.execute("CREATE INDEX IF NOT EXISTS oai_item_order ON oai_item (audience, exposed, datestamp, id)");
            s.execute("CREATE INDEX IF NOT EXISTS oai_item_due ON oai_item (audience, next_change)");
            s.execute("CREATE INDEX IF NOT EXISTS oai_item_sets ON oai_item (audience, set_path) WHERE visible = 1"
                    + " AND is_set = 1");
            // a record that left a set while visible: a selective harvest of that set reports it deleted there
            s.execute("CREATE TABLE IF NOT EXISTS oai_moved (audience TEXT NOT NULL, id TEXT NOT NULL,"
                    + " set_path TEXT NOT NULL, datestamp TEXT NOT NULL, PRIMARY KEY (audience, id, set_path))");
            s.execute("CREATE INDEX IF NOT EXISTS oai_moved_order ON oai_moved (audience, datestamp, id)");
            s.execute("CREATE TABLE IF NOT EXISTS oai_sync (audience TEXT NOT NULL PRIMARY KEY,"
                    + " fingerprint TEXT NOT NULL, synced_at TEXT NOT NULL)");
        }
        c.setAutoCommit(false);
        c.commit();
        return new OaiLedger(c);
    }

    /** One record as the ledger knows it for one audience. */
    record Entry(DescriptionId id, String datestamp, boolean visible, boolean exposed, long version, String setPath,
            boolean isSet, @Nullable String nextChange) {}

    /** When the audience was last brought up to date, and for which principal settings. */
    record SyncState(String fingerprint, String syncedAt) {}

    synchronized Optional<Entry> find(String audience, DescriptionId id) {
        return query("SELECT " + COLUMNS + " FROM oai_item WHERE audience = ? AND id = ?", ps -> {
            ps.setString(1, audience);
            ps.setString(2, id.value());
        }).stream().findFirst();
    }

    synchronized void put(String audience, Entry e) {
        try (PreparedStatement ps = open().prepareStatement("INSERT INTO oai_item (audience, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (audience, id) DO UPDATE SET"
                + " datestamp = excluded.datestamp, visible = excluded.visible, exposed = excluded.exposed,"
                + " version = excluded.version, set_path = excluded.set_path, is_set = excluded.is_set,"
                + " next_change = excluded.next_change")) {
            ps.setString(1, audience);
            ps.setString(2, e.id().value());
            ps.setString(3, e.datestamp());
            ps.setInt(4, e.visible() ? 1 : 0);
            ps.setInt(5, e.exposed() ? 1 : 0);
            ps.setLong(6, e.version());
            ps.setString(7, e.setPath());
            ps.setInt(8, e.isSet() ? 1 : 0);
            if (e.nextChange() == null) ps.setNull(9, Types.VARCHAR);
            else ps.setString(9, e.nextChange());
            ps.executeUpdate();
        } catch (SQLException x) {
            throw StorageException.from(x);
        }
    }

    /**
     * Up to {@code limit} exposed entries in (datestamp, id) order after the keyset position (when given), within
     * [from, until) and within set {@code set} (its own entry and every entry below it) when given. With a set, the
     * records that moved out of it while visible and are not back in it come too, as deleted entries carrying the
     * set path they left, stamped when they left.
     */
    synchronized List<Entry> page(String audience, @Nullable String afterStamp, @Nullable String afterId,
            @Nullable String from, @Nullable String untilExclusive, @Nullable String set, int limit) {
        String where = (afterStamp != null ? " AND (datestamp, id) > (?, ?)" : "")
                + (from != null ? " AND datestamp >= ?" : "")
                + (untilExclusive != null ? " AND datestamp < ?" : "");
        // ':' separates set levels and ';' is the next character, so [X:, X;) is exactly "below X"
        String inSet = " AND (set_path = ? OR (set_path >= ? AND set_path < ?))";
        if (set == null) {
            return query("SELECT " + COLUMNS + " FROM oai_item WHERE audience = ? AND exposed = 1" + where
                    + " ORDER BY datestamp, id LIMIT ?", ps -> {
                        int i = bind(ps, 1, audience, afterStamp, afterId, from, untilExclusive, null);
                        ps.setInt(i, limit);
                    });
        }
        // each side is a keyset seek of its own, merged: the page costs the same wherever it starts
        String sql = "SELECT * FROM (SELECT " + COLUMNS + " FROM oai_item WHERE audience = ? AND exposed = 1" + where
                + inSet + " ORDER BY datestamp, id LIMIT ?)"
                + " UNION ALL SELECT * FROM (SELECT m.id, m.datestamp, 0, 1, 0, m.set_path, 0, NULL FROM oai_moved m"
                + " WHERE audience = ?" + where + inSet
                // not when the record is (back) in the set: then its own entry answers
                + " AND NOT EXISTS (SELECT 1 FROM oai_item i WHERE i.audience = m.audience AND i.id = m.id"
                + inSet.replace("set_path", "i.set_path") + ")"
                + " ORDER BY datestamp, id LIMIT ?) ORDER BY 2, 1 LIMIT ?";
        return query(sql, ps -> {
            int i = bind(ps, 1, audience, afterStamp, afterId, from, untilExclusive, set);
            ps.setInt(i++, limit);
            i = bind(ps, i, audience, afterStamp, afterId, from, untilExclusive, set);
            ps.setString(i++, set);
            ps.setString(i++, set + ":");
            ps.setString(i++, set + ";");
            ps.setInt(i++, limit);
            ps.setInt(i, limit);
        });
    }

    private static int bind(PreparedStatement ps, int i, String audience, @Nullable String afterStamp,
            @Nullable String afterId, @Nullable String from, @Nullable String untilExclusive, @Nullable String set)
            throws SQLException {
        ps.setString(i++, audience);
        if (afterStamp != null) {
            ps.setString(i++, afterStamp);
            ps.setString(i++, afterId);
        }
        if (from != null) ps.setString(i++, from);
        if (untilExclusive != null) ps.setString(i++, untilExclusive);
        if (set != null) {
            ps.setString(i++, set);
            ps.setString(i++, set + ":");
            ps.setString(i++, set + ";");
        }
        return i;
    }

    /**
     * Notes that the record left set path {@code from} while visible, at {@code datestamp}; a later move out of
     * the same path restamps it.
     */
    synchronized void moved(String audience, DescriptionId id, String from, String datestamp) {
        try (PreparedStatement ps = open().prepareStatement("INSERT INTO oai_moved (audience, id, set_path,"
                + " datestamp) VALUES (?, ?, ?, ?) ON CONFLICT (audience, id, set_path) DO UPDATE SET"
                + " datestamp = excluded.datestamp")) {
            ps.setString(1, audience);
            ps.setString(2, id.value());
            ps.setString(3, from);
            ps.setString(4, datestamp);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }

    /** Entries whose visibility may have changed by the clock at or before {@code now} (a key). */
    synchronized List<Entry> due(String audience, String now) {
        return query("SELECT " + COLUMNS + " FROM oai_item WHERE audience = ? AND next_change <= ?", ps -> {
            ps.setString(1, audience);
            ps.setString(2, now);
        });
    }

    /**
     * Up to {@code limit} set-bearing records visible to the audience, by set spec, after spec {@code after} when
     * given (a keyset seek on {@code oai_item_sets}).
     */
    synchronized List<Entry> sets(String audience, @Nullable String after, int limit) {
        return query("SELECT " + COLUMNS + " FROM oai_item WHERE audience = ? AND visible = 1 AND is_set = 1"
                + (after == null ? "" : " AND set_path > ?") + " ORDER BY set_path LIMIT ?", ps -> {
                    int i = 1;
                    ps.setString(i++, audience);
                    if (after != null) ps.setString(i++, after);
                    ps.setInt(i, limit);
                });
    }

    /** How many set-bearing records are visible to the audience (a count on {@code oai_item_sets}). */
    synchronized long countSets(String audience) {
        try (PreparedStatement ps = open().prepareStatement(
                "SELECT COUNT(*) FROM oai_item WHERE audience = ? AND visible = 1 AND is_set = 1")) {
            ps.setString(1, audience);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }

    /** The smallest datestamp exposed to the audience. */
    synchronized Optional<String> earliest(String audience) {
        try (PreparedStatement ps = open().prepareStatement(
                "SELECT MIN(datestamp) FROM oai_item WHERE audience = ? AND exposed = 1")) {
            ps.setString(1, audience);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getString(1));
            }
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }

    synchronized Optional<SyncState> syncState(String audience) {
        try (PreparedStatement ps = open().prepareStatement(
                "SELECT fingerprint, synced_at FROM oai_sync WHERE audience = ?")) {
            ps.setString(1, audience);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SyncState(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }

    synchronized void saveSync(String audience, SyncState state) {
        try (PreparedStatement ps = open().prepareStatement("INSERT INTO oai_sync (audience, fingerprint, synced_at)"
                + " VALUES (?, ?, ?) ON CONFLICT (audience) DO UPDATE SET fingerprint = excluded.fingerprint,"
                + " synced_at = excluded.synced_at")) {
            ps.setString(1, audience);
            ps.setString(2, state.fingerprint());
            ps.setString(3, state.syncedAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }

    /** Makes the writes since the last commit durable. */
    synchronized void commit() {
        try {
            open().commit();
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }

    /** Forgets the writes since the last commit. */
    synchronized void rollback() {
        try {
            open().rollback();
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<Entry> query(String sql, Binder binder) {
        try (PreparedStatement ps = open().prepareStatement(sql)) {
            binder.bind(ps);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(DescriptionId.of(rs.getString(1)), rs.getString(2), rs.getInt(3) == 1,
                            rs.getInt(4) == 1, rs.getLong(5), rs.getString(6), rs.getInt(7) == 1, rs.getString(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }

    private Connection open() {
        if (closed) throw new IllegalStateException("the OAI ledger is closed");
        return connection;
    }
}
