package org.archivekit.core.spi;

import static org.archivekit.core.spi.StoreFixtures.PKU;
import static org.archivekit.core.spi.StoreFixtures.THU;
import static org.archivekit.core.spi.StoreFixtures.audit;
import static org.archivekit.core.spi.StoreFixtures.changedBy;
import static org.archivekit.core.spi.StoreFixtures.child;
import static org.archivekit.core.spi.StoreFixtures.fonds;
import static org.archivekit.core.spi.StoreFixtures.fullyPopulated;
import static org.archivekit.core.spi.StoreFixtures.id;
import static org.archivekit.core.spi.StoreFixtures.institution;
import static org.archivekit.core.spi.StoreFixtures.item;
import static org.archivekit.core.spi.StoreFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.archivekit.core.ConflictException;
import org.archivekit.core.HierarchyException;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.model.AuditEvent;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.RecordInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The behaviour every {@link ArchiveStore} must show: one test per guarantee of the interface's Javadoc.
 *
 * <p>A backend's test extends this class and implements {@link #newStore(Path)}; archive-core ships it in its
 * test-jar. Each test gets a fresh, empty store, which is closed afterwards.
 */
public abstract class ArchiveStoreContract {

    @TempDir
    protected Path dir;

    /** The store under test; fresh and empty for each test. */
    protected ArchiveStore store;

    /** A fresh, empty store keeping its files (if any) under {@code dir}, an empty temporary directory. */
    protected abstract ArchiveStore newStore(Path dir);

