package org.archivekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.AuditEvent;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.SecrecyMarking;
import org.archivekit.core.model.Title;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the facade promises, run on every store (see the concrete subclasses at the end of the file). */
abstract class ArchiveBehaviour {
    static final InstitutionCode U = InstitutionCode.of("CN-TEST-U");
    static final Principal ADMIN = Principal.admin("admin");
    static final Principal STAFF = Principal.staff("staff", AccessLevel.RESTRICTED, U);
    static final Principal CAMPUS = Principal.campus("student", U);
    static final Principal PUBLIC = Principal.anonymous();

    final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    Archive archive;

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    abstract org.archivekit.core.spi.ArchiveStore newStore(java.nio.file.Path dir);

    @BeforeEach
    void open() {
        archive = Archive.builder().store(newStore(dir))
                .policy(AccessPolicy.builder().clock(clock).build()).build();
        archive.putInstitution(ADMIN, new Institution(U, "测试大学档案馆", "Test University Archives", null));
        archive.create(ADMIN, rec("F1", null, Level.FONDS, AccessLevel.PUBLIC));
    }

    @AfterEach
    void close() {
        archive.close();
    }

    static Description rec(String id, String parent, Level level, AccessLevel access) {
        return Description.builder().id(DescriptionId.of(id)).institution(U)
                .parent(parent == null ? null : DescriptionId.of(parent)).level(level)
                .title(Title.zh("记录 " + id)).access(Access.of(access)).build();
    }

    static DescriptionId id(String s) {
        return DescriptionId.of(s);
    }

    @Nested
    final class HiddenLooksMissing {
        @Test
        void hiddenRecordRaisesTheSameExceptionAndMessageAsAMissingOne() {
            archive.create(ADMIN, rec("S1", "F1", Level.SERIES, AccessLevel.CONFIDENTIAL));
            NotFoundException hidden = catchThrowableOfType(NotFoundException.class,
                    () -> archive.get(PUBLIC, id("S1")));
            NotFoundException missing = catchThrowableOfType(NotFoundException.class,
                    () -> archive.get(PUBLIC, id("S2")));
            assertThat(hidden).isNotNull();
            assertThat(missing).isNotNull();
            assertThat(hidden.getClass()).isEqualTo(missing.getClass());
            assertThat(hidden.getMessage().replace("S1", "S2")).isEqualTo(missing.getMessage());
            assertThat(archive.find(PUBLIC, id("S1"))).isEmpty();
            assertThat(archive.get(ADMIN, id("S1")).id()).isEqualTo(id("S1"));
        }

        @Test
        void everyDenialIsAudited() {
            archive.create(ADMIN, rec("S1", "F1", Level.SERIES, AccessLevel.RESTRICTED));
            assertThatThrownBy(() -> archive.get(CAMPUS, id("S1"))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> archive.get(CAMPUS, id("NOPE"))).isInstanceOf(NotFoundException.class);
            List<AuditEvent> denials;
            try (Stream<AuditEvent> log = archive.auditLog(ADMIN, 0)) {
                denials = log.filter(e -> e.action().equals("deny")).toList();
            }
            assertThat(denials).extracting(AuditEvent::actor).containsExactly("student", "student");
            assertThat(denials).extracting(AuditEvent::target).containsExactly(id("S1"), id("NOPE"));
        }

        @Test
        void childrenOfAHiddenParentLookMissingToo() {
            archive.create(ADMIN, rec("S1", "F1", Level.SERIES, AccessLevel.RESTRICTED));
            assertThatThrownBy(() -> archive.children(PUBLIC, id("S1"), null, 10))
                    .isInstanceOf(NotFoundException.class).hasMessage(NotFoundException.forId("S1").getMessage());
        }

        @Test
        void auditLogIsForAdministratorsOnly() {
            assertThatThrownBy(() -> archive.auditLog(STAFF, 0)).isInstanceOf(AccessRestrictedException.class);
        }
    }

    @Nested
    final class Hierarchy {
        @Test
        void levelInversionIsRejected() {
            archive.create(ADMIN, rec("I1", "F1", Level.ITEM, AccessLevel.PUBLIC));
            assertThatThrownBy(() -> archive.create(ADMIN, rec("FI1", "I1", Level.FILE, AccessLevel.PUBLIC)))
                    .isInstanceOf(HierarchyException.class).hasMessageContaining("level inversion");
        }

