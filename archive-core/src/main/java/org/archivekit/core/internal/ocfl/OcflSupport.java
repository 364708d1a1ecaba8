package org.archivekit.core.internal.ocfl;

import io.ocfl.api.DigestAlgorithmRegistry;
import io.ocfl.api.OcflOption;
import io.ocfl.api.OcflRepository;
import io.ocfl.api.exception.FixityCheckException;
import io.ocfl.api.exception.NotFoundException;
import io.ocfl.api.exception.OcflIOException;
import io.ocfl.api.exception.OcflJavaException;
import io.ocfl.api.io.FixityCheckInputStream;
import io.ocfl.api.model.DigestAlgorithm;
import io.ocfl.api.model.FileDetails;
import io.ocfl.api.model.ObjectDetails;
import io.ocfl.api.model.ObjectVersionId;
import io.ocfl.api.model.OcflObjectVersion;
import io.ocfl.api.model.OcflVersion;
import io.ocfl.api.model.ValidationResults;
import io.ocfl.api.model.VersionDetails;
import io.ocfl.api.model.VersionInfo;
import io.ocfl.api.model.VersionNum;
import io.ocfl.core.OcflRepositoryBuilder;
import io.ocfl.core.path.constraint.ContentPathConstraints;
import io.ocfl.core.storage.cloud.CloudClient;
import io.ocfl.core.extension.storage.layout.config.HashedNTupleLayoutConfig;
import io.ocfl.core.validation.Validator;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.archivekit.core.StorageException;
import org.archivekit.core.objects.ValidationIssue;
import org.archivekit.core.objects.ValidationReport;
import org.jspecify.annotations.Nullable;

/**
 * An OCFL 1.1 storage root on the file system, through ocfl-java, in the terms archive-core uses: object ids,
 * logical paths, plain digests and versions as numbers. Thread-safe; ocfl-java locks each object while it changes.
 */
public final class OcflSupport implements AutoCloseable {

    /** A file of an object's version: its logical path, SHA-512 and, when recorded as fixity, SHA-256. */
    public record HeadFile(String path, String sha512, @Nullable String sha256) {}

    /** A version of an object. */
    public record Version(int number, Instant created, String user, String message, List<String> paths) {}

    /** What a write stored: the new version, and the size and digests of the file written. */
    public record Written(int version, long size, String sha256, String sha512) {}

    private final OcflRepository repository;
    private final @Nullable Path root;
    private final @Nullable CloudClient cloud;
    private final Path workDir;
    private final boolean sha256Fixity;

    private OcflSupport(OcflRepository repository, @Nullable Path root, @Nullable CloudClient cloud, Path workDir,
            boolean sha256Fixity) {
        this.repository = repository;
        this.root = root;
        this.cloud = cloud;
        this.workDir = workDir;
        this.sha256Fixity = sha256Fixity;
    }

    /**
     * Opens (creating when missing) the storage root in directory {@code root}, or in the bucket of {@code cloud}
     * (exactly one of the two is given), staging writes in {@code workDir}; {@code sha256Fixity} records each
     * file's SHA-256 in the inventory's fixity block too.
     */
    public static OcflSupport open(@Nullable Path root, @Nullable CloudClient cloud, Path workDir,
            boolean sha256Fixity) {
        if ((root == null) == (cloud == null)) throw new IllegalArgumentException("one of root and cloud");
        String where = root != null ? root.toString() : "s3://" + cloud.bucket() + "/" + cloud.prefix();
        try {
            if (root != null) Files.createDirectories(root);
            Files.createDirectories(workDir);
            OcflRepositoryBuilder builder = new OcflRepositoryBuilder()
                    .defaultLayoutConfig(new HashedNTupleLayoutConfig())
                    .ocflConfig(c -> c.setOcflVersion(OcflVersion.OCFL_1_1)
                            .setDefaultDigestAlgorithm(DigestAlgorithmRegistry.sha512))
                    .storage(s -> {
                        if (root != null) s.fileSystem(root);
                        else s.cloud(cloud);
                    })
                    .workDir(workDir)
                    // the staged file was hashed while written; re-reading it doubles the cost of every attach, and
                    // 'verify' re-hashes the stored content anyway
                    .verifyStaging(false);
            if (cloud != null) builder.contentPathConstraints(ContentPathConstraints.cloud());
            return new OcflSupport(builder.build(), root, cloud, workDir, sha256Fixity);
        } catch (IOException e) {
            throw StorageException.from(e);
        } catch (OcflJavaException e) {
            throw translate("cannot open the OCFL storage root " + where, e);
        }
    }

