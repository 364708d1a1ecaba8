package org.archivekit.share.link;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.archivekit.core.StorageException;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.share.spi.ShareLinkRegistry;

/**
 * A durable share-link registry in an SQLite file (WAL, synchronous=FULL); thread-safe through one serialized
 * connection, which suits its small, short writes. The SQL is portable.
 *
 * @since 0.1
 */
public final class SqliteShareLinkRegistry implements ShareLinkRegistry {
    private static final String COLUMNS = "handle, record_id, scope, downloads, issuer, created_at, expires_at,"
            + " max_uses, uses, revoked_at";

    private final Connection connection;
    private boolean closed;

    private SqliteShareLinkRegistry(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens (creating when needed) the registry in {@code file}.
     *
     * @throws StorageException when the file cannot be opened
     */
    public static SqliteShareLinkRegistry open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=30000");
                s.execute("CREATE TABLE IF NOT EXISTS share_link (handle VARCHAR(64) PRIMARY KEY,"
                        + " record_id VARCHAR(128) NOT NULL, scope VARCHAR(16) NOT NULL, downloads INTEGER NOT NULL,"
                        + " issuer VARCHAR(200) NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,"
                        + " max_uses INTEGER, uses INTEGER NOT NULL, revoked_at BIGINT)");
                s.execute("CREATE INDEX IF NOT EXISTS share_link_record ON share_link (record_id)");
            }
            return new SqliteShareLinkRegistry(c);
        } catch (java.io.IOException e) {
            throw StorageException.from(e);
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }

    @Override
    public synchronized void insert(ShareLink l) {
        try (PreparedStatement ps = open().prepareStatement(
                "INSERT INTO share_link (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, l.handle());
            ps.setString(2, l.record().value());
            ps.setString(3, l.scope().name());
            ps.setInt(4, l.downloads() ? 1 : 0);
            ps.setString(5, l.issuer());
            ps.setLong(6, l.createdAt().toEpochMilli());
            ps.setLong(7, l.expiresAt().toEpochMilli());
            if (l.maxUses() == null) ps.setNull(8, java.sql.Types.INTEGER);
            else ps.setInt(8, l.maxUses());
            ps.setInt(9, l.uses());
            if (l.revokedAt() == null) ps.setNull(10, java.sql.Types.BIGINT);
            else ps.setLong(10, l.revokedAt().toEpochMilli());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (find(l.handle()).isPresent()) {
                throw new IllegalArgumentException("share link " + l.handle() + " exists already", e);
            }
            throw StorageException.from(e);
        }
    }

    @Override
    public synchronized Optional<ShareLink> find(String handle) {
        List<ShareLink> found = query("SELECT " + COLUMNS + " FROM share_link WHERE handle = ?", handle);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public synchronized boolean tryUse(String handle, Instant now) {
        return update("UPDATE share_link SET uses = uses + 1 WHERE handle = ? AND revoked_at IS NULL"
                + " AND expires_at > ? AND (max_uses IS NULL OR uses < max_uses)", handle, now.toEpochMilli());
    }

    @Override
    public synchronized boolean revoke(String handle, Instant at) {
        return update("UPDATE share_link SET revoked_at = ? WHERE handle = ? AND revoked_at IS NULL",
                at.toEpochMilli(), handle);
    }

    @Override
    public synchronized List<ShareLink> forRecord(DescriptionId record) {
        return query("SELECT " + COLUMNS + " FROM share_link WHERE record_id = ? ORDER BY created_at DESC, handle",
                record.value());
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }

    private Connection open() {
        if (closed) throw new IllegalStateException("the share-link registry is closed");
        return connection;
    }

    private boolean update(String sql, Object... args) {
        try (PreparedStatement ps = open().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }

    private List<ShareLink> query(String sql, String arg) {
        try (PreparedStatement ps = open().prepareStatement(sql)) {
            ps.setString(1, arg);
            List<ShareLink> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int max = rs.getInt(8);
                    Integer maxUses = rs.wasNull() ? null : max;
                    long revoked = rs.getLong(10);
                    Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revoked);
                    out.add(new ShareLink(rs.getString(1), DescriptionId.of(rs.getString(2)),
                            ShareScope.valueOf(rs.getString(3)), rs.getInt(4) == 1, rs.getString(5),
                            Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)), maxUses,
                            rs.getInt(9), revokedAt));
                }
            }
            return out;
        } catch (SQLException e) {
            throw StorageException.from(e);
        }
    }
}