        @Test
        void moveThatWouldMakeACycleIsRejected() {
            archive.create(ADMIN, rec("S1", "F1", Level.SERIES, AccessLevel.PUBLIC));
            archive.create(ADMIN, rec("S2", "S1", Level.SERIES, AccessLevel.PUBLIC));
            archive.create(ADMIN, rec("S3", "S2", Level.SERIES, AccessLevel.PUBLIC));
            Description s1 = archive.get(ADMIN, id("S1"));
            assertThatThrownBy(() -> archive.move(ADMIN, id("S1"), id("S3"), s1.version()))
                    .isInstanceOf(HierarchyException.class).hasMessageContaining("cycle");
            assertThat(archive.get(ADMIN, id("S1")).parent()).isEqualTo(id("F1"));
        }

        @Test
        void moveKeepsTheSubtreeAndBreadcrumb() {
            archive.create(ADMIN, rec("S1", "F1", Level.SERIES, AccessLevel.PUBLIC));
            archive.create(ADMIN, rec("S2", "F1", Level.SERIES, AccessLevel.PUBLIC));
            archive.create(ADMIN, rec("FI1", "S1", Level.FILE, AccessLevel.PUBLIC));
            archive.create(ADMIN, rec("I1", "FI1", Level.ITEM, AccessLevel.PUBLIC));
            archive.move(ADMIN, id("FI1"), id("S2"), 1);
            assertThat(archive.view(PUBLIC, id("I1")).breadcrumb()).extracting(RecordView.Crumb::id)
                    .containsExactly(id("F1"), id("S2"), id("FI1"));
        }

        @Test
        void rootMustBelongToAKnownInstitution() {
            Description orphanFonds = rec("F9", null, Level.FONDS, AccessLevel.PUBLIC).toBuilder()
                    .institution(InstitutionCode.of("CN-NONE")).build();
            assertThatThrownBy(() -> archive.create(ADMIN, orphanFonds)).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("institution");
        }
    }

    @Nested
    final class Writes {
        @Test
        void campusMembersAndThePublicCannotWrite() {
            assertThatThrownBy(() -> archive.create(CAMPUS, rec("S1", "F1", Level.SERIES, AccessLevel.PUBLIC)))
                    .isInstanceOf(AccessRestrictedException.class);
            assertThatThrownBy(() -> archive.create(PUBLIC, rec("S1", "F1", Level.SERIES, AccessLevel.PUBLIC)))
                    .isInstanceOf(AccessRestrictedException.class);
        }

        @Test
        void staffCannotWriteAboveTheirClearance() {
            assertThatThrownBy(() -> archive.create(STAFF, rec("S1", "F1", Level.SERIES, AccessLevel.CONFIDENTIAL)))
                    .isInstanceOf(AccessRestrictedException.class).hasMessageContaining("clearance");
            Description secret = rec("S2", "F1", Level.SERIES, AccessLevel.PUBLIC).toBuilder()
                    .access(Access.PUBLIC.withSecrecy(SecrecyMarking.SECRET)).build();
            assertThatThrownBy(() -> archive.create(STAFF, secret)).isInstanceOf(AccessRestrictedException.class);
        }

        @Test
        void staleUpdateIsAConflictAndLosesNothing() {
            Description s = archive.create(ADMIN, rec("S1", "F1", Level.SERIES, AccessLevel.PUBLIC));
            archive.update(ADMIN, s.toBuilder().titleZh("第一次修改").build());
            assertThatThrownBy(() -> archive.update(ADMIN, s.toBuilder().titleZh("过期的修改").build()))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("version");
            Description now = archive.get(ADMIN, id("S1"));
            assertThat(now.title().text()).isEqualTo("第一次修改");
            assertThat(now.version()).isEqualTo(2);
            assertThat(now.info().createdBy()).isEqualTo("admin");
        }