    /** Opens (creating when missing) the storage root in directory {@code root}, staging writes in {@code workDir}. */
    public static OcflSupport open(Path root, Path workDir) {
        return open(root, null, workDir, false);
    }

    /** Validates the object whose root directory is {@code objectRoot}. */
    public static ValidationReport validate(Path objectRoot, boolean contentFixity) {
        try {
            return report(Validator.validateObject(objectRoot, contentFixity));
        } catch (RuntimeException e) {
            // ocfl-java 2.2.2 fails while formatting its message for an unexpected entry in the object root;
            // find that error (E001) here, and reject the object in any case: a validator failure is not a pass
            List<ValidationIssue> errors = new ArrayList<>(unexpectedRootEntries(objectRoot));
            if (errors.isEmpty()) {
                errors.add(new ValidationIssue("E000",
                        "the validator failed on the object: " + e));
            }
            return new ValidationReport(errors, List.of());
        }
    }

    private static final Pattern ROOT_FILE = Pattern.compile(
            "0=ocfl_object_1\\.[01]|inventory\\.json(\\.(sha512|sha256|sha1|md5|blake2b-512))?");
    private static final Pattern ROOT_DIRECTORY = Pattern.compile("v\\d+|logs|extensions");

    /** The entries of an object root that the specification does not allow there (E001). */
    private static List<ValidationIssue> unexpectedRootEntries(Path objectRoot) {
        List<ValidationIssue> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(objectRoot)) {
            entries.sorted().filter(p -> !(Files.isDirectory(p) ? ROOT_DIRECTORY : ROOT_FILE)
                            .matcher(p.getFileName().toString()).matches())
                    .forEach(p -> out.add(new ValidationIssue("E001", "the object root contains "
                            + (Files.isDirectory(p) ? "the directory '" : "the file '") + p.getFileName()
                            + "', which is not part of an OCFL object")));
        } catch (IOException e) {
            out.add(new ValidationIssue("E000", "cannot list the object root: " + e));
        }
        return out;
    }

    /** Validates the stored object {@code objectId}. */
    public ValidationReport validateObject(String objectId, boolean contentFixity) {
        try {
            return report(repository.validateObject(objectId, contentFixity));
        } catch (OcflJavaException e) {
            throw translate("cannot validate OCFL object " + objectId, e);
        }
    }

    private static ValidationReport report(ValidationResults r) {
        List<ValidationIssue> errors = new ArrayList<>();
        List<ValidationIssue> warnings = issues(r.getWarnings());
        for (ValidationIssue i : issues(r.getErrors())) {
            // a fixity block may use any registered algorithm; one this JVM cannot compute (blake2b) is left
            // unchecked and said so, as the manifest's own digests were checked
            if (i.message().contains("Failed to create message digest")) {
                warnings.add(new ValidationIssue(i.code(), "not checked, the algorithm is not available: "
                        + i.message()));
            } else {
                errors.add(i);
            }
        }
        return new ValidationReport(errors, warnings);
    }

    private static List<ValidationIssue> issues(List<io.ocfl.api.model.ValidationIssue> found) {
        List<ValidationIssue> out = new ArrayList<>();
        for (io.ocfl.api.model.ValidationIssue i : found) {
            out.add(new ValidationIssue(i.getCode().name(), i.getMessage()));
        }
        return out;
    }

    /** Whether the object exists. */
    public boolean contains(String objectId) {
        return repository.containsObject(objectId);
    }

    /** The head version number, 0 when the object does not exist. */
    public int head(String objectId) {
        if (!repository.containsObject(objectId)) return 0;
        return (int) repository.describeObject(objectId).getHeadVersionNum().getVersionNum();
    }

    /**
     * Writes {@code content} to {@code path} of the object as a new version (creating the object), reading it once:
     * {@link ContentStager} hashes it with SHA-512 (OCFL's digest) and, on a second thread, SHA-256 (kept in the
     * record) while writing it to a staging file, which ocfl-java then moves (file system) or uploads (cloud) into
     * the version without reading it again. On a file system the content file (synced in the background as it was
     * staged), the version's inventories and the directories are synced in one round before this returns, and the
     * version is removed again if that fails; a cloud store has the version when its uploads are acknowledged.
     */
    public Written write(String objectId, String path, InputStream content, String user, String message) {
        Path staged = null;
        try {
            staged = Files.createTempFile(workDir, "attach-", ".part");
            ContentStager.Staged s = ContentStager.stage(content, staged, root != null);
            Path source = staged;
            ObjectVersionId id = repository.updateObject(ObjectVersionId.head(objectId), info(user, message),
                    u -> {
                        // the digest was computed from the bytes as they were written; ocfl-java moves the file in
                        u.unsafeAddPath(s.sha512(), source, path, OcflOption.MOVE_SOURCE, OcflOption.OVERWRITE);
                        // opt-in only: ocfl-java re-reads the whole file to compute the value it records
                        if (sha256Fixity) u.addFileFixity(path, DigestAlgorithmRegistry.sha256, s.sha256());
                    });
            if (root != null) syncOrUndo(objectId, id);
            return new Written((int) id.getVersionNum().getVersionNum(), s.size(), s.sha256(), s.sha512());
        } catch (IOException e) {
            throw new StorageException("cannot write " + path + " to OCFL object " + objectId + ": " + e.getMessage(),
                    e);
        } catch (OcflJavaException e) {
            throw translate("cannot write " + path + " to OCFL object " + objectId, e);
        } finally {
            if (staged != null) {
                try {
                    Files.deleteIfExists(staged);
                } catch (IOException ignored) {
                    // a leftover staging file is harmless: the work directory is outside the storage root
                }
            }
        }
    }

    /** A file to write with {@link #writeAll}: its logical path and where its content comes from. */
    public record NewContent(String path, ContentSource source) {}

    /** Opens the content of a file to write; {@link #writeAll} reads it to its end and closes it. */
    @FunctionalInterface
    public interface ContentSource {
        InputStream open() throws IOException;
    }

    /** What {@link #writeAll} stored: the new version, and each file's size and digests, in the order given. */
    public record WrittenAll(int version, List<Written> files) {}

    /** How many files {@link #writeAll} stages at once, one thread each. */
    static final int STAGING_WORKERS = 2;

    /**
     * Writes every file of {@code files} (distinct paths) into the object as ONE new version, reading each once:
     * the files are staged side by side, {@link #STAGING_WORKERS} at a time, each on one thread end to end (read,
     * SHA-512, SHA-256, write; {@link ContentStager#stageAlone}), so that the hashing of two files keeps both cores
     * busy where one file's two digests on two threads would interfere; then one ocfl-java update moves them all
     * in and, on a file system, one sync round puts the version on disk (removing it again if that fails). A single
     * file is staged as {@link #write} does. The first failure wins: the other worker stops at its next chunk,
     * every staged file is deleted, no staging thread is left running, and the object is unchanged.
     */
    public WrittenAll writeAll(String objectId, List<NewContent> files, String user, String message) {
        if (files.isEmpty()) throw new IllegalArgumentException("no files");
        List<Path> staged = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) staged.add(Files.createTempFile(workDir, "attach-", ".part"));
            ContentStager.Staged[] out = stageAll(files, staged);
            ObjectVersionId id = repository.updateObject(ObjectVersionId.head(objectId), info(user, message),
                    u -> {
                        for (int i = 0; i < out.length; i++) {
                            String path = files.get(i).path();
                            u.unsafeAddPath(out[i].sha512(), staged.get(i), path, OcflOption.MOVE_SOURCE,
                                    OcflOption.OVERWRITE);
                            if (sha256Fixity) u.addFileFixity(path, DigestAlgorithmRegistry.sha256, out[i].sha256());
                        }
                    });
            if (root != null) syncOrUndo(objectId, id);
            int version = (int) id.getVersionNum().getVersionNum();
            List<Written> written = new ArrayList<>();
            for (ContentStager.Staged s : out) written.add(new Written(version, s.size(), s.sha256(), s.sha512()));
            return new WrittenAll(version, written);
        } catch (IOException e) {
            throw new StorageException("cannot write " + files.size() + " file(s) to OCFL object " + objectId + ": "
                    + e.getMessage(), e);
        } catch (OcflJavaException e) {
            throw translate("cannot write " + files.size() + " file(s) to OCFL object " + objectId, e);
        } finally {
            for (Path p : staged) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover staging file is harmless: the work directory is outside the storage root
                }
            }
        }
    }

    /** Stages {@code files[i]} into {@code targets[i]}, several at once; see {@link #writeAll}. */
    private ContentStager.Staged[] stageAll(List<NewContent> files, List<Path> targets) throws IOException {
        ContentStager.Staged[] out = new ContentStager.Staged[files.size()];
        boolean writeBack = root != null;
        if (files.size() == 1) {
            try (InputStream in = files.get(0).source().open()) {
                out[0] = ContentStager.stage(in, targets.get(0), writeBack);
            }
            return out;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        Runnable worker = () -> {
            for (int i; failure.get() == null && (i = next.getAndIncrement()) < out.length; ) {
                try (InputStream in = files.get(i).source().open()) {
                    out[i] = ContentStager.stageAlone(in, targets.get(i), writeBack, () -> failure.get() != null);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t); // the first failure wins; the others stop because of it
                }
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int w = 1; w < Math.min(STAGING_WORKERS, files.size()); w++) {
            Thread t = new Thread(worker, "archivekit-ocfl-stage-" + w);
            t.setDaemon(true);
            t.start();
            helpers.add(t);
        }
        worker.run(); // this thread is a worker too
        boolean interrupted = false;
        for (Thread t : helpers) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the helper writes into a file about to be deleted: it must end first
                    failure.compareAndSet(null, new java.io.InterruptedIOException("staging interrupted"));
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable f = failure.get();
        if (f instanceof IOException io) throw io;
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error err) throw err;
        if (f != null) throw new IOException(f);
        return out;
    }

    /** Syncs version {@code id}; when that fails (a full disk, an I/O error), removes the version again. */
    private void syncOrUndo(String objectId, ObjectVersionId id) throws IOException {
        try {
            syncVersion(objectId, repository.describeVersion(id));
        } catch (IOException | RuntimeException e) {
            try {
                rollback(objectId, (int) id.getVersionNum().getVersionNum() - 1);
            } catch (RuntimeException undo) {
                e.addSuppressed(undo); // reconcile removes it later
            }
            throw e;
        }
    }

    /**
     * Puts what ocfl-java wrote for version {@code v} on stable storage (it does not sync): the version's
     * inventory and sidecar, the root inventory and sidecar, the content files the version added (mostly on disk
     * already, see {@link ContentStager}), and the directories whose entries changed, up to the storage root; all
     * in one round, so the disk commits them together.
     */
    private void syncVersion(String objectId, VersionDetails v) throws IOException {
        Path root = java.util.Objects.requireNonNull(this.root, "a file-system root");
        String version = v.getVersionNum().toString();
        Path objectRoot = null;
        java.util.Set<Path> files = new java.util.LinkedHashSet<>();
        java.util.Set<Path> dirs = new java.util.LinkedHashSet<>();
        for (FileDetails f : v.getFiles()) {
            java.util.regex.Matcher m = VERSION_IN_PATH.matcher(f.getStorageRelativePath());
            if (!m.find()) continue;
            objectRoot = root.resolve(m.group(1));
            if (!m.group(2).equals(version)) continue; // content of an older version, synced back then
            Path file = root.resolve(f.getStorageRelativePath());
            files.add(file); // staged with syncs in the background; the rest of it goes to disk with this round
            for (Path dir = file.getParent(); !dir.equals(objectRoot); dir = dir.getParent()) dirs.add(dir);
        }
        // an object left without files: where it is shows in the version before (an object starts with a file)
        long number = v.getVersionNum().getVersionNum();
        for (long earlier = number - 1; objectRoot == null && earlier >= 1; earlier--) {
            for (FileDetails f : repository.describeVersion(ObjectVersionId.version(objectId, (int) earlier)).getFiles()) {
                java.util.regex.Matcher m = VERSION_IN_PATH.matcher(f.getStorageRelativePath());
                if (m.find()) objectRoot = root.resolve(m.group(1));
            }
        }
        if (objectRoot == null) return; // no version ever held a file: nothing was written
        Path versionDir = objectRoot.resolve(version);
        files.add(versionDir.resolve("inventory.json"));
        files.add(versionDir.resolve("inventory.json.sha512"));
        files.add(objectRoot.resolve("inventory.json"));
        files.add(objectRoot.resolve("inventory.json.sha512"));
        dirs.add(versionDir);
        dirs.add(objectRoot);
        if (v.getVersionNum().getVersionNum() == 1) { // a new object: its directory and the layout's above it
            for (Path dir = objectRoot.getParent(); dir != null && dir.startsWith(root); dir = dir.getParent()) {
                dirs.add(dir);
            }
        }
        ContentStager.syncAll(files, dirs);
    }

    private static final Pattern VERSION_IN_PATH = Pattern.compile("^(.+?)/(v\\d+)/");

    /** Removes {@code path} from the object as a new version; returns its number. */
    public int remove(String objectId, String path, String user, String message) {
        try {
            ObjectVersionId id = repository.updateObject(ObjectVersionId.head(objectId), info(user, message),
                    u -> u.removeFile(path));
            if (root != null) syncOrUndo(objectId, id);
            return (int) id.getVersionNum().getVersionNum();
        } catch (IOException e) {
            throw new StorageException("cannot remove " + path + " from OCFL object " + objectId + ": "
                    + e.getMessage(), e);
        } catch (OcflJavaException e) {
            throw translate("cannot remove " + path + " from OCFL object " + objectId, e);
        }
    }

    /** Makes {@code version} the head again, deleting the versions after it; 0 deletes the object. */
    public void rollback(String objectId, int version) {
        try {
            if (version == 0) repository.purgeObject(objectId);
            else repository.rollbackToVersion(ObjectVersionId.version(objectId, version));
        } catch (OcflJavaException e) {
            throw translate("cannot roll OCFL object " + objectId + " back to version " + version, e);
        }
    }

    /** The files of the head version, by logical path; empty when the object does not exist. */
    public Map<String, HeadFile> headFiles(String objectId) {
        if (!repository.containsObject(objectId)) return Map.of();
        return filesOf(repository.describeObject(objectId).getHeadVersion());
    }

    private static Map<String, HeadFile> filesOf(VersionDetails v) {
        Map<String, HeadFile> out = new LinkedHashMap<>();
        for (FileDetails f : v.getFiles()) {
            Map<DigestAlgorithm, String> fixity = f.getFixity();
            out.put(f.getPath(), new HeadFile(f.getPath(), fixity.get(DigestAlgorithmRegistry.sha512),
                    fixity.get(DigestAlgorithmRegistry.sha256)));
        }
        return out;
    }

    /** Every version of the object, oldest first; empty when it does not exist. */
    public List<Version> versions(String objectId) {
        if (!repository.containsObject(objectId)) return List.of();
        ObjectDetails d = repository.describeObject(objectId);
        List<Version> out = new ArrayList<>();
        for (Map.Entry<VersionNum, VersionDetails> e : d.getVersionMap().entrySet()) {
            VersionDetails v = e.getValue();
            VersionInfo info = v.getVersionInfo();
            String user = info == null || info.getUser() == null ? "" : info.getUser().getName();
            String message = info == null || info.getMessage() == null ? "" : info.getMessage();
            out.add(new Version((int) e.getKey().getVersionNum(), v.getCreated().toInstant(), user, message,
                    v.getFiles().stream().map(FileDetails::getPath).sorted().collect(Collectors.toList())));
        }
        out.sort((a, b) -> Integer.compare(a.number(), b.number()));
        return out;
    }

    /**
     * The SHA-256 of {@code path} in version {@code version}, computed by reading it (its SHA-512 checked on the
     * way): for files whose inventory records no SHA-256 fixity and whose record predates the SHA-512 it keeps.
     */
    public String sha256Of(String objectId, int version, String path) {
        MessageDigest sha256 = digest("SHA-256");
        try {
            OcflObjectVersion v = repository.getObject(ObjectVersionId.version(objectId, version));
            try (InputStream in = new FixityChecked(v.getFile(path).getStream(), objectId + "/" + path)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) >= 0; ) sha256.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new StorageException("cannot read " + path + " of OCFL object " + objectId + ": " + e.getMessage(),
                    e);
        } catch (OcflJavaException e) {
            throw translate("cannot read " + path + " of OCFL object " + objectId, e);
        }
    }

    /** The files of version {@code version}, by logical path. */
    public Map<String, HeadFile> filesAt(String objectId, int version) {
        return filesOf(repository.describeVersion(ObjectVersionId.version(objectId, version)));
    }

    /**
     * The content of {@code path} in the head version; reading to the end checks its SHA-512 and throws {@link
     * StorageException} on a mismatch.
     */
    public Optional<InputStream> read(String objectId, String path) {
        return headStream(objectId, path).map(in -> new FixityChecked(in, objectId + "/" + path));
    }

    private Optional<FixityCheckInputStream> headStream(String objectId, String path) {
        try {
            if (!repository.containsObject(objectId)) return Optional.empty();
            OcflObjectVersion v = repository.getObject(ObjectVersionId.head(objectId));
            if (!v.containsFile(path)) return Optional.empty();
            return Optional.of(v.getFile(path).getStream());
        } catch (OcflJavaException e) {
            throw translate("cannot read " + path + " of OCFL object " + objectId, e);
        }
    }

    /** A head-version file opened without its own digest pass, and the SHA-512 its bytes must have. */
    public record Unchecked(InputStream stream, String sha512) {}

    /**
     * The content of {@code path} in the head version for a copier that hashes the bytes with SHA-512 anyway: the
     * stream does no digest of its own, so the caller must compare its digest with {@link Unchecked#sha512()}.
     */
    public Optional<Unchecked> readUnchecked(String objectId, String path) {
        return headStream(objectId, path).map(in -> {
            in.enableFixityCheck(false);
            in.on(false);
            return new Unchecked(in, in.getExpectedDigestValue());
        });
    }

    /**
     * Removes what a process killed inside ocfl-java leaves in the storage root: an object root without its
     * inventory (an interrupted creation: the whole directory goes) and version directories past an inventory's
     * head (an interrupted version: those directories go). Returns one line per repair.
     */
    public List<String> repairInterrupted() {
        if (root == null) return repairInterruptedInCloud();
        Path root = this.root;
        List<String> repaired = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(root, 4)) {
            List<Path> objectRoots = dirs.filter(p -> root.relativize(p).getNameCount() == 4)
                    .filter(Files::isDirectory).collect(Collectors.toList());
            for (Path objectRoot : objectRoots) {
                String name = objectRoot.getFileName().toString();
                Path inventory = objectRoot.resolve("inventory.json");
                if (!intact(objectRoot)) {
                    // killed while the root inventory was being replaced, or before the first one was written:
                    // the newest version inventory whose sidecar digest matches becomes the root inventory again
                    Optional<Path> latest = newestIntactVersion(objectRoot);
                    if (latest.isEmpty()) {
                        deleteTree(objectRoot);
                        repaired.add("object " + name + ": an interrupted creation (no inventory) removed");
                        continue;
                    }
                    Files.copy(latest.get().resolve("inventory.json"), inventory, StandardCopyOption.REPLACE_EXISTING);
                    Files.copy(latest.get().resolve("inventory.json.sha512"),
                            objectRoot.resolve("inventory.json.sha512"), StandardCopyOption.REPLACE_EXISTING);
                    repaired.add("object " + name + ": root inventory restored from " + latest.get().getFileName());
                }
                String head = MAPPER.readTree(inventory.toFile()).path("head").asText("");
                if (!head.matches("v\\d+")) continue; // not ours to guess; validation reports it
                int headNumber = Integer.parseInt(head.substring(1));
                List<String> removed = new ArrayList<>();
                try (Stream<Path> entries = Files.list(objectRoot)) {
                    for (Path p : entries.collect(Collectors.toList())) {
                        String v = p.getFileName().toString();
                        if (Files.isDirectory(p) && v.matches("v\\d+")
                                && Integer.parseInt(v.substring(1)) > headNumber) {
                            deleteTree(p);
                            removed.add(v);
                        }
                    }
                }
                if (!removed.isEmpty()) {
                    repaired.add("object " + name + ": interrupted version " + String.join(", ", removed) + " removed");
                }
            }
        } catch (IOException e) {
            throw StorageException.from(e);
        }
        if (!repaired.isEmpty()) repository.invalidateCache();
        return repaired;
    }

    /**
     * {@link #repairInterrupted} for a cloud root, where a killed writer leaves keys instead of directories: ocfl-java
     * uploads a version's content, then its inventory, then replaces the root inventory, so the same two cases
     * arise (an object without an intact root inventory, and version keys past the head), found by listing the
     * bucket's keys under the repository prefix.
     */
    private List<String> repairInterruptedInCloud() {
        CloudClient c = java.util.Objects.requireNonNull(cloud, "a cloud root");
        Map<String, List<String>> byObject = new java.util.TreeMap<>(); // object root -> paths below it
        for (io.ocfl.core.storage.cloud.ListResult.ObjectListing o : c.list("").getObjects()) {
            String path = o.getKey().getPath();
            String[] parts = path.split("/");
            // the hashed n-tuple layout: three 3-digit directories, then the object root
            if (parts.length < 5 || !parts[0].matches("[0-9a-f]{3}")) continue;
            String objectRoot = String.join("/", parts[0], parts[1], parts[2], parts[3]);
            byObject.computeIfAbsent(objectRoot, k -> new ArrayList<>()).add(path.substring(objectRoot.length() + 1));
        }
        List<String> repaired = new ArrayList<>();
        try {
            for (Map.Entry<String, List<String>> e : byObject.entrySet()) {
                String objectRoot = e.getKey();
                String name = objectRoot.substring(objectRoot.lastIndexOf('/') + 1);
                List<String> keys = e.getValue();
                java.util.TreeSet<Integer> versions = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
                for (String k : keys) {
                    java.util.regex.Matcher m = VERSION_DIR.matcher(k);
                    if (m.find()) versions.add(Integer.parseInt(m.group(1)));
                }
                if (!intactInCloud(c, objectRoot + "/")) {
                    Integer latest = null;
                    for (int v : versions) {
                        if (intactInCloud(c, objectRoot + "/v" + v + "/")) {
                            latest = v;
                            break;
                        }
                    }
                    if (latest == null) {
                        c.safeDeleteObjects(keys.stream().map(k -> objectRoot + "/" + k).collect(Collectors.toList()));
                        repaired.add("object " + name + ": an interrupted creation (no inventory) removed");
                        continue;
                    }
                    c.copyObject(objectRoot + "/v" + latest + "/inventory.json", objectRoot + "/inventory.json");
                    c.copyObject(objectRoot + "/v" + latest + "/inventory.json.sha512",
                            objectRoot + "/inventory.json.sha512");
                    repaired.add("object " + name + ": root inventory restored from v" + latest);
                }
                String head;
                try (InputStream in = c.downloadStream(objectRoot + "/inventory.json")) {
                    head = MAPPER.readTree(in).path("head").asText("");
                }
                if (!head.matches("v\\d+")) continue; // not ours to guess; validation reports it
                int headNumber = Integer.parseInt(head.substring(1));
                List<String> stale = new ArrayList<>();
                java.util.TreeSet<String> removed = new java.util.TreeSet<>();
                for (String k : keys) {
                    java.util.regex.Matcher m = VERSION_DIR.matcher(k);
                    if (m.find() && Integer.parseInt(m.group(1)) > headNumber) {
                        stale.add(objectRoot + "/" + k);
                        removed.add("v" + m.group(1));
                    }
                }
                if (!stale.isEmpty()) {
                    c.safeDeleteObjects(stale);
                    repaired.add("object " + name + ": interrupted version " + String.join(", ", removed) + " removed");
                }
            }
        } catch (IOException e) {
            throw StorageException.from(e);
        } catch (OcflJavaException e) {
            throw translate("cannot repair the OCFL storage root", e);
        }
        if (!repaired.isEmpty()) repository.invalidateCache();
        return repaired;
    }

    private static final Pattern VERSION_DIR = Pattern.compile("^v(\\d+)/");

    /** Whether {@code dir} (a key prefix ending in '/') holds an inventory matching its SHA-512 sidecar. */
    private static boolean intactInCloud(CloudClient c, String dir) throws IOException {
        byte[] inventory;
        String sidecar;
        try (InputStream in = c.downloadStream(dir + "inventory.json")) {
            inventory = in.readAllBytes();
            sidecar = c.downloadString(dir + "inventory.json.sha512");
        } catch (io.ocfl.core.storage.cloud.KeyNotFoundException | NotFoundException e) {
            return false;
        }
        String[] parts = sidecar.trim().split("\\s+");
        String actual = HexFormat.of().formatHex(digest("SHA-512").digest(inventory));
        return parts.length > 0 && actual.equalsIgnoreCase(parts[0]);
    }

    /** The newest version directory whose inventory matches its SHA-512 sidecar. */
    private static Optional<Path> newestIntactVersion(Path objectRoot) throws IOException {
        List<Path> versions;
        try (Stream<Path> entries = Files.list(objectRoot)) {
            versions = entries.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("v\\d+"))
                    .sorted(java.util.Comparator.comparingInt(
                            (Path p) -> Integer.parseInt(p.getFileName().toString().substring(1))).reversed())
                    .collect(Collectors.toList());
        }
        for (Path v : versions) {
            if (intact(v)) return Optional.of(v);
        }
        return Optional.empty();
    }

    /** Whether {@code dir} holds an inventory that matches its SHA-512 sidecar. */
    private static boolean intact(Path dir) throws IOException {
        Path inv = dir.resolve("inventory.json");
        Path sidecar = dir.resolve("inventory.json.sha512");
        if (!Files.exists(inv) || !Files.exists(sidecar)) return false;
        String[] parts = Files.readString(sidecar).trim().split("\\s+");
        String actual = HexFormat.of().formatHex(digest("SHA-512").digest(Files.readAllBytes(inv)));
        return parts.length > 0 && actual.equalsIgnoreCase(parts[0]);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    /** The ids of every object, lazily; close the stream. */
    public Stream<String> objectIds() {
        return repository.listObjectIds();
    }

    @Override
    public void close() {
        repository.close();
    }

    private static VersionInfo info(String user, String message) {
        return new VersionInfo().setUser(user, "archivekit:user/" + user).setMessage(message);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java platform", e);
        }
    }

    /** Translates ocfl-java's exceptions into archive-core's, keeping the cause. */
    static RuntimeException translate(String what, OcflJavaException e) {
        if (e instanceof NotFoundException) {
            return org.archivekit.core.NotFoundException.of("OCFL object or file", what);
        }
        if (e instanceof OcflIOException && e.getCause() instanceof IOException) {
            return new StorageException(what + ": " + e.getCause().getMessage(), e);
        }
        return new StorageException(what + ": " + e.getMessage(), e);
    }

    /** Checks the SHA-512 when the end of the stream is reached; a mismatch is a {@link StorageException}. */
    private static final class FixityChecked extends FilterInputStream {
        private final FixityCheckInputStream checked;
        private final String name;
        private boolean done;

        FixityChecked(FixityCheckInputStream in, String name) {
            super(in);
            this.checked = in;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) atEnd();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) atEnd();
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipped bytes would not be hashed; read them instead
            byte[] buffer = new byte[8192];
            long left = n;
            while (left > 0) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, left));
                if (r < 0) break;
                left -= r;
            }
            return n - left;
        }

        private void atEnd() {
            if (done) return;
            done = true;
            try {
                checked.checkFixity();
            } catch (FixityCheckException e) {
                throw failed(e);
            }
        }

        private StorageException failed(FixityCheckException e) {
            return new StorageException("fixity check failed for " + name
                    + ": the stored bytes no longer match their SHA-512; run 'archivekit verify'", e);
        }
    }
}
