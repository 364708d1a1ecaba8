package org.archivekit.core.store;

import static org.archivekit.core.spi.StoreFixtures.audit;
import static org.archivekit.core.spi.StoreFixtures.child;
import static org.archivekit.core.spi.StoreFixtures.fonds;
import static org.archivekit.core.spi.StoreFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.Level;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.spi.ArchiveStoreContract;
import org.archivekit.core.spi.RecordRenderer;
import org.archivekit.core.spi.RenderedEntry;
import org.junit.jupiter.api.Test;

/** What the SQL stores promise beyond the contract, about their materialized paths; each SQL store extends it. */
abstract class JdbcStoreBehaviour extends ArchiveStoreContract {

    /** Every stored record's {@code id → "path depth"}, read with plain SQL. */
    abstract Map<String, String> paths() throws SQLException;

    /** Runs each statement on the store's database, outside the store. */
    abstract void execute(String... sql) throws SQLException;

    /** A new store on the same database as {@link #store} (closed first by the caller). */
    abstract ArchiveStore reopen();

    /** A renderer writing "id@version title", as bytes. */
    private static final RecordRenderer RENDERER = new RecordRenderer() {
        @Override
        public String format() {
            return "test-c";
        }

        @Override
        public int formatVersion() {
            return 1;
        }

        @Override
        public byte[] render(Description d) {
            return (d.id().value() + "@" + d.version() + " " + d.title().text()).getBytes(StandardCharsets.UTF_8);
        }
    };

    private List<String> renderedWalk(String root) {
        try (Stream<RenderedEntry> s = store.renderedSubtree(id(root), "test-c", 1)) {
            return s.map(e -> e.depth() + ":" + e.description().id().value() + "=" + (e.rendition() == null ? "-"
                    : new String(e.rendition(), StandardCharsets.UTF_8))).collect(Collectors.toList());
        }
    }

    /**
     * A database whose renditions are in schema step 3's table (by id, with the record version) opens with them in
     * step 4's table in document order: current ones are still handed out, stale ones are dropped (that record
     * comes whole), and the next write renders again.
     */
    @Test
    void aStepThreeDatabaseKeepsItsCurrentRenditionsInDocumentOrder() throws SQLException {
        store.registerRenderer(RENDERER);
        store.create(fonds("F1"), audit("create"));
        store.create(child("S1", Level.SERIES, "F1"), audit("create"));
        store.create(child("S2", Level.SERIES, "F1"), audit("create"));
        store.createAll(List.of(child("FL1", Level.FILE, "S2"), child("I1", Level.ITEM, "FL1"),
                child("I2", Level.ITEM, "FL1"), child("I3", Level.ITEM, "S1")).iterator(), audit("import"));
        store.update(store.find(id("S2")).orElseThrow().toBuilder().sequence(-1).build(), 1, audit("resequence"));
        List<String> before = renderedWalk("F1");
        assertThat(before).containsExactly("0:F1=F1@1 题名 F1", "1:S2=S2@2 题名 S2", "2:FL1=FL1@1 题名 FL1",
                "3:I1=I1@1 题名 I1", "3:I2=I2@1 题名 I2", "1:S1=S1@1 题名 S1", "2:I3=I3@1 题名 I3");
        store.close();
        execute("CREATE TABLE rendition AS SELECT d.id AS id, r.format AS format, r.format_version AS format_version,"
                        + " r.record_version AS record_version, r.facts AS facts, r.body AS body"
                        + " FROM tree_rendition r JOIN description d ON d.tree_key = r.tree_key",
                "UPDATE rendition SET record_version = 1 WHERE id = 'S2'", // stale: S2 is at version 2
                "DROP TABLE tree_rendition",
                "DELETE FROM schema_version WHERE version = 4");

        store = reopen();
        store.registerRenderer(RENDERER);

        List<String> after = new java.util.ArrayList<>(before);
        after.set(1, "1:S2=-");
        assertThat(renderedWalk("F1")).isEqualTo(after);
        assertThat(renderedWalk("S2")).containsExactly("0:S2=-", "1:FL1=FL1@1 题名 FL1", "2:I1=I1@1 题名 I1",
                "2:I2=I2@1 题名 I2");
        store.update(store.find(id("S2")).orElseThrow().toBuilder().titleZh("改").build(), 2, audit("edit"));
        after.set(1, "1:S2=S2@3 改");
        assertThat(renderedWalk("F1")).isEqualTo(after);
    }

    @Test
    void aMoveRewritesThePathsOfTheMovedSubtreeOnly() throws SQLException {
        store.create(fonds("F1"), audit("create"));
        store.create(child("S1", Level.SERIES, "F1"), audit("create"));
        store.create(child("S2", Level.SERIES, "F1"), audit("create"));
        store.create(child("F_1", Level.FILE, "S1"), audit("create")); // '_' is a LIKE wildcard: must be escaped
        store.create(child("FX1", Level.FILE, "S1"), audit("create"));
        store.create(child("I1", Level.ITEM, "F_1"), audit("create"));
        store.create(child("I2", Level.ITEM, "FX1"), audit("create"));

        store.update(store.find(id("F_1")).orElseThrow().toBuilder().parent(id("S2")).build(), 1, audit("move"));

        assertThat(paths()).isEqualTo(Map.of(
                "F1", "/ 0", "S1", "/F1/ 1", "S2", "/F1/ 1",
                "F_1", "/F1/S2/ 2", "I1", "/F1/S2/F_1/ 3",
                "FX1", "/F1/S1/ 2", "I2", "/F1/S1/FX1/ 3"));
        try (Stream<Description> under = store.descendants(id("S2"))) {
            assertThat(under.map(d -> d.id().value()).collect(Collectors.toList())).containsExactly("F_1", "I1");
        }
    }
}