        @Test
        void everyViolationIsReportedTogether() {
            Description bad = rec("S1", "F1", Level.SERIES, AccessLevel.PUBLIC).toBuilder()
                    .title(Title.zh("长".repeat(2001)))
                    .classification("x".repeat(201)).build();
            InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                    () -> archive.create(ADMIN, bad));
            assertThat(e).isNotNull();
            assertThat(e.violations()).extracting(InvalidRequestException.Violation::path)
                    .containsExactly("classification", "title.text");
            assertThat(archive.find(ADMIN, id("S1"))).isEmpty();
        }
    }

    @Nested
    final class Reads {
        @Test
        void childrenPagesSkipWhatTheCallerMayNotSee() {
            for (int i = 1; i <= 25; i++) {
                AccessLevel level = i % 5 == 0 ? AccessLevel.RESTRICTED : AccessLevel.PUBLIC;
                archive.create(ADMIN, rec(String.format("S%02d", i), "F1", Level.SERIES, level));
            }
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Page<RecordView> page = archive.children(PUBLIC, id("F1"), cursor, 7);
                page.items().forEach(v -> seen.add(v.id().value()));
                cursor = page.next().orElse(null);
                pages++;
            } while (cursor != null);
            assertThat(seen).hasSize(20).doesNotContain("S05", "S10", "S15", "S20", "S25");
            assertThat(pages).isEqualTo(3);
            assertThat(archive.children(STAFF, id("F1"), null, 1000).items()).hasSize(25);
        }

        @Test
        void lastPageHasNoCursorWhenOnlyHiddenRecordsFollow() {
            archive.create(ADMIN, rec("S1", "F1", Level.SERIES, AccessLevel.PUBLIC));
            archive.create(ADMIN, rec("S2", "F1", Level.SERIES, AccessLevel.CONFIDENTIAL));
            Page<RecordView> page = archive.children(PUBLIC, id("F1"), null, 1);
            assertThat(page.items()).extracting(RecordView::id).containsExactly(id("S1"));
            assertThat(page.next()).isEmpty();
        }

        @Test
        void embargoEndsAtItsInstantWithoutARewrite() {
            Instant end = clock.instant().plus(Duration.ofDays(1));
            archive.create(ADMIN, rec("S1", "F1", Level.SERIES, AccessLevel.PUBLIC).toBuilder()
                    .access(Access.PUBLIC.withEmbargoUntil(end)).build());
            assertThat(archive.find(PUBLIC, id("S1"))).isEmpty();
            clock.set(end.minusMillis(1));
            assertThat(archive.find(PUBLIC, id("S1"))).isEmpty();
            clock.set(end);
            assertThat(archive.find(PUBLIC, id("S1"))).isPresent();
            assertThat(archive.view(PUBLIC, id("S1")).effectiveLevel()).isEqualTo(AccessLevel.PUBLIC);
        }

        @Test
        void listAndCensusCountOnlyVisibleRecords() {
            archive.create(ADMIN, rec("S1", "F1", Level.SERIES, AccessLevel.PUBLIC));
            archive.create(ADMIN, rec("S2", "F1", Level.SERIES, AccessLevel.CAMPUS));
            archive.create(ADMIN, rec("S3", "F1", Level.SERIES, AccessLevel.PUBLIC).toBuilder()
                    .status(LifecycleStatus.DRAFT).build());
            try (Stream<RecordView> s = archive.list(PUBLIC, Level.SERIES)) {
                assertThat(s.map(RecordView::id)).containsExactly(id("S1"));
            }
            assertThat(archive.census(CAMPUS).get(Level.SERIES)).containsEntry(AccessLevel.PUBLIC, 1L)
                    .containsEntry(AccessLevel.CAMPUS, 1L).hasSize(2);
            assertThat(archive.census(ADMIN).get(Level.SERIES).values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(3);
        }

        @Test
        void breadcrumbLeavesOutAncestorsOpenedOnlyByGrant() {
            archive.create(ADMIN, rec("S1", "F1", Level.SERIES, AccessLevel.RESTRICTED));
            archive.create(ADMIN, rec("I1", "S1", Level.ITEM, AccessLevel.PUBLIC));
            Principal granted = PUBLIC.withGrant(new org.archivekit.core.access.Grant(id("I1"),
                    clock.instant().plus(Duration.ofHours(1))));
            RecordView v = archive.view(granted, id("I1"));
            assertThat(v.breadcrumb()).extracting(RecordView.Crumb::id).containsExactly(id("F1"));
            assertThat(archive.find(granted, id("S1"))).isEmpty();
        }
    }

    @Nested
    final class Listeners {
        record Heard(java.util.Set<DescriptionId> ids, boolean withDescendants) {}

        final List<Heard> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        Archive listened;

        @BeforeEach
        void listen() {
            listened = Archive.builder().store(archive.store()).policy(archive.policy())
                    .listener((ids, sub) -> heard.add(new Heard(ids, sub)))
                    .listener((ids, sub) -> {
                        throw new IllegalStateException("a broken listener must not undo the write");
                    }).build();
        }

        @Test
        void listenersHearEveryCommittedWrite() {
            Description s1 = listened.create(ADMIN, rec("S1", "F1", Level.SERIES, AccessLevel.PUBLIC));
            Description s1b = listened.update(ADMIN, s1.toBuilder().scopeAndContent("内容").build());
            listened.update(ADMIN, s1b.toBuilder().access(Access.of(AccessLevel.CAMPUS)).build());
            listened.importAll(ADMIN, List.of(rec("S2", "F1", Level.SERIES, AccessLevel.PUBLIC),
                    rec("I1", "S2", Level.ITEM, AccessLevel.PUBLIC), rec("I2", "S1", Level.ITEM, AccessLevel.PUBLIC))
                    .iterator());
            assertThat(heard).containsExactly(
                    new Heard(java.util.Set.of(id("S1")), false),
                    new Heard(java.util.Set.of(id("S1")), false),
                    new Heard(java.util.Set.of(id("S1")), true),
                    new Heard(java.util.Set.of(id("S2"), id("I2")), true));
            assertThat(archive.get(ADMIN, id("I2")).parent()).isEqualTo(id("S1"));
        }

        @Test
        void failedWritesAreNotHeard() {
            assertThatThrownBy(() -> listened.create(CAMPUS, rec("S1", "F1", Level.SERIES, AccessLevel.PUBLIC)))
                    .isInstanceOf(AccessRestrictedException.class);
            assertThat(heard).isEmpty();
        }
    }

    @Nested
    final class Concurrency {
        @Test
        void sixteenThreadsUpdatingOneRecordLoseNoUpdate() throws Exception {
            archive.create(ADMIN, rec("S1", "F1", Level.SERIES, AccessLevel.PUBLIC).toBuilder()
                    .customField("counter", "0").build());
            int threads = 16;
            int perThread = 25;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        while (true) {
                            Description d = archive.get(STAFF, id("S1"));
                            int n = Integer.parseInt(d.customFields().get("counter"));
                            try {
                                archive.update(STAFF, d.toBuilder().customField("counter", Integer.toString(n + 1))
                                        .build());
                                break;
                            } catch (ConflictException e) {
                                conflicts.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> f : done) f.get(2, java.util.concurrent.TimeUnit.MINUTES);
            pool.shutdown();
            Description last = archive.get(ADMIN, id("S1"));
            assertThat(last.customFields()).containsEntry("counter", Integer.toString(threads * perThread));
            assertThat(last.version()).isEqualTo(1L + threads * perThread);
        }
    }

    @Nested
    final class Import {
        @Test
        void batchWithOneBadRecordStoresNothingAndNamesIt() {
            Iterator<Description> batch = IntStream.rangeClosed(1, 1000).mapToObj(i -> i == 700
                    ? rec("I" + i, "F1", Level.ITEM, AccessLevel.PUBLIC).toBuilder()
                            .title(Title.zh("长".repeat(2001))).build()
                    : rec("I" + i, "F1", Level.ITEM, AccessLevel.PUBLIC)).iterator();
            InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                    () -> archive.importAll(ADMIN, batch));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("record 700 (I700)").contains("title.text");
            assertThat(archive.children(ADMIN, id("F1"), null, 10).items()).isEmpty();
        }

        @Test
        void importStampsEveryRecordWithTheImporter() {
            long n = archive.importAll(STAFF, List.of(rec("S1", "F1", Level.SERIES, AccessLevel.PUBLIC),
                    rec("I1", "S1", Level.ITEM, AccessLevel.CAMPUS)).iterator());
            assertThat(n).isEqualTo(2);
            Description i1 = archive.get(STAFF, id("I1"));
            assertThat(i1.version()).isEqualTo(1);
            assertThat(i1.info().createdBy()).isEqualTo("staff");
        }

        @Test
        void importedFondsMustBelongToAKnownInstitution() {
            Description fonds = rec("F9", null, Level.FONDS, AccessLevel.PUBLIC).toBuilder()
                    .institution(InstitutionCode.of("CN-NONE")).build();
            assertThatThrownBy(() -> archive.importAll(ADMIN, List.of(fonds).iterator()))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("institution");
            assertThat(archive.find(ADMIN, id("F9"))).isEmpty();
        }

        @Test
        void staffCannotImportUnderARecordAboveTheirClearance() {
            archive.create(ADMIN, rec("S1", "F1", Level.SERIES, AccessLevel.CONFIDENTIAL));
            assertThatThrownBy(() -> archive.importAll(STAFF,
                    List.of(rec("I1", "S1", Level.ITEM, AccessLevel.PUBLIC)).iterator()))
                    .isInstanceOf(NotFoundException.class);
            assertThat(archive.find(ADMIN, id("I1"))).isEqualTo(Optional.empty());
        }
    }
}

final class InMemoryArchiveTest extends ArchiveBehaviour {
    @Override
    org.archivekit.core.spi.ArchiveStore newStore(java.nio.file.Path dir) {
        return new InMemoryArchiveStore();
    }
}

final class SqliteArchiveTest extends ArchiveBehaviour {
    @Override
    org.archivekit.core.spi.ArchiveStore newStore(java.nio.file.Path dir) {
        return org.archivekit.core.store.SqliteArchiveStore.open(dir.resolve("archive.db"));
    }
}
