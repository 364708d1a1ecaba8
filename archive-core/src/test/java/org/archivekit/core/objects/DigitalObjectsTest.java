package org.archivekit.core.objects;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.archivekit.core.AccessRestrictedException;
import org.archivekit.core.Archive;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.StorageException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.internal.ocfl.OcflSupport;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.AuditEvent;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.store.SqliteArchiveStore;
import org.archivekit.core.testing.ObjectFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DigitalObjectsTest {
    static final InstitutionCode U = InstitutionCode.of("CN-TEST-U");
    static final Principal ADMIN = Principal.admin("admin");
    static final Principal STAFF = Principal.staff("staff", AccessLevel.RESTRICTED, U);
    static final Principal PUBLIC = Principal.anonymous();
    static final DescriptionId OPEN = DescriptionId.of("I1");
    static final DescriptionId SECRET = DescriptionId.of("I2");

    @TempDir
    Path dir;
    Archive archive;
    DigitalObjects objects;

    @BeforeEach
    void open() {
        archive = ObjectFixtures.threeRecords(dir.resolve("store.db"), U, ADMIN);
        objects = DigitalObjects.open(archive, dir.resolve("objects"));
    }

    @AfterEach
    void close() {
        objects.close();
        archive.close();
    }

    static Description rec(String id, String parent, Level level, AccessLevel access) {
        return ObjectFixtures.record(U, id, parent, level, access);
    }

    static byte[] bytes(int size, long seed) {
        return ObjectFixtures.bytes(size, seed);
    }

    static String sha256(byte[] b) {
        return ObjectFixtures.hex("SHA-256", b);
    }

    byte[] readAll(Principal who, DescriptionId id, String name) throws IOException {
        try (InputStream in = objects.read(who, id, name)) {
            return in.readAllBytes();
        }
    }

    Description attach(DescriptionId id, String name, byte[] content) {
        return objects.attach(ADMIN, id, name, "application/octet-stream", new ByteArrayInputStream(content));
    }

    /** The one content file of record {@code id}'s object holding {@code name}, as stored on disk. */
    Path contentFile(DescriptionId id, String name) throws IOException {
        try (Stream<Path> s = Files.walk(objects.root())) {
            List<Path> found = s.filter(p -> p.getFileName().toString().equals(name)
                    && p.toString().contains("/content/")).collect(Collectors.toList());
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }

    @Nested
    final class AttachReadRemove {
        @Test
        void anAttachedFileIsListedWithItsSizeSha256AndContentAddressAndReadsBackByteForByte() throws Exception {
            byte[] content = bytes(300_000, 1);

            Description saved = attach(OPEN, "scan-001.tif", content);

            DigitalObjectRef ref = new DigitalObjectRef("scan-001.tif", "application/octet-stream", 300_000,
                    sha256(content), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(content)));
            assertThat(saved.digitalObjects()).containsExactly(ref);
            assertThat(objects.files(PUBLIC, OPEN)).containsExactly(ref);
            assertThat(readAll(PUBLIC, OPEN, "scan-001.tif")).isEqualTo(content);
        }

        @Test
        void everyChangeIsANewVersionAndARemovedFileStaysInOlderVersions() throws Exception {
            attach(OPEN, "a.txt", "一".getBytes(UTF_8));
            attach(OPEN, "b.txt", "two".getBytes(UTF_8));
            attach(OPEN, "a.txt", "一 again".getBytes(UTF_8));
            objects.remove(ADMIN, OPEN, "b.txt");

            List<ObjectVersion> versions = objects.versions(PUBLIC, OPEN);
            assertThat(versions).extracting(ObjectVersion::number).containsExactly(1, 2, 3, 4);
            assertThat(versions).extracting(ObjectVersion::fileNames).containsExactly(List.of("a.txt"),
                    List.of("a.txt", "b.txt"), List.of("a.txt", "b.txt"), List.of("a.txt"));
            assertThat(versions.get(3).user()).isEqualTo("admin");
            assertThat(versions.get(3).message()).contains("remove b.txt");
            assertThat(objects.files(PUBLIC, OPEN)).extracting(DigitalObjectRef::fileName).containsExactly("a.txt");
            assertThat(new String(readAll(PUBLIC, OPEN, "a.txt"), UTF_8)).isEqualTo("一 again");
            assertThatThrownBy(() -> objects.read(PUBLIC, OPEN, "b.txt")).isInstanceOf(NotFoundException.class);
        }

        @Test
        void theObjectsWrittenAreValidOcflWithContentFixityChecked() {
            attach(OPEN, "a.txt", bytes(10_000, 2));
            attach(OPEN, "b.bin", bytes(70_000, 3));
            objects.remove(ADMIN, OPEN, "a.txt");

            ValidationReport report = objects.validate(ADMIN, OPEN, true);

            assertThat(report.errors()).isEmpty();
            assertThat(report.warnings()).isEmpty();
        }

        @Test
        void aBadNameOrMediaTypeIsAnInvalidRequestAndWritesNothing() {
            assertThatThrownBy(() -> objects.attach(ADMIN, OPEN, "../x", "text/plain",
                    new ByteArrayInputStream(new byte[1]))).isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> objects.attach(ADMIN, OPEN, "x.txt", "text",
                    new ByteArrayInputStream(new byte[1]))).isInstanceOf(InvalidRequestException.class);
            assertThat(objects.versions(ADMIN, OPEN)).isEmpty();
        }
    }

    @Nested
    final class AccessFollowsTheRecord {
        @Test
        void aHiddenRecordsFilesLookExactlyLikeThoseOfAMissingRecord() {
            attach(SECRET, "secret.pdf", bytes(100, 4));
            DescriptionId missing = DescriptionId.of("NOPE");

            for (Runnable call : List.<Runnable>of(() -> objects.files(PUBLIC, SECRET),
                    () -> objects.read(PUBLIC, SECRET, "secret.pdf"), () -> objects.versions(PUBLIC, SECRET))) {
                NotFoundException e = catchThrowableOfType(NotFoundException.class, call::run);
                assertThat(e).isNotNull();
                assertThat(e.getMessage()).doesNotContain("secret.pdf")
                        .isEqualTo(catchThrowableOfType(NotFoundException.class,
                                () -> objects.files(PUBLIC, missing)).getMessage().replace("NOPE", "I2"));
            }
            assertThat(objects.files(ADMIN, SECRET)).extracting(DigitalObjectRef::fileName)
                    .containsExactly("secret.pdf");
        }

        @Test
        void aCallerWhoMayNotChangeTheRecordCannotAttachAndNothingIsWritten() {
            assertThatThrownBy(() -> objects.attach(PUBLIC, OPEN, "x.txt", "text/plain",
                    new ByteArrayInputStream(new byte[1]))).isInstanceOf(AccessRestrictedException.class);
            assertThatThrownBy(() -> objects.attach(STAFF, SECRET, "x.txt", "text/plain",
                    new ByteArrayInputStream(new byte[1]))).isInstanceOf(NotFoundException.class);
            assertThat(objects.versions(ADMIN, OPEN)).isEmpty();
            assertThat(objects.versions(ADMIN, SECRET)).isEmpty();
        }

        @Test
        void onlyAnAdministratorMayAuditOrReconcile() {
            assertThatThrownBy(() -> objects.verify(STAFF)).isInstanceOf(AccessRestrictedException.class);
            assertThatThrownBy(() -> objects.reconcile(STAFF)).isInstanceOf(AccessRestrictedException.class);
        }
    }

    @Nested
    final class OneWriter {
        @Test
        void aSecondWriterIsRefusedUntilTheFirstCloses() {
            assertThatThrownBy(() -> DigitalObjects.open(archive, dir.resolve("objects")))
                    .isInstanceOf(StorageException.class).hasMessageContaining("open for writing");
            try (DigitalObjects reader = DigitalObjects.openReadOnly(archive, dir.resolve("objects"))) {
                assertThatThrownBy(() -> reader.attach(ADMIN, OPEN, "x", "text/plain",
                        new ByteArrayInputStream(new byte[1]))).isInstanceOf(IllegalStateException.class);
            }
            objects.close();
            objects = DigitalObjects.open(archive, dir.resolve("objects"));
            attach(OPEN, "x", new byte[] {1});
            assertThat(objects.files(ADMIN, OPEN)).hasSize(1);
        }
    }

    @Nested
    final class Fixity {
        @Test
        void readingAFileWhoseBytesChangedFailsAtTheEndOfTheStream() throws Exception {
            attach(OPEN, "a.bin", bytes(50_000, 5));
            Path stored = contentFile(OPEN, "a.bin");
            stored.toFile().setWritable(true);
            byte[] bad = Files.readAllBytes(stored);
            bad[49_999] ^= 1;
            Files.write(stored, bad);

            assertThatThrownBy(() -> readAll(PUBLIC, OPEN, "a.bin")).isInstanceOf(StorageException.class)
                    .hasMessageContaining("fixity");
        }

        @Test
        void copyIfStoredCopiesOnceChecksTheDigestAndSaysWhenTheObjectLacksTheFile() throws Exception {
            byte[] content = bytes(70_000, 11);
            attach(OPEN, "a.bin", content);
            java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
            assertThat(objects.copyIfStored(PUBLIC, OPEN, "a.bin", in -> {
                byte[] all = in.readAllBytes();
                copy.write(all);
                return sha512(all);
            })).isTrue();
            assertThat(copy.toByteArray()).isEqualTo(content);
            // a copier whose digest differs from the stored one is a fixity failure
            assertThatThrownBy(() -> objects.copyIfStored(PUBLIC, OPEN, "a.bin", in -> sha512(new byte[0])))
                    .isInstanceOf(StorageException.class).hasMessageContaining("fixity");

            DigitalObjectRef ghost = new DigitalObjectRef("ghost.pdf", "application/pdf", 3, "0".repeat(64));
            Description d = archive.get(ADMIN, OPEN);
            List<DigitalObjectRef> withGhost = new java.util.ArrayList<>(d.digitalObjects());
            withGhost.add(ghost);
            archive.update(ADMIN, d.toBuilder().digitalObjects(withGhost).build());
            boolean[] called = {false};
            assertThat(objects.copyIfStored(PUBLIC, OPEN, "ghost.pdf", in -> {
                called[0] = true;
                return "";
            })).isFalse();
            assertThat(called[0]).isFalse();
            assertThatThrownBy(() -> objects.copy(PUBLIC, OPEN, "ghost.pdf", in -> ""))
                    .isInstanceOf(StorageException.class).hasMessageContaining("lacks it");
            assertThatThrownBy(() -> objects.copyIfStored(PUBLIC, OPEN, "unlisted.pdf", in -> ""))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> objects.copyIfStored(PUBLIC, SECRET, "ghost.pdf", in -> ""))
                    .isInstanceOf(NotFoundException.class);
        }

        private static String sha512(byte[] b) throws IOException {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(b));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IOException(e);
            }
        }

        @Test
        void verifyReportsChangedMissingAndUntrackedFilesAndIsAudited() throws Exception {
            attach(OPEN, "changed.bin", bytes(1000, 6));
            attach(OPEN, "gone.bin", bytes(1000, 7));
            attach(SECRET, "fine.bin", bytes(1000, 8));
            assertThat(objects.verify(ADMIN).isClean()).isTrue();

            Path changed = contentFile(OPEN, "changed.bin");
            changed.toFile().setWritable(true);
            Files.write(changed, bytes(1000, 9));
            Files.delete(contentFile(OPEN, "gone.bin"));
            Files.writeString(changed.resolveSibling("stray.txt"), "not in any inventory");

            FixityReport report = objects.verify(ADMIN);

            assertThat(report.objects()).isEqualTo(2);
            assertThat(report.changed()).singleElement().asString().startsWith("I1/changed.bin");
            assertThat(report.missing()).singleElement().asString().startsWith("I1/gone.bin");
            assertThat(report.untracked()).singleElement().asString().contains("E023");
            try (Stream<AuditEvent> log = archive.store().auditLog(0)) {
                assertThat(log.filter(e -> e.action().equals("verify")).map(AuditEvent::detail))
                        .containsExactly("2 objects, 3 files: 0 changed, 0 missing, 0 untracked, 0 invalid,"
                                + " 0 mismatched", report.summary());
            }
        }
    }

    @Nested
    final class CrashRecovery {
        /** Writes a version the way a crash leaves it: in OCFL, with the record never saved. */
        void orphanVersion(DescriptionId id, String name, byte[] content) {
            objects.close();
            try (OcflSupport ocfl = OcflSupport.open(dir.resolve("objects"), dir.resolve("objects.work"))) {
                ocfl.write(DigitalObjects.objectId(id), name, new ByteArrayInputStream(content), "admin", "crash");
            }
            objects = DigitalObjects.open(archive, dir.resolve("objects"));
        }

        @Test
        void reconcileRollsBackVersionsNoRecordKnowsOfAndReportsThem() throws Exception {
            attach(OPEN, "kept.txt", "kept".getBytes(UTF_8));
            orphanVersion(OPEN, "orphan.txt", "half-done".getBytes(UTF_8));
            orphanVersion(SECRET, "orphan.txt", "first attach, never saved".getBytes(UTF_8));
            assertThat(objects.verify(ADMIN).untracked()).hasSize(2);

            ReconcileReport report = objects.reconcile(ADMIN);

            assertThat(report.rolledBack()).containsExactlyInAnyOrder("I1: v2 -> v1", "I2: v1 -> none");
            assertThat(report.detached()).isEmpty();
            assertThat(objects.versions(ADMIN, OPEN)).hasSize(1);
            assertThat(objects.versions(ADMIN, SECRET)).isEmpty();
            assertThat(new String(readAll(ADMIN, OPEN, "kept.txt"), UTF_8)).isEqualTo("kept");
            assertThat(objects.verify(ADMIN).isClean()).isTrue();
            assertThat(objects.reconcile(ADMIN).isClean()).isTrue();
        }

        @Test
        void aRecordWithoutContentAddressesIsMatchedByReadingTheFileWhenTheInventoryHasNoSha256() throws Exception {
            attach(OPEN, "a.txt", "first".getBytes(UTF_8));
            // a record from before records kept the SHA-512: only name, size and SHA-256
            Description d = archive.get(ADMIN, OPEN);
            DigitalObjectRef r = d.digitalObjects().get(0);
            archive.update(ADMIN, d.toBuilder().digitalObjects(List.of(
                    new DigitalObjectRef(r.fileName(), r.mediaType(), r.size(), r.sha256()))).build());
            orphanVersion(OPEN, "a.txt", "second, never saved".getBytes(UTF_8));

            ReconcileReport report = objects.reconcile(ADMIN);

            assertThat(report.rolledBack()).containsExactly("I1: v2 -> v1");
            assertThat(new String(readAll(ADMIN, OPEN, "a.txt"), UTF_8)).isEqualTo("first");
            assertThat(objects.reconcile(ADMIN).isClean()).isTrue();
        }

        @Test
        void aRecordListingAFileItsObjectLacksLosesTheEntryAndRecordsWithoutObjectsAreLeftAlone() {
            attach(OPEN, "real.txt", "real".getBytes(UTF_8));
            DigitalObjectRef ghost = new DigitalObjectRef("ghost.pdf", "application/pdf", 3, "0".repeat(64));
            Description d = archive.get(ADMIN, OPEN);
            List<DigitalObjectRef> withGhost = new java.util.ArrayList<>(d.digitalObjects());
            withGhost.add(ghost);
            archive.update(ADMIN, d.toBuilder().digitalObjects(withGhost).build());
            Description s = archive.get(ADMIN, SECRET);
            archive.update(ADMIN, s.toBuilder().digitalObjects(List.of(ghost)).build()); // kept elsewhere

            ReconcileReport report = objects.reconcile(ADMIN);

            assertThat(report.detached()).containsExactly("I1/ghost.pdf");
            assertThat(objects.files(ADMIN, OPEN)).extracting(DigitalObjectRef::fileName).containsExactly("real.txt");
            assertThat(objects.files(ADMIN, SECRET)).containsExactly(ghost);
            assertThat(objects.verify(ADMIN).missing()).containsExactly(
                    "I2/ghost.pdf: listed, the record has no object");
        }
    }

    @Nested
    final class InventoryFixity {
        String inventory(DescriptionId id) throws IOException {
            try (Stream<Path> s = Files.walk(objects.root())) {
                Path root = s.filter(p -> p.getFileName().toString().equals("inventory.json")
                        && Files.exists(p.resolveSibling("0=ocfl_object_1.1"))).findFirst().orElseThrow();
                return Files.readString(root);
            }
        }

        @Test
        void byDefaultTheInventoryAddressesContentBySha512AloneAndTheRecordKeepsTheSha256() throws Exception {
            byte[] content = bytes(4096, 3);
            Description saved = attach(OPEN, "a.bin", content);

            String json = inventory(OPEN);
            assertThat(json).contains(saved.digitalObjects().get(0).sha512()).doesNotContain("\"sha256\"")
                    .doesNotContain(sha256(content));
            assertThat(saved.digitalObjects().get(0).sha256()).isEqualTo(sha256(content));
            assertThat(objects.verify(ADMIN).isClean()).isTrue();
        }

        @Test
        void sha256FixityInTheInventoryIsAnExplicitOptIn() throws Exception {
            objects.close();
            objects = DigitalObjects.open(archive, ObjectStorage.fileSystem(dir.resolve("objects")).withSha256Fixity());
            byte[] content = bytes(4096, 4);
            attach(OPEN, "a.bin", content);

            assertThat(inventory(OPEN)).contains("\"fixity\"").contains("\"sha256\"").contains(sha256(content));
            assertThat(objects.validate(ADMIN, OPEN, true).isValid()).isTrue();
        }
    }

    @Nested
    final class AttachAll {
        DigitalObjects.NewFile file(String name, byte[] content) {
            return new DigitalObjects.NewFile(name, "application/octet-stream", () -> new ByteArrayInputStream(content));
        }

        String sha512(byte[] b) throws Exception {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(b));
        }

        List<Path> stagingLeftovers() throws IOException {
            try (Stream<Path> s = Files.list(dir.resolve("objects.work"))) {
                return s.filter(p -> p.getFileName().toString().endsWith(".part")).collect(Collectors.toList());
            }
        }

        List<String> stagingThreads() {
            return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith("archivekit-ocfl-stage-")).collect(Collectors.toList());
        }

        @Test
        void severalFilesInOneCallAreOneVersionAndOneRecordSaveWithEveryDigestRight() throws Exception {
            attach(OPEN, "old.bin", bytes(1000, 20));
            attach(OPEN, "keep.txt", "留".getBytes(UTF_8));
            long before = archive.get(ADMIN, OPEN).version();
            byte[] big = bytes(3 * (1 << 20) + 12_345, 21); // several chunks and a partial one
            byte[] exact = bytes(2 << 20, 22); // a whole number of chunks
            byte[] small = bytes(777, 23);
            byte[] empty = new byte[0];
            byte[] replaced = bytes(5000, 24);

            Description saved = objects.attachAll(ADMIN, OPEN, List.of(file("big.tif", big), file("exact.bin", exact),
                    file("小.txt", small), file("empty.dat", empty), file("old.bin", replaced)));

            assertThat(saved.version()).isEqualTo(before + 1);
            List<ObjectVersion> versions = objects.versions(ADMIN, OPEN);
            assertThat(versions).hasSize(3);
            assertThat(versions.get(2).message()).contains("attach 5 files");
            assertThat(versions.get(2).fileNames()).containsExactlyInAnyOrder("keep.txt", "old.bin", "big.tif",
                    "exact.bin", "小.txt", "empty.dat");
            assertThat(saved.digitalObjects()).extracting(DigitalObjectRef::fileName).containsExactly("keep.txt",
                    "big.tif", "exact.bin", "小.txt", "empty.dat", "old.bin");
            byte[][] contents = {big, exact, small, empty, replaced};
            for (int i = 0; i < contents.length; i++) {
                DigitalObjectRef r = saved.digitalObjects().get(i + 1);
                assertThat(r.size()).as(r.fileName()).isEqualTo(contents[i].length);
                assertThat(r.sha256()).as(r.fileName()).isEqualTo(sha256(contents[i]));
                assertThat(r.sha512()).as(r.fileName()).isEqualTo(sha512(contents[i]));
                assertThat(readAll(PUBLIC, OPEN, r.fileName())).as(r.fileName()).isEqualTo(contents[i]);
            }
            assertThat(objects.validate(ADMIN, OPEN, true).errors()).isEmpty();
            assertThat(objects.verify(ADMIN).isClean()).isTrue();
            assertThat(stagingLeftovers()).isEmpty();
        }

        @Test
        void aFileOnDiskIsReadFromItsPath() throws Exception {
            byte[] content = bytes(1_500_000, 25);
            Path source = Files.write(dir.resolve("source.bin"), content);

            Description saved = objects.attachAll(ADMIN, SECRET, List.of(DigitalObjects.NewFile.of("a.bin",
                    "image/tiff", source), DigitalObjects.NewFile.of("b.bin", "image/tiff", source)));

            assertThat(saved.digitalObjects()).extracting(DigitalObjectRef::sha256).containsOnly(sha256(content));
            assertThat(readAll(ADMIN, SECRET, "b.bin")).isEqualTo(content);
        }

        @Test
        void theFirstFailureWinsTheOtherFileStopsAndNothingIsLeftBehind() throws Exception {
            attach(OPEN, "a.bin", bytes(5000, 26));
            long before = archive.get(ADMIN, OPEN).version();
            boolean[] endlessClosed = {false};
            // a content that never ends: the call can only return if the failure of the other file stops it
            DigitalObjects.NewFile endless = new DigitalObjects.NewFile("endless.bin", "application/octet-stream",
                    () -> new InputStream() {
                        @Override
                        public int read() {
                            return 1;
                        }

                        @Override
                        public int read(byte[] b, int off, int len) {
                            java.util.Arrays.fill(b, off, off + len, (byte) 1);
                            return len;
                        }

                        @Override
                        public void close() {
                            endlessClosed[0] = true;
                        }
                    });
            DigitalObjects.NewFile failing = new DigitalObjects.NewFile("failing.bin", "application/octet-stream",
                    () -> new InputStream() {
                        int left = 3 << 20;

                        @Override
                        public int read() throws IOException {
                            if (left == 0) throw new IOException("the source disk went away");
                            left--;
                            return 7;
                        }
                    });

            StorageException e = catchThrowableOfType(() -> objects.attachAll(ADMIN, OPEN, List.of(endless,
                    failing, file("never.bin", bytes(10, 27)))), StorageException.class);

            assertThat(e).hasMessageContaining("the source disk went away");
            assertThat(endlessClosed[0]).isTrue();
            assertThat(stagingThreads()).isEmpty();
            assertThat(stagingLeftovers()).isEmpty();
            assertThat(archive.get(ADMIN, OPEN).version()).isEqualTo(before);
            assertThat(objects.files(ADMIN, OPEN)).extracting(DigitalObjectRef::fileName).containsExactly("a.bin");
            assertThat(objects.versions(ADMIN, OPEN)).hasSize(1);
            assertThat(objects.verify(ADMIN).isClean()).isTrue();
            assertThat(objects.reconcile(ADMIN).isClean()).isTrue();
        }

        @Test
        void aContentThatCannotBeOpenedIsAStorageErrorAndChangesNothing() throws Exception {
            DigitalObjects.NewFile missing = DigitalObjects.NewFile.of("gone.bin", "image/tiff",
                    dir.resolve("no-such-file"));

            assertThatThrownBy(() -> objects.attachAll(ADMIN, OPEN, List.of(file("ok.bin", bytes(2 << 20, 28)),
                    missing))).isInstanceOf(StorageException.class).hasMessageContaining("no-such-file");

            assertThat(objects.versions(ADMIN, OPEN)).isEmpty();
            assertThat(objects.files(ADMIN, OPEN)).isEmpty();
            assertThat(stagingLeftovers()).isEmpty();
        }

        @Test
        void anEmptyListATwiceNamedFileOrABadNameIsAnInvalidRequestAndWritesNothing() {
            assertThatThrownBy(() -> objects.attachAll(ADMIN, OPEN, List.of()))
                    .isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> objects.attachAll(ADMIN, OPEN, List.of(file("a.bin", bytes(10, 1)),
                    file("a.bin", bytes(10, 2))))).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("twice");
            assertThatThrownBy(() -> objects.attachAll(ADMIN, OPEN, List.of(file("ok.bin", bytes(10, 1)),
                    file("../up.bin", bytes(10, 2))))).isInstanceOf(InvalidRequestException.class);

            assertThat(objects.versions(ADMIN, OPEN)).isEmpty();
        }

        @Test
        void aCallerWhoMayNotChangeTheRecordCannotAttachAndNothingIsWritten() {
            assertThatThrownBy(() -> objects.attachAll(PUBLIC, OPEN, List.of(file("a.bin", bytes(10, 1)),
                    file("b.bin", bytes(10, 2))))).isInstanceOf(AccessRestrictedException.class);
            assertThatThrownBy(() -> objects.attachAll(STAFF, SECRET, List.of(file("a.bin", bytes(10, 1)))))
                    .isInstanceOf(NotFoundException.class);

            assertThat(objects.versions(ADMIN, OPEN)).isEmpty();
            assertThat(objects.versions(ADMIN, SECRET)).isEmpty();
        }
    }

    @Nested
    final class Failures {
        @Test
        void aContentStreamFailingHalfwayIsAStorageErrorAndThePreviousVersionStaysReadable() throws Exception {
            attach(OPEN, "a.bin", bytes(5000, 10));
            InputStream failing = new InputStream() {
                int left = 100_000;

                @Override
                public int read() throws IOException {
                    if (left == 0) throw new IOException("No space left on device"); // and on every later read
                    left--;
                    return 7;
                }
            };

            assertThatThrownBy(() -> objects.attach(ADMIN, OPEN, "a.bin", "application/octet-stream", failing))
                    .isInstanceOf(StorageException.class);

            assertThat(objects.versions(ADMIN, OPEN)).hasSize(1);
            assertThat(readAll(ADMIN, OPEN, "a.bin")).isEqualTo(bytes(5000, 10));
            assertThat(objects.verify(ADMIN).isClean()).isTrue();
        }

        @Test
        void aRecordSaveThatFailsRollsTheNewVersionBack() throws Exception {
            objects.close();
            archive.close();
            boolean[] failUpdates = {false};
            SqliteArchiveStore real = SqliteArchiveStore.open(dir.resolve("store.db"));
            org.archivekit.core.spi.ArchiveStore failing = (org.archivekit.core.spi.ArchiveStore)
                    java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[] {org.archivekit.core.spi.ArchiveStore.class}, (proxy, method, args) -> {
                                if (failUpdates[0] && method.getName().equals("update")) {
                                    throw new StorageException("disk full", new IOException("No space left"));
                                }
                                try {
                                    return method.invoke(real, args);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
            archive = Archive.builder().store(failing).build();
            objects = DigitalObjects.open(archive, dir.resolve("objects"));
            attach(OPEN, "a.bin", bytes(5000, 11));
            failUpdates[0] = true;

            assertThatThrownBy(() -> attach(OPEN, "a.bin", bytes(5000, 12))).isInstanceOf(StorageException.class)
                    .hasMessageContaining("disk full");
            assertThatThrownBy(() -> attach(OPEN, "b.bin", bytes(5000, 13))).isInstanceOf(StorageException.class);
            assertThatThrownBy(() -> attach(SECRET, "c.bin", bytes(5000, 14))).isInstanceOf(StorageException.class);

            assertThat(objects.versions(ADMIN, OPEN)).hasSize(1);
            assertThat(objects.versions(ADMIN, SECRET)).isEmpty();
            assertThat(readAll(ADMIN, OPEN, "a.bin")).isEqualTo(bytes(5000, 11));
            failUpdates[0] = false;
            assertThat(objects.verify(ADMIN).isClean()).isTrue();
            assertThat(objects.reconcile(ADMIN).isClean()).isTrue();
        }
    }
}
