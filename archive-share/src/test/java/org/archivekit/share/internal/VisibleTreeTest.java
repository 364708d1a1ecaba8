package org.archivekit.share.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.archivekit.core.Archive;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Grant;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.core.store.SqliteArchiveStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streamed walk (on the calling thread, and ahead on a second one) shows exactly what {@link Archive#children}, asked parent by parent, shows each caller: the
 * same records in the same order at the same depths, and the same count of hidden children per parent.
 */
final class VisibleTreeTest {
    private static final SampleArchive SAMPLE = SampleArchive.builder().items(600).seed(11).build();
    private static final Principal ADMIN = Principal.admin("walker");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "memory"})
    void theStreamedWalkMatchesAParentByParentWalkForEveryKindOfCaller(String kind) {
        ArchiveStore store = kind.equals("sqlite") ? SqliteArchiveStore.open(dir.resolve("a.db"))
                : new InMemoryArchiveStore();
        try (Archive archive = Archive.builder().store(store).build()) {
            archive.putInstitution(ADMIN, SAMPLE.institution());
            archive.importAll(ADMIN, SAMPLE.iterator());
            var code = SAMPLE.institution().code();
            List<RecordView> fonds = archive.fonds(ADMIN, code);
            // a draft series with visible-level children: its whole subtree must stay hidden from the public
            Description first = fonds.get(0).description();
            Description series = archive.children(ADMIN, first.id(), null, 1).items().get(0).description();
            archive.update(ADMIN, series.toBuilder().status(LifecycleStatus.DRAFT).build());
            DescriptionId granted = archive.children(ADMIN, fonds.get(1).description().id(), null, 1).items().get(0)
                    .id();
            List<Principal> callers = List.of(ADMIN, Principal.anonymous(), Principal.campus("c", code),
                    Principal.staff("s", AccessLevel.CAMPUS, code),
                    Principal.campus("g", code).withGrant(new Grant(granted, Instant.now().plusSeconds(3600))));
            long hiddenSeen = 0;
            for (Principal p : callers) {
                for (RecordView f : archive.fonds(p, code)) {
                    List<String> expected = new ArrayList<>();
                    expected.add("0 " + f.id().value());
                    long hidden = reference(archive, p, f.id(), 1, expected);
                    expected.add("exit " + f.id().value());
                    hiddenSeen += hidden;
                    List<String> walked = new ArrayList<>();
                    long n = VisibleTree.walk(archive, p, f.id(), new VisibleTree.Visitor<RuntimeException>() {
                        @Override
                        public void enter(Description record, int depth) {
                            walked.add(depth + " " + record.id().value());
                        }

                        @Override
                        public void exit(Description record, int depth) {
                            walked.add("exit " + record.id().value());
                        }

                        @Override
                        public void withheld(Description parent, long count, int depth) {
                            walked.add("withheld " + parent.id().value() + " " + count + " at " + depth);
                        }
                    });
                    assertThat(walked).as("%s walking %s", p.id(), f.id()).containsExactlyElementsOf(expected);
                    assertThat(n).isEqualTo(expected.stream().filter(s -> !s.startsWith("exit")
                            && !s.startsWith("withheld")).count());
                    List<String> ahead = new ArrayList<>();
                    long m = VisibleTree.walkAhead(archive, p, f.id(), recorder(ahead));
                    assertThat(ahead).as("%s walking %s ahead", p.id(), f.id()).containsExactlyElementsOf(expected);
                    assertThat(m).isEqualTo(n);
                }
            }
            assertThat(hiddenSeen).as("the callers between them had something hidden").isPositive();
        }
    }

    /** The visits as lines, on whichever thread they come. */
    static VisibleTree.Visitor<RuntimeException> recorder(List<String> out) {
        return new VisibleTree.Visitor<>() {
            @Override
            public void enter(Description record, int depth) {
                out.add(depth + " " + record.id().value());
            }

            @Override
            public void exit(Description record, int depth) {
                out.add("exit " + record.id().value());
            }

            @Override
            public void withheld(Description parent, long count, int depth) {
                out.add("withheld " + parent.id().value() + " " + count + " at " + depth);
            }
        };
    }

    /** The walk the old exporter made: children page by page, the hidden ones counted per parent. */
    private static long reference(Archive archive, Principal p, DescriptionId parent, int depth, List<String> out) {
        long visible = 0;
        long hiddenBelow = 0;
        String cursor = null;
        do {
            var page = archive.children(p, parent, cursor, 1000);
            for (RecordView v : page.items()) {
                visible++;
                out.add(depth + " " + v.id().value());
                hiddenBelow += reference(archive, p, v.id(), depth + 1, out);
                out.add("exit " + v.id().value());
            }
            cursor = page.next().orElse(null);
        } while (cursor != null);
        long hidden = archive.store().countChildren(parent) - visible;
        if (hidden > 0) out.add("withheld " + parent.value() + " " + hidden + " at " + depth);
        return hidden + hiddenBelow;
    }
}