    @BeforeEach
    void openStore() {
        store = newStore(dir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private Description create(Description d) {
        return store.create(d, audit("create"));
    }

    private List<String> ids(List<Description> records) {
        return records.stream().map(d -> d.id().value()).collect(Collectors.toList());
    }

    private List<String> ids(Stream<Description> records) {
        try (records) {
            return records.map(d -> d.id().value()).collect(Collectors.toList());
        }
    }

    private List<AuditEvent> auditLog() {
        try (Stream<AuditEvent> log = store.auditLog(0)) {
            return log.collect(Collectors.toList());
        }
    }

    private long count(Level level) {
        try (Stream<Description> all = store.all(level)) {
            return all.count();
        }
    }

    private Description stored(String id) {
        return store.find(id(id)).orElseThrow();
    }

    /** fonds F1 > series S1 > file FL1 > item I1, and series S2 under F1. */
    private void smallTree() {
        create(fonds("F1"));
        create(child("S1", Level.SERIES, "F1"));
        create(child("S2", Level.SERIES, "F1"));
        create(child("FL1", Level.FILE, "S1"));
        create(child("I1", Level.ITEM, "FL1"));
    }

    // ---- create, find, update ------------------------------------------------------------------------------

    @Test
    void createStoresVersionOneWithTheGivenCreatorAndTimes() {
        Description created = create(fonds("F1"));

        assertThat(created.version()).isEqualTo(1);
        assertThat(created.info()).isEqualTo(
                new RecordInfo(1, "alice", StoreFixtures.CREATED, "alice", StoreFixtures.CREATED));
        assertThat(store.find(id("F1"))).contains(created);
    }

    @Test
    void findOfUnknownIdIsEmpty() {
        assertThat(store.find(id("nothing"))).isEmpty();
    }

    @Test
    void fullyPopulatedRecordComesBackEqual() {
        create(fonds("fonds-1"));
        Description full = StoreFixtures.fullyPopulated("item-1", "fonds-1");

        Description created = create(full);

        assertThat(created.toBuilder().info(full.info()).build()).isEqualTo(full);
        assertThat(stored("item-1")).isEqualTo(created);
    }

    @Test
    void createRejectsADuplicateIdAndChangesNothing() {
        Description first = create(fonds("F1"));
        int events = auditLog().size();

        assertThatThrownBy(() -> create(record("F1", Level.FONDS, null).titleZh("另一个").build()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("F1");

        assertThat(stored("F1")).isEqualTo(first);
        assertThat(auditLog()).hasSize(events);
    }

    @Test
    void updateStoresTheNextVersionKeepingTheCreation() {
        Description v1 = create(fonds("F1"));
        Instant later = Instant.parse("2024-04-01T10:00:00Z");

        Description v2 = store.update(changedBy(v1.toBuilder().titleZh("新题名").build(), "bob", later), 1,
                audit("update"));

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.title().text()).isEqualTo("新题名");
        assertThat(v2.info()).isEqualTo(new RecordInfo(2, "alice", StoreFixtures.CREATED, "bob", later));
        assertThat(stored("F1")).isEqualTo(v2);
    }

    @Test
    void updateWithAStaleVersionConflictsAndWritesNothing() {
        Description v1 = create(fonds("F1"));
        Description v2 = store.update(v1.toBuilder().titleZh("第二版").build(), 1, audit("update"));
        int events = auditLog().size();

        assertThatThrownBy(() -> store.update(v1.toBuilder().titleZh("过时的修改").build(), 1, audit("update")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("F1");

        assertThat(stored("F1")).isEqualTo(v2);
        assertThat(auditLog()).hasSize(events);
    }

    @Test
    void updateOfAnUnknownIdIsNotFound() {
        assertThatThrownBy(() -> store.update(fonds("ghost"), 1, audit("update")))
                .isInstanceOf(NotFoundException.class);
    }

    // ---- institutions --------------------------------------------------------------------------------------

    @Test
    void institutionsArePutFoundListedByCodeAndReplaced() {
        Institution thu = institution(THU, "清华大学档案馆");
        Institution pku = institution(PKU, "北京大学档案馆");
        store.putInstitution(thu);
        store.putInstitution(pku);

        assertThat(store.findInstitution(PKU)).contains(pku);
        assertThat(store.institutions()).containsExactly(thu, pku); // CN-100084-A sorts before CN-100871-A

        Institution renamed = new Institution(PKU, "北京大学档案馆（校史馆）", "Peking University Archives", null);
        store.putInstitution(renamed);

        assertThat(store.findInstitution(PKU)).contains(renamed);
        assertThat(store.institutions()).hasSize(2);
        assertThat(store.findInstitution(org.archivekit.core.model.InstitutionCode.of("none"))).isEmpty();
    }

    // ---- a valid tree --------------------------------------------------------------------------------------

    @Test
    void createRejectsAMissingParent() {
        create(fonds("F1"));

        assertThatThrownBy(() -> create(child("S1", Level.SERIES, "nowhere")))
                .isInstanceOf(HierarchyException.class).hasMessageContaining("nowhere");
        assertThat(store.find(id("S1"))).isEmpty();
    }

    @Test
    void createRejectsAParentOfAnotherInstitution() {
        create(fonds("F1"));

        assertThatThrownBy(() -> create(record("S1", Level.SERIES, "F1").institution(THU).build()))
                .isInstanceOf(HierarchyException.class);
        assertThat(store.find(id("S1"))).isEmpty();
    }

    @ParameterizedTest(name = "{1} under {0}")
    @CsvSource({"ITEM, FILE", "FILE, SERIES", "SERIES, SUBFONDS", "ITEM, SUBSERIES", "SUBSERIES, SERIES"})
    void createRejectsALevelInversion(Level parentLevel, Level childLevel) {
        create(fonds("F1"));
        create(child("P", parentLevel, "F1"));

        assertThatThrownBy(() -> create(child("C", childLevel, "P"))).isInstanceOf(HierarchyException.class)
                .hasMessageContaining("level inversion");
        assertThat(store.countChildren(id("P"))).isZero();
    }

    @ParameterizedTest(name = "{1} under {0}")
    @CsvSource({"FILE, FILE", "SERIES, SERIES", "SERIES, ITEM", "SUBFONDS, FILE"})
    void createAcceptsEqualOrLowerLevels(Level parentLevel, Level childLevel) {
        create(fonds("F1"));
        create(child("P", parentLevel, "F1"));

        create(child("C", childLevel, "P"));

        assertThat(store.countChildren(id("P"))).isOne();
    }

    @Test
    void moveThatWouldMakeACycleIsRejected() {
        smallTree();
        Description s1 = stored("S1");

        assertThatThrownBy(() -> store.update(s1.toBuilder().parent(id("FL1")).level(Level.FILE).build(), 1,
                audit("move"))).isInstanceOf(HierarchyException.class).hasMessageContaining("cycle");
        assertThatThrownBy(() -> store.update(s1.toBuilder().parent(id("I1")).level(Level.ITEM).build(), 1,
                audit("move"))).isInstanceOf(HierarchyException.class);

        assertThat(stored("S1")).isEqualTo(s1);
        assertThat(ids(store.ancestors(id("I1")))).containsExactly("F1", "S1", "FL1");
    }

    @Test
    void moveUnderAParentOfAnotherInstitutionIsRejected() {
        smallTree();
        create(record("T1", Level.FONDS, null).institution(THU).build());

        assertThatThrownBy(() -> store.update(stored("FL1").toBuilder().parent(id("T1")).build(), 1, audit("move")))
                .isInstanceOf(HierarchyException.class);
        assertThat(stored("FL1").parent()).isEqualTo(id("S1"));
    }

    @Test
    void levelChangeThatPutsAChildAboveItsParentIsRejected() {
        smallTree();
        Description s1 = stored("S1");
        Description fl1 = stored("FL1");

        // S1 holds the file FL1: as an item it would be below its child
        assertThatThrownBy(() -> store.update(s1.toBuilder().level(Level.ITEM).build(), 1, audit("update")))
                .isInstanceOf(HierarchyException.class).hasMessageContaining("FL1");
        // FL1 sits in the series S1: as a sub-fonds it would be above its parent
        assertThatThrownBy(() -> store.update(fl1.toBuilder().level(Level.SUBFONDS).build(), 1, audit("update")))
                .isInstanceOf(HierarchyException.class);
        assertThat(stored("S1")).isEqualTo(s1);
        assertThat(stored("FL1")).isEqualTo(fl1);

        Description sub = store.update(stored("S1").toBuilder().level(Level.SUBSERIES).build(), 1, audit("update"));
        assertThat(sub.level()).isEqualTo(Level.SUBSERIES);
    }

    @Test
    void institutionOfARecordWithChildrenCannotChange() {
        smallTree();

        assertThatThrownBy(() -> store.update(stored("F1").toBuilder().institution(THU).build(), 1, audit("update")))
                .isInstanceOf(HierarchyException.class);
        assertThat(stored("F1").institution()).isEqualTo(PKU);
    }

    // ---- sibling order and navigation ----------------------------------------------------------------------

    private void unorderedChildren() {
        create(fonds("F1"));
        create(child("FL", Level.FILE, "F1"));
        create(item("c-seq2", "FL", "A-1", 2));
        create(item("c-none-x", "FL", null, 1));
        create(item("c-10", "FL", "A-10", 1));
        create(item("c-none-w", "FL", null, 1));
        create(item("c-9", "FL", "A-9", 1));
        create(item("c-seq0", "FL", "Z-1", 0));
        create(item("b-9", "FL", "A-9", 1));
    }

    @Test
    void childrenComeInSequenceThenNaturalReferenceCodeOrderThenId() {
        unorderedChildren();

        assertThat(ids(store.children(id("FL"), null, 100)))
                .containsExactly("c-seq0", "b-9", "c-9", "c-10", "c-none-w", "c-none-x", "c-seq2");
    }

    @Test
    void childrenArePagedByKeysetAfterAChild() {
        unorderedChildren();

        assertThat(ids(store.children(id("FL"), null, 3))).containsExactly("c-seq0", "b-9", "c-9");
        assertThat(ids(store.children(id("FL"), id("c-9"), 3))).containsExactly("c-10", "c-none-w", "c-none-x");
        assertThat(ids(store.children(id("FL"), id("c-none-x"), 3))).containsExactly("c-seq2");
        assertThat(store.children(id("FL"), id("c-seq2"), 3)).isEmpty();
    }

    @Test
    void pagingThroughManyChildrenVisitsEachOnceInOrder() {
        create(fonds("F1"));
        for (int i = 1; i <= 45; i++) create(item("i" + i, "F1", "F1-" + i, i % 3));
        List<String> whole = ids(store.children(id("F1"), null, 1000));

        List<String> paged = new ArrayList<>();
        DescriptionId after = null;
        while (true) {
            List<Description> page = store.children(id("F1"), after, 10);
            if (page.isEmpty()) break;
            paged.addAll(ids(page));
            after = page.get(page.size() - 1).id();
        }

        assertThat(paged).isEqualTo(whole).hasSize(45).doesNotHaveDuplicates();
        assertThat(whole.subList(0, 3)).containsExactly("i3", "i6", "i9"); // sequence 0, then F1-3 < F1-6 < F1-9
    }

    @Test
    void countChildrenCountsDirectChildrenOnly() {
        smallTree();

        assertThat(store.countChildren(id("F1"))).isEqualTo(2);
        assertThat(store.countChildren(id("S1"))).isEqualTo(1);
        assertThat(store.countChildren(id("I1"))).isZero();
        assertThat(store.countChildren(id("unknown"))).isZero();
    }

    @Test
    void rootsAreTheFondsOfOneInstitutionInSiblingOrder() {
        create(record("F2", Level.FONDS, null).sequence(1).build());
        create(record("F1", Level.FONDS, null).sequence(2).build());
        create(record("F0", Level.FONDS, null).sequence(1).referenceCode(
                org.archivekit.core.model.ReferenceCode.of("Z10")).build());
        create(record("T1", Level.FONDS, null).institution(THU).build());
        create(child("S1", Level.SERIES, "F1"));

        assertThat(ids(store.roots(PKU))).containsExactly("F0", "F2", "F1");
        assertThat(ids(store.roots(THU))).containsExactly("T1");
    }

    @Test
    void ancestorsComeRootFirst() {
        smallTree();

        assertThat(ids(store.ancestors(id("I1")))).containsExactly("F1", "S1", "FL1");
        assertThat(ids(store.ancestors(id("S2")))).containsExactly("F1");
        assertThat(store.ancestors(id("F1"))).isEmpty();
    }

    @Test
    void descendantsComeParentsBeforeChildren() {
        smallTree();
        create(child("FL2", Level.FILE, "S2"));
        create(child("I2", Level.ITEM, "FL2"));
        create(child("I3", Level.ITEM, "FL1"));

        List<Description> all;
        try (Stream<Description> s = store.descendants(id("F1"))) {
            all = s.collect(Collectors.toList());
        }

        assertThat(ids(all)).containsExactlyInAnyOrder("S1", "S2", "FL1", "FL2", "I1", "I2", "I3");
        Set<DescriptionId> seen = new HashSet<>(Set.of(id("F1")));
        for (Description d : all) {
            assertThat(seen).as("parent of %s seen before it", d.id()).contains(d.parent());
            seen.add(d.id());
        }
        assertThat(ids(store.descendants(id("S1")))).containsExactlyInAnyOrder("FL1", "I1", "I3");
        assertThat(ids(store.descendants(id("I1")))).isEmpty();
    }

    private List<String> walk(DescriptionId root) {
        try (Stream<TreeEntry> s = store.subtree(root)) {
            return s.map(e -> e.depth() + ":" + e.description().id().value()).collect(Collectors.toList());
        }
    }

    /** The pre-order walk built from {@code children} alone, one page at a time. */
    private void expectedWalk(DescriptionId id, int depth, List<String> out) {
        out.add(depth + ":" + id.value());
        DescriptionId after = null;
        while (true) {
            List<Description> page = store.children(id, after, 7);
            for (Description d : page) expectedWalk(d.id(), depth + 1, out);
            if (page.size() < 7) return;
            after = page.get(page.size() - 1).id();
        }
    }

    @Test
    void subtreeComesInPreOrderWithSiblingOrderAndDepths() {
        smallTree();
        create(child("FL2", Level.FILE, "S2"));
        create(item("I-b", "FL1", "A-10", 1));
        create(item("I-a", "FL1", "A-9", 1));
        create(item("I-0", "FL1", null, 0)); // sequence 0 and no code, like I1: "I-0" < "I1" by id
        create(item("I-z", "FL1", null, 1));
        create(record("S0", Level.SERIES, "F1").sequence(-1).build());

        assertThat(walk(id("F1"))).containsExactly("0:F1", "1:S0", "1:S1", "2:FL1", "3:I-0", "3:I1", "3:I-a",
                "3:I-b", "3:I-z", "1:S2", "2:FL2");
        assertThat(walk(id("FL1"))).containsExactly("0:FL1", "1:I-0", "1:I1", "1:I-a", "1:I-b", "1:I-z");
        assertThat(walk(id("I1"))).containsExactly("0:I1");
        assertThat(walk(id("unknown"))).isEmpty();
        try (Stream<TreeEntry> s = store.subtree(id("S1"))) {
            assertThat(s.map(TreeEntry::description).findFirst().orElseThrow()).isEqualTo(stored("S1"));
        }
    }

    @Test
    void subtreeOfAWideAndDeepTreeMatchesAWalkOfChildren() {
        List<Description> batch = new ArrayList<>();
        batch.add(fonds("F1"));
        for (int s = 0; s < 3; s++) {
            batch.add(record("S" + s, Level.SERIES, "F1").sequence(2 - s).build());
            for (int f = 0; f < 40; f++) {
                String file = "S" + s + "-f" + f;
                batch.add(record(file, Level.FILE, "S" + s).sequence(f % 4)
                        .referenceCode(org.archivekit.core.model.ReferenceCode.of("X-" + (40 - f))).build());
                for (int i = 0; i < 12; i++) batch.add(item(file + "-i" + i, file, i % 5 == 0 ? null : "Y-" + i, 0));
            }
        }
        store.createAll(batch.iterator(), audit("import"));
        List<String> expected = new ArrayList<>();
        expectedWalk(id("F1"), 0, expected);

        List<String> walked = walk(id("F1"));

        assertThat(walked).hasSize(batch.size()).isEqualTo(expected);
        // the interface's default (paging through children, as third-party stores inherit it) agrees
        assertThat(java.util.stream.StreamSupport.stream(new PreOrderWalk(store, stored("F1")), false)
                .map(e -> e.depth() + ":" + e.description().id().value())).containsExactlyElementsOf(expected);
        assertThat(walked.subList(0, 3)).containsExactly("0:F1", "1:S2", "2:S2-f36"); // sequence 0, X-4
    }

    @Test
    void subtreeFollowsAMoveWithNewDepths() {
        smallTree();
        create(child("S1b", Level.SERIES, "S1"));

        store.update(stored("FL1").toBuilder().parent(id("S2")).build(), 1, audit("move"));
        assertThat(walk(id("F1"))).containsExactly("0:F1", "1:S1", "2:S1b", "1:S2", "2:FL1", "3:I1");

        store.update(stored("FL1").toBuilder().parent(id("F1")).sequence(-5).build(), 2, audit("move"));
        assertThat(walk(id("F1"))).containsExactly("0:F1", "1:FL1", "2:I1", "1:S1", "2:S1b", "1:S2");
        assertThat(walk(id("S2"))).containsExactly("0:S2");
    }

    @Test
    void subtreeFollowsResequencingAndNewReferenceCodesOfRecordsWithChildren() {
        smallTree();
        create(child("FL2", Level.FILE, "S1"));
        create(child("I2", Level.ITEM, "FL2"));
        create(child("S1x", Level.SUBSERIES, "S1"));
        create(child("FL3", Level.FILE, "S1x"));

        // S1 (with a subtree three levels deep) goes after S2; FL1 gains a code and falls behind FL2's
        store.update(stored("S1").toBuilder().sequence(5).build(), 1, audit("resequence"));
        store.update(stored("FL2").toBuilder().referenceCode(org.archivekit.core.model.ReferenceCode.of("A-2"))
                .build(), 1, audit("recode"));
        store.update(stored("FL1").toBuilder().referenceCode(org.archivekit.core.model.ReferenceCode.of("A-10"))
                .build(), 1, audit("recode"));

        List<String> expected = new ArrayList<>();
        expectedWalk(id("F1"), 0, expected);
        assertThat(walk(id("F1"))).isEqualTo(expected).containsExactly("0:F1", "1:S2", "1:S1", "2:FL2", "3:I2",
                "2:FL1", "3:I1", "2:S1x", "3:FL3");
        assertThat(walk(id("S1"))).containsExactly("0:S1", "1:FL2", "2:I2", "1:FL1", "2:I1", "1:S1x", "2:FL3");

        // and back to the front, below a new parent one level deeper
        store.update(stored("FL1").toBuilder().parent(id("S1x")).sequence(-3).build(), 2, audit("move"));
        expected.clear();
        expectedWalk(id("F1"), 0, expected);
        assertThat(walk(id("F1"))).isEqualTo(expected).containsExactly("0:F1", "1:S2", "1:S1", "2:FL2", "3:I2",
                "2:S1x", "3:FL1", "4:I1", "3:FL3");
    }

    @Test
    void subtreeOrdersChineseAndMixedReferenceCodesAsChildrenDoes() {
        create(fonds("F1"));
        String[] codes = {"档案-10", "档案-9", "檔案-1", "A-1", "a-1", "Z", "档案-9-1", "𠀀-1", "ｆ-1", "档案"};
        for (int i = 0; i < codes.length; i++) {
            create(record("C" + i, Level.SERIES, "F1")
                    .referenceCode(org.archivekit.core.model.ReferenceCode.of(codes[i])).build());
            create(item("C" + i + "-i", "C" + i, "卷" + (codes.length - i), 0));
        }
        create(child("N1", Level.SERIES, "F1")); // no code: after every coded sibling
        create(record("N0", Level.SERIES, "F1").sequence(-1).build());

        List<String> expected = new ArrayList<>();
        expectedWalk(id("F1"), 0, expected);

        assertThat(walk(id("F1"))).hasSize(codes.length * 2 + 3).isEqualTo(expected);
        assertThat(walk(id("F1")).subList(0, 2)).containsExactly("0:F1", "1:N0");
        assertThat(walk(id("F1"))).endsWith("1:N1");
    }

    // ---- renditions ----------------------------------------------------------------------------------------

    /** Renders "id@version" in format {@code test-c}, version {@code formatVersion}; fails for ids in {@code bad}. */
    private static RecordRenderer renderer(int formatVersion, Set<String> bad) {
        return new RecordRenderer() {
            @Override
            public String format() {
                return "test-c";
            }

            @Override
            public int formatVersion() {
                return formatVersion;
            }

            @Override
            public byte[] render(Description record) {
                if (bad.contains(record.id().value()) || bad.contains(record.title().text())) {
                    throw new IllegalStateException("cannot render");
                }
                return (record.id().value() + "@" + record.version() + " " + record.title().text())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        };
    }

    private List<String> renderedWalk(DescriptionId root, int formatVersion) {
        try (Stream<RenderedEntry> s = store.renderedSubtree(root, "test-c", formatVersion)) {
            return s.map(e -> e.depth() + ":" + e.description().id().value() + "="
                    + (e.rendition() == null ? "-" : new String(e.rendition(), java.nio.charset.StandardCharsets.UTF_8)))
                    .collect(Collectors.toList());
        }
    }

    @Test
    void renditionsAreKeptForEveryWriteAndHandedOutInDocumentOrderWhileCurrent() {
        create(fonds("F0")); // written before the renderer: no rendition, the whole record instead
        store.registerRenderer(renderer(1, Set.of("bad")));
        create(fonds("F1"));
        create(child("S1", Level.SERIES, "F1"));
        store.createAll(List.of(child("FL1", Level.FILE, "S1"), item("I2", "FL1", "B-2", 0),
                item("I1", "FL1", "B-1", 0), child("bad", Level.ITEM, "FL1")).iterator(), audit("import"));
        store.update(stored("S1").toBuilder().titleZh("新题名").build(), 1, audit("edit"));

        assertThat(renderedWalk(id("F1"), 1)).containsExactly("0:F1=F1@1 题名 F1", "1:S1=S1@2 新题名",
                "2:FL1=FL1@1 题名 FL1", "3:I1=I1@1 题名 I1", "3:I2=I2@1 题名 I2", "3:bad=-");
        assertThat(renderedWalk(id("F0"), 1)).containsExactly("0:F0=-");
        // another format version: no rendition is current, every record comes whole
        assertThat(renderedWalk(id("F1"), 2)).allMatch(s -> s.endsWith("=-")).hasSize(6);
        assertThat(renderedWalk(id("unknown"), 1)).isEmpty();
        // same order and depths as subtree
        assertThat(renderedWalk(id("F1"), 1)).extracting(s -> s.substring(0, s.indexOf('=')))
                .isEqualTo(walk(id("F1")));
        try (Stream<RenderedEntry> s = store.renderedSubtree(id("F1"), "other", 1)) {
            assertThat(s.allMatch(e -> e.rendition() == null)).isTrue();
        }
    }

    @Test
    void renditionsFollowMovesAndResequencingWithTheirSubtreesAndAFailedRenderDropsTheOldOne() {
        store.registerRenderer(renderer(1, Set.of("bad")));
        create(fonds("F1"));
        create(child("S1", Level.SERIES, "F1"));
        create(child("S2", Level.SERIES, "F1"));
        store.createAll(List.of(child("FL1", Level.FILE, "S1"), item("I1", "FL1", "卷-1", 0),
                item("I2", "FL1", "卷-2", 0), child("FL2", Level.FILE, "S2")).iterator(), audit("import"));

        // FL1 and its items move down under FL2: new keys, one level deeper
        store.update(stored("FL1").toBuilder().parent(id("FL2")).build(), 1, audit("move"));
        assertThat(renderedWalk(id("F1"), 1)).containsExactly("0:F1=F1@1 题名 F1", "1:S1=S1@1 题名 S1",
                "1:S2=S2@1 题名 S2", "2:FL2=FL2@1 题名 FL2", "3:FL1=FL1@2 题名 FL1", "4:I1=I1@1 题名 I1",
                "4:I2=I2@1 题名 I2");
        // S2 goes before S1 (its subtree's keys change), then I1 after I2 (a new reference code)
        store.update(stored("S2").toBuilder().sequence(-5).build(), 1, audit("resequence"));
        store.update(stored("I1").toBuilder().referenceCode(org.archivekit.core.model.ReferenceCode.of("卷-3"))
                .build(), 1, audit("recode"));
        assertThat(renderedWalk(id("F1"), 1)).containsExactly("0:F1=F1@1 题名 F1", "1:S2=S2@2 题名 S2",
                "2:FL2=FL2@1 题名 FL2", "3:FL1=FL1@2 题名 FL1", "4:I2=I2@1 题名 I2", "4:I1=I1@2 题名 I1",
                "1:S1=S1@1 题名 S1");
        assertThat(renderedWalk(id("F1"), 1)).extracting(x -> x.substring(0, x.indexOf('=')))
                .isEqualTo(walk(id("F1")));
        assertThat(renderedWalk(id("FL1"), 1)).containsExactly("0:FL1=FL1@2 题名 FL1", "1:I2=I2@1 题名 I2",
                "1:I1=I1@2 题名 I1");
        // back up under S1: one level up again
        store.update(stored("FL1").toBuilder().parent(id("S1")).build(), 2, audit("move"));
        assertThat(renderedWalk(id("S1"), 1)).containsExactly("0:S1=S1@1 题名 S1", "1:FL1=FL1@3 题名 FL1",
                "2:I2=I2@1 题名 I2", "2:I1=I1@2 题名 I1");

        // a record whose renderer now fails keeps no rendition of its older version
        store.update(stored("I2").toBuilder().titleZh("bad").build(), 1, audit("edit"));
        assertThat(renderedWalk(id("S1"), 1)).containsExactly("0:S1=S1@1 题名 S1", "1:FL1=FL1@3 题名 FL1",
                "2:I2=-", "2:I1=I1@2 题名 I1");
    }

    @Test
    void aRenditionsEntryCarriesTheAccessFactsAndAWholeRecordWhenItHasNone() {
        store.registerRenderer(renderer(1, Set.of("I2")));
        create(fonds("F1"));
        Description restricted = create(record("I1", Level.ITEM, "F1")
                .access(org.archivekit.core.model.Access.of(org.archivekit.core.model.AccessLevel.RESTRICTED)
                        .withEmbargoUntil(Instant.parse("2030-01-01T00:00:00Z")))
                .status(org.archivekit.core.model.LifecycleStatus.DRAFT)
                .dates(List.of(org.archivekit.core.model.ArchivalDate.parse("1950-1960"),
                        org.archivekit.core.model.ArchivalDate.parse("1949")))
                .scopeAndContent("不应出现在事实中").sequence(3).build());
        Description whole = create(fullyPopulated("I2", "F1"));

        List<RenderedEntry> entries;
        try (Stream<RenderedEntry> s = store.renderedSubtree(id("F1"), "test-c", 1)) {
            entries = s.collect(Collectors.toList());
        }

        assertThat(entries).hasSize(3);
        RenderedEntry e = entries.stream().filter(x -> x.description().id().equals(id("I1"))).findFirst()
                .orElseThrow();
        assertThat(e.rendition()).isNotNull();
        Description facts = e.description();
        assertThat(facts.access()).isEqualTo(restricted.access());
        assertThat(facts.status()).isEqualTo(restricted.status());
        assertThat(facts.level()).isEqualTo(Level.ITEM);
        assertThat(facts.institution()).isEqualTo(restricted.institution());
        assertThat(facts.parent()).isEqualTo(id("F1"));
        assertThat(facts.version()).isEqualTo(1);
        assertThat(facts.dateHull()).isEqualTo(restricted.dateHull());
        RenderedEntry failed = entries.stream().filter(x -> x.description().id().equals(id("I2"))).findFirst()
                .orElseThrow();
        assertThat(failed.rendition()).isNull();
        assertThat(failed.description()).isEqualTo(whole);
    }

    @Test
    void aMovedSubtreeHasItsNewAncestorsAndDescendants() {
        smallTree();
        create(child("I0", Level.ITEM, "FL1"));
        create(child("S1b", Level.SERIES, "S1"));

        store.update(stored("FL1").toBuilder().parent(id("S2")).build(), 1, audit("move"));

        assertThat(ids(store.ancestors(id("I1")))).containsExactly("F1", "S2", "FL1");
        assertThat(ids(store.descendants(id("S1")))).containsExactly("S1b");
        assertThat(ids(store.descendants(id("S2")))).containsExactly("FL1", "I0", "I1");
        assertThat(ids(store.children(id("S1"), null, 10))).containsExactly("S1b");

        // up one level: the depth changes too
        store.update(stored("FL1").toBuilder().parent(id("F1")).build(), 2, audit("move"));

        assertThat(ids(store.ancestors(id("I0")))).containsExactly("F1", "FL1");
        assertThat(ids(store.descendants(id("F1")))).containsExactly("FL1", "S1", "S2", "I0", "I1", "S1b");
        assertThat(ids(store.descendants(id("S2")))).isEmpty();
    }

    @Test
    void allFiltersByLevelInIdOrderAndCountByLevelCountsEach() {
        smallTree();
        create(child("I0", Level.ITEM, "FL1"));

        assertThat(ids(store.all(null))).containsExactly("F1", "FL1", "I0", "I1", "S1", "S2");
        assertThat(ids(store.all(Level.ITEM))).containsExactly("I0", "I1");
        assertThat(count(Level.SUBFONDS)).isZero();
        assertThat(store.countByLevel()).isEqualTo(Map.of(Level.FONDS, 1L, Level.SERIES, 2L, Level.FILE, 1L,
                Level.ITEM, 2L));
    }

    @Test
    void allOfReadsTheGivenLevelsEachOnceInIdOrderWithinALevel() {
        smallTree();
        create(child("I0", Level.ITEM, "FL1"));
        // the store's own reading and the interface's default (level by level) give the same records
        ArchiveStore byDefault = (ArchiveStore) java.lang.reflect.Proxy.newProxyInstance(
                ArchiveStore.class.getClassLoader(), new Class<?>[] {ArchiveStore.class}, (proxy, method, args) ->
                        method.getName().equals("allOf")
                                ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args)
                                : method.invoke(store, args));
        for (ArchiveStore s : List.of(store, byDefault)) {
            List<Description> above;
            try (Stream<Description> all = s.allOf(java.util.EnumSet.complementOf(java.util.EnumSet.of(
                    Level.ITEM)))) {
                above = all.toList();
            }
            assertThat(above.stream().map(d -> d.id().value())).containsExactlyInAnyOrder("F1", "FL1", "S1", "S2");
            assertThat(above.stream().filter(d -> d.level() == Level.SERIES).map(d -> d.id().value()))
                    .containsExactly("S1", "S2");
            assertThat(above).contains(stored("S1"), stored("FL1"));
            assertThat(ids(s.allOf(Set.of(Level.ITEM, Level.SUBFONDS)))).containsExactly("I0", "I1");
            assertThat(ids(s.allOf(Set.of()))).isEmpty();
            assertThat(ids(s.allOf(java.util.EnumSet.allOf(Level.class)))).containsExactlyInAnyOrder("F1", "FL1",
                    "I0", "I1", "S1", "S2");
        }
        assertThatThrownBy(() -> store.allOf(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void countByLevelOfAnEmptyStoreIsEmpty() {
        assertThat(store.countByLevel()).isEmpty();
    }

    // ---- createAll -----------------------------------------------------------------------------------------

    /** A lazily generated batch of {@code n} items under {@code parent}; the {@code bad}-th (1-based) is broken. */
    private static Iterator<Description> items(String parent, int n, int bad, String badParent) {
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Description next() {
                if (!hasNext()) throw new NoSuchElementException();
                i++;
                return item("it-" + i, i == bad ? badParent : parent, "F1-" + i, 0);
            }
        };
    }

    @Test
    void createAllStoresEveryRecordAndAppendsOneEvent() {
        create(fonds("F1"));
        int events = auditLog().size();

        long n = store.createAll(items("F1", 2500, -1, ""), audit("import"));

        assertThat(n).isEqualTo(2500);
        assertThat(store.countChildren(id("F1"))).isEqualTo(2500);
        assertThat(stored("it-2500").version()).isEqualTo(1);
        assertThat(auditLog()).hasSize(events + 1);
        assertThat(auditLog().get(events).action()).isEqualTo("import");
    }

    @Test
    void createAllIsAtomicWhenARecordHasABadParent() {
        create(fonds("F1"));
        int events = auditLog().size();

        assertThatThrownBy(() -> store.createAll(items("F1", 1200, 500, "missing"), audit("import")))
                .isInstanceOf(HierarchyException.class).hasMessageContaining("missing");

        assertThat(store.countChildren(id("F1"))).isZero();
        assertThat(store.find(id("it-1"))).isEmpty();
        assertThat(count(null)).isEqualTo(1);
        assertThat(auditLog()).hasSize(events);
    }

    @Test
    void createAllIsAtomicWhenARecordIsADuplicate() {
        create(fonds("F1"));
        create(item("it-700", "F1", null, 0));

        assertThatThrownBy(() -> store.createAll(items("F1", 1500, -1, ""), audit("import")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("it-700");

        assertThat(store.countChildren(id("F1"))).isOne();
    }

    @Test
    void createAllRejectsADuplicateWithinTheBatch() {
        create(fonds("F1"));
        List<Description> batch = List.of(item("a", "F1", null, 0), item("b", "F1", null, 0),
                item("a", "F1", null, 1));

        assertThatThrownBy(() -> store.createAll(batch.iterator(), audit("import")))
                .isInstanceOf(ConflictException.class);
        assertThat(store.countChildren(id("F1"))).isZero();
    }

    @Test
    void createAllIsAtomicWhenTheIteratorFails() {
        create(fonds("F1"));
        Iterator<Description> inner = items("F1", 3000, -1, "");
        Iterator<Description> failing = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public Description next() {
                if (++i == 2100) throw new IllegalStateException("source failed");
                return inner.next();
            }
        };

        assertThatThrownBy(() -> store.createAll(failing, audit("import"))).hasMessageContaining("source failed");
        assertThat(store.countChildren(id("F1"))).isZero();
    }

    @Test
    void createAllAcceptsParentsEarlierInTheSameBatch() {
        List<Description> batch = new ArrayList<>();
        batch.add(fonds("F1"));
        for (int s = 1; s <= 3; s++) {
            batch.add(child("S" + s, Level.SERIES, "F1"));
            for (int f = 1; f <= 30; f++) {
                batch.add(child("S" + s + "-FL" + f, Level.FILE, "S" + s));
                for (int i = 1; i <= 15; i++) batch.add(child("S" + s + "-FL" + f + "-I" + i, Level.ITEM, "S" + s + "-FL" + f));
            }
        }

        long n = store.createAll(batch.iterator(), audit("import"));

        assertThat(n).isEqualTo(1 + 3 * (1 + 30 * 16));
        assertThat(ids(store.ancestors(id("S3-FL30-I15")))).containsExactly("F1", "S3", "S3-FL30");
        assertThat(ids(store.descendants(id("S2")))).hasSize(30 * 16);
        assertThat(store.countByLevel()).containsEntry(Level.ITEM, 3L * 30 * 15);
    }

    @Test
    void createAllChecksTheHierarchyWithinTheBatch() {
        List<Description> batch = List.of(fonds("F1"), child("I1", Level.ITEM, "F1"), child("FL1", Level.FILE, "I1"));

        assertThatThrownBy(() -> store.createAll(batch.iterator(), audit("import")))
                .isInstanceOf(HierarchyException.class);
        assertThat(count(null)).isZero();
    }

    // ---- audit ---------------------------------------------------------------------------------------------

    @Test
    void eachWriteAppendsExactlyOneEventWithItsVersions() {
        Description f1 = create(fonds("F1"));
        store.update(f1.toBuilder().titleZh("改").build(), 1, audit("update"));
        store.update(stored("F1").toBuilder().titleZh("再改").build(), 2, audit("update"));

        List<AuditEvent> log = auditLog();

        assertThat(log).extracting(AuditEvent::action).containsExactly("create", "update", "update");
        assertThat(log).extracting(AuditEvent::target).containsOnly(id("F1"));
        assertThat(log).extracting(AuditEvent::oldVersion).containsExactly(0L, 1L, 2L);
        assertThat(log).extracting(AuditEvent::newVersion).containsExactly(1L, 2L, 3L);
        assertThat(log).extracting(AuditEvent::actor).containsOnly("tester");
    }

    @Test
    void appendAuditNumbersEventsInIncreasingOrderAndTheLogReadsFromASequence() {
        create(fonds("F1"));
        AuditEvent denial = new AuditEvent(0, Instant.parse("2024-06-01T12:00:00.5Z"), "anonymous", "deny",
                id("F1"), 0, 0, "访问受限");

        AuditEvent first = store.appendAudit(denial);
        AuditEvent second = store.appendAudit(denial);
        AuditEvent third = store.appendAudit(audit("read"));

        assertThat(first.sequence()).isPositive();
        assertThat(second.sequence()).isGreaterThan(first.sequence());
        assertThat(third.sequence()).isGreaterThan(second.sequence());
        assertThat(first).isEqualTo(denial.withSequence(first.sequence()));
        try (Stream<AuditEvent> log = store.auditLog(second.sequence())) {
            assertThat(log.collect(Collectors.toList())).containsExactly(second, third);
        }
        assertThat(auditLog()).extracting(AuditEvent::sequence).isSorted().doesNotHaveDuplicates().hasSize(4);
    }

    // ---- streams and resources -----------------------------------------------------------------------------

    @Test
    void closingStreamsReleasesTheirResources() {
        smallTree();

        for (int i = 0; i < 300; i++) {
            try (Stream<Description> all = store.all(null);
                    Stream<Description> below = store.descendants(id("F1"));
                    Stream<TreeEntry> tree = store.subtree(id("F1"));
                    Stream<AuditEvent> log = store.auditLog(0)) {
                assertThat(all.findFirst()).isPresent();
                assertThat(tree.iterator().next().depth()).isZero();
                assertThat(below.iterator().next()).isNotNull();
                assertThat(log.iterator().hasNext()).isTrue();
            }
        }

        assertThat(stored("I1").version()).isOne();
        create(child("I2", Level.ITEM, "FL1"));
        assertThat(store.countChildren(id("FL1"))).isEqualTo(2);
    }

    @Test
    void writesProceedWhileAStreamIsOpen() {
        smallTree();

        try (Stream<Description> all = store.all(null)) {
            Iterator<Description> it = all.iterator();
            it.next();
            store.update(stored("S2").toBuilder().titleZh("读时写").build(), 1, audit("update"));
            create(child("I9", Level.ITEM, "FL1"));
            while (it.hasNext()) it.next();
        }

        assertThat(stored("S2").version()).isEqualTo(2);
    }

    @Test
    void closeIsIdempotent() {
        create(fonds("F1"));

        store.close();
        store.close();
    }

    // ---- concurrency ---------------------------------------------------------------------------------------

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentReadModifyWriteLosesNoUpdate() throws Exception {
        create(record("F1", Level.FONDS, null).customField("counter", "0").build());
        int threads = 16;
        int increments = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> conflicts = IntStream.range(0, threads).mapToObj(t -> pool.submit(() -> {
                int retries = 0;
                for (int i = 0; i < increments; i++) {
                    while (true) {
                        Description d = stored("F1");
                        int next = Integer.parseInt(d.customFields().get("counter")) + 1;
                        try {
                            store.update(d.toBuilder().customField("counter", Integer.toString(next)).build(),
                                    d.version(), audit("increment"));
                            break;
                        } catch (ConflictException e) {
                            retries++;
                        }
                    }
                }
                return retries;
            })).collect(Collectors.toList());
            for (Future<Integer> f : conflicts) f.get(110, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        Description last = stored("F1");
        assertThat(last.customFields()).containsEntry("counter", Integer.toString(threads * increments));
        assertThat(last.version()).isEqualTo(threads * increments + 1L);
        assertThat(auditLog()).filteredOn(e -> e.action().equals("increment")).hasSize(threads * increments);
    }

    // ---- change order (OAI-PMH keyset paging) ---------------------------------------------------------------

    private Description createAt(Description d, Instant at) {
        return store.create(d.toBuilder().info(new RecordInfo(0, "alice", at, "alice", at)).build(), audit("create"));
    }

    @Test
    void changesComeInUpdateOrderThenIdAcrossFractionalSeconds() {
        // whole seconds and fractions mixed: the text of Instant.toString() would sort 10:00:00.5Z before 10:00:00Z
        createAt(fonds("F2"), Instant.parse("2024-05-01T10:00:00.5Z"));
        createAt(fonds("F1"), Instant.parse("2024-05-01T10:00:00Z"));
        createAt(fonds("F3"), Instant.parse("2024-05-01T10:00:00Z"));
        createAt(fonds("F0"), Instant.parse("2024-05-01T10:00:01Z"));
        createAt(fonds("F4"), Instant.parse("2024-05-01T09:59:59.999999999Z"));

        assertThat(ids(store.changes(null, null, 100))).containsExactly("F4", "F1", "F3", "F2", "F0");
    }

    @Test
    void changesPageByKeysetWithoutSkippingOrRepeating() {
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        for (int i = 0; i < 7; i++) createAt(fonds("F" + i), t.plusMillis(i % 3 * 250));
        List<String> expected = ids(store.changes(null, null, 100));
        List<String> paged = new java.util.ArrayList<>();
        Description last = null;
        while (true) {
            List<Description> page = last == null ? store.changes(null, null, 3)
                    : store.changes(last.info().updatedAt(), last.id(), 3);
            if (page.isEmpty()) break;
            paged.addAll(ids(page));
            last = page.get(page.size() - 1);
        }

        assertThat(expected).hasSize(7);
        assertThat(paged).isEqualTo(expected);
    }

    @Test
    void changesSinceAnInstantIncludeThatInstant() {
        createAt(fonds("F1"), Instant.parse("2024-05-01T10:00:00Z"));
        createAt(fonds("F2"), Instant.parse("2024-05-01T10:00:01Z"));
        createAt(fonds("F3"), Instant.parse("2024-05-01T10:00:02Z"));

        assertThat(ids(store.changes(Instant.parse("2024-05-01T10:00:01Z"), null, 10))).containsExactly("F2", "F3");
        assertThat(ids(store.changes(Instant.parse("2024-05-01T10:00:01Z"), id("F2"), 10))).containsExactly("F3");
    }

    @Test
    void anUpdatedRecordMovesToTheEndOfTheChangeOrder() {
        Description f1 = createAt(fonds("F1"), Instant.parse("2024-05-01T10:00:00Z"));
        createAt(fonds("F2"), Instant.parse("2024-05-01T10:00:01Z"));

        store.update(changedBy(f1.toBuilder().titleZh("改").build(), "bob", Instant.parse("2024-05-02T00:00:00Z")),
                1, audit("update"));

        assertThat(ids(store.changes(null, null, 10))).containsExactly("F2", "F1");
        assertThat(store.changes(null, null, 10).get(1).version()).isEqualTo(2);
    }

    @Test
    void changesRefuseAnIdWithoutItsInstantAndABadLimit() {
        assertThatThrownBy(() -> store.changes(null, id("F1"), 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.changes(null, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findAllReturnsTheKnownIdsByIdAndSkipsUnknownOnes() {
        smallTree();
        List<DescriptionId> ids = new java.util.ArrayList<>(List.of(id("I1"), id("nope"), id("F1"), id("I1")));
        for (int i = 0; i < 1200; i++) ids.add(id("missing" + i)); // more than one chunk of a bounded IN list

        Map<DescriptionId, Description> found = store.findAll(ids);

        assertThat(found).containsOnlyKeys(id("I1"), id("F1"));
        assertThat(found.get(id("I1"))).isEqualTo(stored("I1"));
        assertThat(store.findAll(List.of())).isEmpty();
    }
    @Test
    void versionsGiveTheStoredVersionOfTheKnownIdsAndSkipUnknownOnes() {
        smallTree();
        Description s1 = stored("S1");
        store.update(s1.toBuilder().titleZh("第二版").build(), 1, audit("update"));
        store.update(stored("S1").toBuilder().titleZh("第三版").build(), 2, audit("update"));
        List<DescriptionId> ids = new java.util.ArrayList<>(List.of(id("I1"), id("nope"), id("S1"), id("I1")));
        for (int i = 0; i < 1200; i++) ids.add(id("missing" + i)); // more than one chunk of a bounded IN list

        Map<DescriptionId, Long> versions = store.versions(ids);

        assertThat(versions).containsOnly(Map.entry(id("I1"), 1L), Map.entry(id("S1"), 3L));
        assertThat(versions.get(id("S1"))).isEqualTo(stored("S1").version());
        assertThat(store.versions(List.of())).isEmpty();
    }
}
