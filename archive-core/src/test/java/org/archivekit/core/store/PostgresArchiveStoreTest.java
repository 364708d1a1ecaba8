package org.archivekit.core.store;

import static org.archivekit.core.spi.StoreFixtures.audit;
import static org.archivekit.core.spi.StoreFixtures.child;
import static org.archivekit.core.spi.StoreFixtures.fonds;
import static org.archivekit.core.spi.StoreFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.archivekit.core.StorageException;
import org.archivekit.core.model.Level;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract and PostgreSQL specifics against a real PostgreSQL server; a fresh database per test. */
final class PostgresArchiveStoreTest extends JdbcStoreBehaviour {
    private static TestPostgres server;
    private String database;

    @BeforeAll
    static void startServer() {
        server = TestPostgres.start(false); // a database per test; durability is StoreConcurrencyIT's concern
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected ArchiveStore newStore(Path dir) {
        database = server.createDatabase();
        return PostgresArchiveStore.builder().url(server.url(database)).poolSize(4).build();
    }

    private <T> T query(String sql, ResultSetReader<T> reader) throws SQLException {
        try (Connection c = server.dataSource(database).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return reader.read(rs);
        }
    }

    private interface ResultSetReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @Override
    Map<String, String> paths() throws SQLException {
        return query("SELECT id, path, depth FROM description", rs -> {
            Map<String, String> out = new TreeMap<>();
            while (rs.next()) out.put(rs.getString(1), rs.getString(2) + " " + rs.getInt(3));
            return out;
        });
    }

    @Override
    void execute(String... sql) throws SQLException {
        try (Connection c = server.dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            for (String q : sql) s.executeUpdate(q);
        }
    }

    @Override
    ArchiveStore reopen() {
        return PostgresArchiveStore.builder().url(server.url(database)).poolSize(4).build();
    }

    private int queryInt(String sql) throws SQLException {
        return query(sql, rs -> rs.next() ? rs.getInt(1) : -1);
    }

    private String queryString(String sql) throws SQLException {
        return query(sql, rs -> rs.next() ? rs.getString(1) : "");
    }

    @Test
    void theSchemaIsRecordedAndItsKeysSortByCodePoint() throws SQLException {
        assertThat(queryInt("SELECT MAX(version) FROM schema_version"))
                .isEqualTo(StoreSchema.CURRENT);
        assertThat(queryString("SELECT collation_name FROM information_schema.columns"
                + " WHERE table_name = 'description' AND column_name = 'path'")).isEqualTo("C");
    }

    @Test
    void aStoreOnTheHostsDataSourceSeesWhatTheOtherWroteAndLeavesTheDataSourceOpen() throws SQLException {
        store.create(fonds("F1"), audit("create"));

        try (ArchiveStore onHost = PostgresArchiveStore.open(server.dataSource(database))) {
            assertThat(onHost.find(id("F1"))).isPresent();
            onHost.create(child("S1", Level.SERIES, "F1"), audit("create"));
        }

        assertThat(store.ancestors(id("S1"))).extracting(d -> d.id().value()).containsExactly("F1");
        assertThat(queryInt("SELECT COUNT(*) FROM description")).isEqualTo(2);
    }

    @Test
    void nodesStartingTogetherOnAnEmptyDatabaseMigrateItOnce() throws Exception {
        String fresh = server.createDatabase();
        int nodes = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<ArchiveStore>> opened = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                Callable<ArchiveStore> open = () -> {
                    start.await();
                    return PostgresArchiveStore.builder().url(server.url(fresh)).poolSize(2).build();
                };
                opened.add(pool.submit(open));
            }
            start.countDown();
            for (Future<ArchiveStore> f : opened) f.get().close(); // each opened without an error
        } finally {
            pool.shutdown();
        }
        String previous = database;
        database = fresh;
        try {
            List<Integer> versions = query("SELECT version FROM schema_version", rs -> {
                List<Integer> out = new ArrayList<>();
                while (rs.next()) out.add(rs.getInt(1));
                return out;
            });
            List<Integer> eachStepOnce = new ArrayList<>();
            for (int v = 1; v <= StoreSchema.CURRENT; v++) eachStepOnce.add(v);
            assertThat(versions).containsExactlyInAnyOrderElementsOf(eachStepOnce);
        } finally {
            database = previous;
        }
    }

    @Test
    void aDatabaseWithANewerSchemaIsRefused() throws SQLException {
        try (Connection c = server.dataSource(database).getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO schema_version (version) VALUES (99)");
        }

        assertThatThrownBy(() -> PostgresArchiveStore.builder().url(server.url(database)).build())
                .isInstanceOf(StorageException.class).hasMessageContaining("newer");
    }

    @Test
    void anUnreachableServerIsAStorageErrorNamingTheUrlWithoutItsQuery() {
        assertThatThrownBy(() -> PostgresArchiveStore.builder()
                .url("jdbc:postgresql://localhost:1/none?password=secret&connectTimeout=2").build())
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("jdbc:postgresql://localhost:1/none")
                .hasMessageNotContaining("secret");
    }

    @Test
    void theBuilderWantsExactlyOneOfADataSourceAndAUrl() {
        assertThatThrownBy(() -> PostgresArchiveStore.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PostgresArchiveStore.builder().url("jdbc:sqlite:x.db"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
