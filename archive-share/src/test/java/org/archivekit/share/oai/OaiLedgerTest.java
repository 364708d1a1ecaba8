package org.archivekit.share.oai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.archivekit.core.model.DescriptionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class OaiLedgerTest {
    @TempDir
    Path dir;

    private static OaiLedger.Entry entry(String id, String stamp, String set) {
        return new OaiLedger.Entry(DescriptionId.of(id), stamp, true, true, 1, set, false, null);
    }

    @Test
    void pagesByDatestampThenIdWithinSetsAndBounds() {
        try (OaiLedger l = OaiLedger.open(dir.resolve("l.db"))) {
            l.put("a", entry("B", "2025-01-01T00:00:01.000000000Z", "PKU:F1"));
            l.put("a", entry("A", "2025-01-01T00:00:01.000000000Z", "PKU:F1:S1"));
            l.put("a", entry("C", "2025-01-01T00:00:00.500000000Z", "PKU:F10"));
            l.put("b", entry("D", "2025-01-01T00:00:00.000000000Z", "PKU"));
            l.commit();

            assertThat(ids(l.page("a", null, null, null, null, null, 10))).containsExactly("C", "A", "B");
            assertThat(ids(l.page("a", "2025-01-01T00:00:01.000000000Z", "A", null, null, null, 10)))
                    .containsExactly("B");
            assertThat(ids(l.page("a", null, null, null, null, "PKU:F1", 10))).containsExactly("A", "B");
            assertThat(ids(l.page("a", null, null, "2025-01-01T00:00:01.000000000Z", null, null, 10)))
                    .containsExactly("A", "B");
            assertThat(ids(l.page("a", null, null, null, "2025-01-01T00:00:01.000000000Z", null, 10)))
                    .containsExactly("C");
        }
    }

    @Test
    void theKeysetPageReadsTheOrderIndexWithoutSorting() throws Exception {
        OaiLedger.open(dir.resolve("l.db")).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("l.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN SELECT id FROM oai_item WHERE audience = 'a'"
                        + " AND exposed = 1 AND (datestamp, id) > ('x', 'y') ORDER BY datestamp, id LIMIT 101")) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) plan.append(rs.getString(4)).append('\n');
            assertThat(plan.toString()).contains("oai_item_order").doesNotContain("TEMP B-TREE");
        }
    }

    private static List<String> ids(List<OaiLedger.Entry> entries) {
        List<String> out = new ArrayList<>();
        for (OaiLedger.Entry e : entries) out.add(e.id().value());
        return out;
    }
}
