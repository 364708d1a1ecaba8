package org.archivekit.core.store;

import static org.archivekit.core.spi.StoreFixtures.audit;
import static org.archivekit.core.spi.StoreFixtures.child;
import static org.archivekit.core.spi.StoreFixtures.fonds;
import static org.archivekit.core.spi.StoreFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.Level;
import org.archivekit.core.spi.ArchiveStoreContract;
import org.junit.jupiter.api.Test;

/** What the SQL stores promise beyond the contract, about their materialized paths; each SQL store extends it. */
abstract class JdbcStoreBehaviour extends ArchiveStoreContract {

    /** Every stored record's {@code id → "path depth"}, read with plain SQL. */
    abstract Map<String, String> paths() throws SQLException;

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
