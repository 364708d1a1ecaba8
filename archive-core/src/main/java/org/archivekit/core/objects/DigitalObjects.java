package org.archivekit.core.objects;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.archivekit.core.AccessRestrictedException;
import org.archivekit.core.Archive;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.StorageException;
import org.archivekit.core.access.Lineage;
import org.archivekit.core.access.Principal;
import org.archivekit.core.internal.LineageResolver;
import org.archivekit.core.internal.ocfl.OcflSupport;
import org.archivekit.core.model.AuditEvent;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.jspecify.annotations.Nullable;

/**
 * The files attached to descriptions, kept in an OCFL 1.1 storage root: each description has one OCFL object
 * whose files are content-addressed with SHA-512, and every attach or remove makes a new OCFL version. The
 * description's {@link Description#digitalObjects()} list (name, media type, size, SHA-256) is kept in step.
 *
 * <p><b>Access.</b> Files follow their description: a caller who cannot see the record gets {@link
 * NotFoundException} for its files, names, sizes and checksums, exactly as for a record that does not exist.
 * Writing needs the right to change the record.
 *
 * <p><b>Atomicity.</b> A change writes the OCFL version first and then saves the record; if the save fails the
 * version is rolled back, so the caller sees both or neither. A crash between the two leaves an OCFL version no
 * record knows of; {@link #reconcile} (run after a crash, or at start) removes such versions and reports them.
 *
 * <p><b>Where.</b> The storage root is a directory or a cloud bucket, as an {@link ObjectStorage} says (archive-s3
 * builds one for S3); docs/digital-objects.md states what one writer and crash safety mean on each.
 *
 * <p><b>One writer.</b> Opening for writing takes a lock file (beside a directory root, in the work directory of a
 * cloud one); a second process (or a second instance in this one) on the same machine is refused with {@link
 * StorageException} until the first is closed. Readers use {@link #openReadOnly}. Instances are thread-safe;
 * changes run one at a time.
 *
 * @since 0.2
 */
public final class DigitalObjects implements AutoCloseable {
    private static final String OBJECT_ID_PREFIX = "info:archivekit/";

    private final Archive archive;
    private final OcflSupport ocfl;
    private final ObjectStorage storage;
    private final @Nullable FileChannel lockChannel;
    private final ReentrantLock writes = new ReentrantLock(true);

    private DigitalObjects(Archive archive, OcflSupport ocfl, ObjectStorage storage,
            @Nullable FileChannel lockChannel) {
        this.archive = archive;
        this.ocfl = ocfl;
        this.storage = storage;
        this.lockChannel = lockChannel;
    }

    /**
     * Opens the storage root {@code root} (created when missing) for reading and writing the files of {@code
     * archive}'s descriptions; close it to let another writer in. The same as {@code open(archive,
     * ObjectStorage.fileSystem(root))}.
     *
     * @throws StorageException when another process (or instance) has it open for writing, or it cannot be opened
     */
    public static DigitalObjects open(Archive archive, Path root) {
        return open(archive, ObjectStorage.fileSystem(root));
    }

    /**
     * Opens the storage root {@code storage} describes (a directory, created when missing, or a cloud bucket) for
     * reading and writing the files of {@code archive}'s descriptions; close it to let another writer in.
     *
     * @throws StorageException when another process (or instance) on this machine has it open for writing, or it
     *     cannot be opened
     */
    public static DigitalObjects open(Archive archive, ObjectStorage storage) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(storage, "storage");
        Path lockFile = storage.lockFile();
        FileChannel channel = null;
        try {
            java.nio.file.Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new StorageException("the digital objects in " + storage.description() + " are open for"
                        + " writing by another process (lock " + lockFile + "); close it first, or open them"
                        + " read-only", new IOException("lock held: " + lockFile));
            }
            return new DigitalObjects(archive, ocfl(storage), storage, channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw StorageException.from(e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Opens the storage root {@code root} for reading only; any number of readers may run beside one writer. */
    public static DigitalObjects openReadOnly(Archive archive, Path root) {
        return openReadOnly(archive, ObjectStorage.fileSystem(root));
    }

    /** Opens the storage root {@code storage} describes for reading only, beside at most one writer. */
    public static DigitalObjects openReadOnly(Archive archive, ObjectStorage storage) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(storage, "storage");
        return new DigitalObjects(archive, ocfl(storage), storage, null);
    }

    private static OcflSupport ocfl(ObjectStorage storage) {
        return OcflSupport.open(storage.fileSystemRoot().orElse(null), storage.cloudClient(), storage.workDir(),
                storage.sha256Fixity());
    }

    /**
     * The directory of the OCFL storage root.
     *
     * @throws IllegalStateException for a cloud storage root, which has none; see {@link #storage()}
     */
    public Path root() {
        return storage.fileSystemRoot().orElseThrow(() -> new IllegalStateException("the storage root "
                + storage.description() + " is not a directory"));
    }

    /** Where the OCFL storage root is. */
    public ObjectStorage storage() {
        return storage;
    }

    // ---------------------------------------------------------------- reads

    /**
     * The files of record {@code id}, as its description lists them.
     *
     * @throws NotFoundException when the record is missing or hidden from {@code caller}
     */
    public List<DigitalObjectRef> files(Principal caller, DescriptionId id) {
        return archive.get(caller, id).digitalObjects();
    }

    /**
     * The content of file {@code fileName} of record {@code id}; reading it to the end checks its SHA-512, and a
     * mismatch throws {@link StorageException} from {@code read}. Close the stream.
     *
     * @throws NotFoundException when the record is missing or hidden from {@code caller}, or has no such file
     */
    public InputStream read(Principal caller, DescriptionId id, String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        Description d = archive.get(caller, id);
        if (d.digitalObjects().stream().noneMatch(r -> r.fileName().equals(fileName))) {
            throw NotFoundException.of("file", id.value() + "/" + fileName);
        }
        return ocfl.read(objectId(id), fileName).orElseThrow(() -> new StorageException("record '" + id
                + "' lists " + fileName + " but its OCFL object lacks it; run 'archivekit reconcile'",
                new NoSuchFileException(objectId(id) + "/" + fileName)));
    }

    /**
     * Whether the object of record {@code id} holds file {@code fileName} that the record lists; false when the
     * record lists a file whose content was never stored here (records imported with file lists from elsewhere).
     *
     * @throws NotFoundException when the record is missing or hidden from {@code caller}
     */
    public boolean isStored(Principal caller, DescriptionId id, String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        Description d = archive.get(caller, id);
        return d.digitalObjects().stream().anyMatch(r -> r.fileName().equals(fileName))
                && ocfl.headFiles(objectId(id)).containsKey(fileName);
    }

    /**
     * Hands the content of file {@code fileName} of record {@code id} to {@code copier}, which reads it to the end
     * and returns the SHA-512 it computed on the way (a bag writer hashes every payload file anyway); the digest is
     * then checked against the object's content address, so the file is read and hashed once, with its fixity
     * still checked. A mismatch is a {@link StorageException}, as for {@link #read}.
     *
     * @throws NotFoundException when the record is missing or hidden from {@code caller}, or has no such file
     */
    public void copy(Principal caller, DescriptionId id, String fileName, HashingCopier copier) {
        if (!copyIfStored(caller, id, fileName, copier)) {
            throw new StorageException("record '" + id + "' lists " + fileName + " but its OCFL object lacks it; run"
                    + " 'archivekit reconcile'", new NoSuchFileException(objectId(id) + "/" + fileName));
        }
    }

    /**
     * {@link #copy} for a file that may never have been stored here (records imported with file lists from
     * elsewhere): returns false, without calling {@code copier}, when the object lacks the listed file. One record
     * lookup and one object read, where {@link #isStored} then {@link #copy} take two of each.
     *
     * @throws NotFoundException when the record is missing or hidden from {@code caller}, or does not list the file
     * @throws StorageException when the bytes read fail their fixity check
     */
    public boolean copyIfStored(Principal caller, DescriptionId id, String fileName, HashingCopier copier) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(copier, "copier");
        Description d = archive.get(caller, id);
        if (d.digitalObjects().stream().noneMatch(r -> r.fileName().equals(fileName))) {
            throw NotFoundException.of("file", id.value() + "/" + fileName);
        }
        Optional<OcflSupport.Unchecked> stored = ocfl.readUnchecked(objectId(id), fileName);
        if (stored.isEmpty()) return false;
        OcflSupport.Unchecked content = stored.get();
        String actual;
        try (InputStream in = content.stream()) {
            actual = copier.copy(in);
        } catch (IOException e) {
            throw StorageException.from(e);
        }
        if (!content.sha512().equalsIgnoreCase(actual)) {
            throw new StorageException("fixity check failed for " + objectId(id) + "/" + fileName + ": expected"
                    + " SHA-512 " + content.sha512() + ", the copy read " + actual,
                    new IOException("SHA-512 mismatch"));
        }
        return true;
    }

    /** Copies a file's content somewhere, returning the SHA-512 (hex) of the bytes it read; see {@link #copy}. */
    @FunctionalInterface
    public interface HashingCopier {
        /** Reads {@code content} to its end (not closing it) and returns the SHA-512 of what it read, in hex. */
        String copy(InputStream content) throws IOException;
    }

    /**
     * The versions of record {@code id}'s object, oldest first; empty when it never had files.
     *
     * @throws NotFoundException when the record is missing or hidden from {@code caller}
     */
    public List<ObjectVersion> versions(Principal caller, DescriptionId id) {
        archive.get(caller, id);
        return ocfl.versions(objectId(id)).stream()
                .map(v -> new ObjectVersion(v.number(), v.created(), v.user(), v.message(), v.paths()))
                .collect(Collectors.toList());
    }

    /**
     * Validates record {@code id}'s OCFL object against the specification, re-hashing its content when {@code
     * contentFixity}.
     *
     * @throws NotFoundException when the record is missing or hidden from {@code caller}, or has no object
     */
    public ValidationReport validate(Principal caller, DescriptionId id, boolean contentFixity) {
        archive.get(caller, id);
        if (!ocfl.contains(objectId(id))) throw NotFoundException.of("digital object of", id.value());
        return ocfl.validateObject(objectId(id), contentFixity);
    }

    // ---------------------------------------------------------------- writes

    /**
     * Adds (or replaces) file {@code fileName} of record {@code id} with {@code content}, read once as a stream,
     * as a new OCFL version, and saves the record with the file listed; returns the saved record.
     *
     * @throws InvalidRequestException when the name or media type is not acceptable
     * @throws NotFoundException when the record is missing or hidden from {@code actor}
     * @throws AccessRestrictedException when {@code actor} may not change the record
     * @throws StorageException when reading {@code content} or writing the object fails; nothing is changed
     */
    public Description attach(Principal actor, DescriptionId id, String fileName, String mediaType,
            InputStream content) {
        Objects.requireNonNull(content, "content");
        checkName(fileName, mediaType);
        return change(actor, id, d -> {
            OcflSupport.Written w = ocfl.write(objectId(id), fileName, content, actor.id(),
                    "attach " + fileName + " (record " + id + " version " + (d.version() + 1) + ")");
            List<DigitalObjectRef> refs = new ArrayList<>();
            for (DigitalObjectRef r : d.digitalObjects()) if (!r.fileName().equals(fileName)) refs.add(r);
            refs.add(new DigitalObjectRef(fileName, mediaType, w.size(), w.sha256(), w.sha512()));
            return refs;
        });
    }

    /**
     * Adds (or replaces) the files {@code files} of record {@code id} in ONE new OCFL version and saves the record
     * once with them all listed; returns the saved record. Each file's content is opened when its turn comes, read
     * once and closed. The files are staged side by side, two at a time, each on one thread end to end, so a batch
     * of large files costs about half the time of one {@link #attach} each; and one version means one sync round
     * and one record save for the whole batch. All or nothing: when any file fails, the others are stopped and
     * deleted and neither the object nor the record changes.
     *
     * @throws InvalidRequestException when the list is empty, a name or media type is not acceptable, or a name
     *     appears twice
     * @throws NotFoundException when the record is missing or hidden from {@code actor}
     * @throws AccessRestrictedException when {@code actor} may not change the record
     * @throws StorageException when reading a content or writing the object fails; nothing is changed
     * @since 0.2
     */
    public Description attachAll(Principal actor, DescriptionId id, List<NewFile> files) {
        Objects.requireNonNull(files, "files");
        if (files.isEmpty()) throw new InvalidRequestException("digitalObjects", "no files to attach");
        Set<String> names = new HashSet<>();
        List<OcflSupport.NewContent> contents = new ArrayList<>();
        for (NewFile f : files) {
            Objects.requireNonNull(f, "file");
            checkName(f.fileName(), f.mediaType());
            if (!names.add(f.fileName())) {
                throw new InvalidRequestException("digitalObjects", "'" + f.fileName() + "' appears twice");
            }
            contents.add(new OcflSupport.NewContent(f.fileName(), f.content()::open));
        }
        return change(actor, id, d -> {
            String message = files.size() == 1 ? "attach " + files.get(0).fileName()
                    : "attach " + files.size() + " files";
            OcflSupport.WrittenAll w = ocfl.writeAll(objectId(id), contents, actor.id(),
                    message + " (record " + id + " version " + (d.version() + 1) + ")");
            List<DigitalObjectRef> refs = new ArrayList<>();
            for (DigitalObjectRef r : d.digitalObjects()) if (!names.contains(r.fileName())) refs.add(r);
            for (int i = 0; i < files.size(); i++) {
                OcflSupport.Written f = w.files().get(i);
                refs.add(new DigitalObjectRef(files.get(i).fileName(), files.get(i).mediaType(), f.size(),
                        f.sha256(), f.sha512()));
            }
            return refs;
        });
    }

    /**
     * A file for {@link #attachAll}: its name on the record, its media type, and where its content comes from.
     *
     * @since 0.2
     */
    public record NewFile(String fileName, String mediaType, Content content) {
        public NewFile {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(content, "content");
        }

        /** The file {@code file} of the local file system, named {@code fileName} on the record. */
        public static NewFile of(String fileName, String mediaType, Path file) {
            Objects.requireNonNull(file, "file");
            return new NewFile(fileName, mediaType, () -> java.nio.file.Files.newInputStream(file));
        }
    }

    /** Opens the content of a {@link NewFile}; {@link #attachAll} reads it to its end and closes it. */
    @FunctionalInterface
    public interface Content {
        /** Opens the content, from its start. */
        InputStream open() throws IOException;
    }

    /**
     * Removes file {@code fileName} from record {@code id} as a new OCFL version (older versions keep it) and
     * saves the record without it; returns the saved record.
     *
     * @throws NotFoundException when the record is missing or hidden from {@code actor}, or has no such file
     * @throws AccessRestrictedException when {@code actor} may not change the record
     */
    public Description remove(Principal actor, DescriptionId id, String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        return change(actor, id, d -> {
            if (d.digitalObjects().stream().noneMatch(r -> r.fileName().equals(fileName))) {
                throw NotFoundException.of("file", id.value() + "/" + fileName);
            }
            ocfl.remove(objectId(id), fileName, actor.id(),
                    "remove " + fileName + " (record " + id + " version " + (d.version() + 1) + ")");
            return d.digitalObjects().stream().filter(r -> !r.fileName().equals(fileName))
                    .collect(Collectors.toList());
        });
    }

    /**
     * Stores new records together with their files, all or nothing (a bag import): for each record that lists
     * files, writes its object from {@code contents}, checking every file's size and SHA-256 against the record's
     * list; then stores all records in one {@link Archive#importAll}. If anything fails, the objects written are
     * rolled back, so the caller sees every record with its files or nothing. {@code records} is called twice and
     * must give the same records both times (a file read twice, say); they stream, so any number fits.
     *
     * @return how many records were stored
     * @throws org.archivekit.core.ConflictException when a record that lists files exists already
     * @throws InvalidRequestException when a file's content does not match its record's list
     * @throws AccessRestrictedException when {@code actor} may not import
     */
    public long importAll(Principal actor, Supplier<Iterator<Description>> records, Contents contents) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(contents, "contents");
        if (!actor.isStaff()) throw new AccessRestrictedException(actor.id() + " may not import records");
        requireWriter();
        writes.lock();
        Map<String, Integer> written = new LinkedHashMap<>(); // object id -> head before this import
        try {
            try {
                for (Iterator<Description> it = records.get(); it.hasNext(); ) {
                    Description d = it.next();
                    if (d.digitalObjects().isEmpty()) continue;
                    if (archive.store().find(d.id()).isPresent()) {
                        throw new org.archivekit.core.ConflictException("record '" + d.id() + "' exists already");
                    }
                    String objectId = objectId(d.id());
                    if (written.containsKey(objectId)) {
                        throw new InvalidRequestException("record '" + d.id() + "'", "appears twice");
                    }
                    written.put(objectId, ocfl.head(objectId));
                    for (DigitalObjectRef ref : d.digitalObjects()) {
                        checkName(ref.fileName(), ref.mediaType());
                        OcflSupport.Written w;
                        try (InputStream in = contents.open(d.id(), ref)) {
                            w = ocfl.write(objectId, ref.fileName(), in, actor.id(),
                                    "import " + ref.fileName() + " (record " + d.id() + ")");
                        } catch (IOException e) {
                            throw StorageException.from(e);
                        }
                        if (w.size() != ref.size() || !w.sha256().equals(ref.sha256())
                                || (ref.sha512() != null && !ref.sha512().equals(w.sha512()))) {
                            throw new InvalidRequestException("record '" + d.id() + "' file " + ref.fileName(),
                                    "the content (" + w.size() + " bytes, SHA-256 " + w.sha256() + ") is not the"
                                            + " file the record lists (" + ref.size() + " bytes, SHA-256 "
                                            + ref.sha256() + ")");
                        }
                    }
                }
                // the records keep each stored file's content address; the objects were just written
                Iterator<Description> stored = records.get();
                return archive.importAll(actor, new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return stored.hasNext();
                    }

                    @Override
                    public Description next() {
                        return withContentAddresses(stored.next());
                    }
                });
            } catch (RuntimeException e) {
                written.forEach((objectId, before) -> {
                    try {
                        ocfl.rollback(objectId, before);
                    } catch (RuntimeException undo) {
                        e.addSuppressed(undo); // reconcile reports what is left
                    }
                });
                throw e;
            }
        } finally {
            writes.unlock();
        }
    }

    /** {@code d} with the SHA-512 of each of its files that its object holds and it does not list yet. */
    private Description withContentAddresses(Description d) {
        if (d.digitalObjects().stream().allMatch(r -> r.sha512() != null)) return d;
        Map<String, OcflSupport.HeadFile> head = ocfl.headFiles(objectId(d.id()));
        List<DigitalObjectRef> refs = new ArrayList<>();
        for (DigitalObjectRef r : d.digitalObjects()) {
            OcflSupport.HeadFile f = head.get(r.fileName());
            refs.add(r.sha512() == null && f != null ? r.withSha512(f.sha512()) : r);
        }
        return d.toBuilder().digitalObjects(refs).build();
    }

    /** Where {@link #importAll} reads the files of the records it stores. */
    @FunctionalInterface
    public interface Contents {
        /** Opens the content of {@code file} of record {@code id}; the caller closes it. */
        InputStream open(DescriptionId id, DigitalObjectRef file) throws IOException;
    }

    private interface Change {
        List<DigitalObjectRef> apply(Description current);
    }

    /** Writes the OCFL side, then saves the record; rolls the object back when the save fails. */
    private Description change(Principal actor, DescriptionId id, Change change) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        requireWriter();
        writes.lock();
        try {
            Description d = archive.get(actor, id);
            Lineage lineage = new LineageResolver(archive.store(), archive.policy()).lineage(d);
            if (!archive.policy().canWrite(actor, lineage)) {
                throw new AccessRestrictedException(actor.id() + " may not change the files of record '" + id + "'");
            }
            int before = ocfl.head(objectId(id));
            List<DigitalObjectRef> refs = change.apply(d);
            try {
                return archive.update(actor, d.toBuilder().digitalObjects(refs).build());
            } catch (RuntimeException e) {
                try {
                    ocfl.rollback(objectId(id), before);
                } catch (RuntimeException undo) {
                    e.addSuppressed(undo); // reconcile removes the version later
                }
                throw e;
            }
        } finally {
            writes.unlock();
        }
    }

    // ---------------------------------------------------------------- audit and repair

    /**
     * Audits every object: re-hashes every file of each head version (SHA-512 against the inventory, SHA-256 and
     * size against the description), validates each object's structure, and compares the descriptions' lists
     * with the objects. The audit and its summary are recorded in the audit log.
     *
     * @throws AccessRestrictedException unless {@code actor} is an administrator
     */
    public FixityReport verify(Principal actor) {
        requireAdmin(actor, "verify");
        List<String> changed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> untracked = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        Set<DescriptionId> seen = new HashSet<>();
        int objects = 0;
        long files = 0;
        try (Stream<String> ids = ocfl.objectIds()) {
            for (Iterator<String> it = ids.iterator(); it.hasNext(); ) {
                String objectId;
                try {
                    objectId = it.next();
                } catch (RuntimeException e) {
                    invalid.add("an object cannot be listed (" + e.getMessage() + "); run reconcile");
                    break;
                }
                objects++;
                Optional<DescriptionId> id = descriptionId(objectId);
                Optional<Description> record = id.flatMap(x -> archive.store().find(x));
                if (record.isEmpty()) {
                    untracked.add(objectId + ": an object without a description");
                    continue;
                }
                seen.add(id.get());
                try {
                    audit(objectId, id.get(), record.get(), changed, missing, untracked, invalid, mismatched);
                } catch (RuntimeException e) {
                    invalid.add(id.get() + ": the object cannot be read (" + e.getMessage() + "); run reconcile");
                }
                files += ocfl.contains(objectId) ? safeCount(objectId) : 0;
            }
        }
        try (Stream<Description> all = archive.store().all(null)) {
            all.filter(d -> !d.digitalObjects().isEmpty() && !seen.contains(d.id())).forEach(d -> d.digitalObjects()
                    .forEach(r -> missing.add(d.id() + "/" + r.fileName() + ": listed, the record has no object")));
        }
        FixityReport report = new FixityReport(objects, files, changed, missing, untracked, invalid, mismatched);
        archive.store().appendAudit(new AuditEvent(0, archive.policy().now(), actor.id(), "verify", null, 0, 0,
                report.summary()));
        return report;
    }

    private long safeCount(String objectId) {
        try {
            return ocfl.headFiles(objectId).size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Audits one object against its record, adding what it finds to the lists. */
    private void audit(String objectId, DescriptionId recordId, Description record, List<String> changed,
            List<String> missing, List<String> untracked, List<String> invalid, List<String> mismatched) {
        Set<String> stray = new java.util.TreeSet<>(); // reported once per inventory; once is enough
        for (ValidationIssue i : ocfl.validateObject(objectId, false).errors()) {
            if (i.code().equals("E023")) {
                String m = i.message();
                stray.add(recordId + "/" + m.substring(m.lastIndexOf(": ") + 2)
                        + ": in the object's directory, in no inventory (E023)");
            } else {
                invalid.add(recordId + ": " + i);
            }
        }
        untracked.addAll(stray);
        Map<String, DigitalObjectRef> listed = byName(record.digitalObjects());
        for (OcflSupport.HeadFile f : ocfl.headFiles(objectId).values()) {
            String name = recordId + "/" + f.path();
            DigitalObjectRef ref = listed.remove(f.path());
            if (ref == null) untracked.add(name + ": in the object, not listed by the description");
            Hashed h;
            try {
                h = hash(objectId, f.path());
            } catch (IOException | RuntimeException e) {
                if (isMissingFile(e)) missing.add(name + ": content file is gone");
                else changed.add(name + ": " + e.getMessage());
                continue;
            }
            if (ref != null && ref.sha512() != null && !ref.sha512().equalsIgnoreCase(f.sha512())) {
                mismatched.add(name + ": the description gives SHA-512 " + ref.sha512() + "; the object holds "
                        + f.sha512());
            } else if (ref != null && (ref.size() != h.size || !ref.sha256().equals(h.sha256))) {
                mismatched.add(name + ": the description says " + ref.size() + " bytes, SHA-256 "
                        + ref.sha256() + "; the object holds " + h.size + " bytes, SHA-256 " + h.sha256);
            }
        }
        for (String name : listed.keySet()) missing.add(recordId + "/" + name + ": listed, not in the object");
    }

    /**
     * Makes the objects and the descriptions agree again after a crash: an object whose newest versions no
     * record knows of is rolled back to the version its description lists; a description listing files its
     * object lacks, where no version of the object matches it (this class never leaves that behind), loses those
     * entries. Records without an object are left alone. Records the outcome in the audit log.
     *
     * @throws AccessRestrictedException unless {@code actor} is an administrator
     */
    public ReconcileReport reconcile(Principal actor) {
        requireAdmin(actor, "reconcile");
        requireWriter();
        writes.lock();
        try {
            List<String> rolledBack = new ArrayList<>();
            List<String> detached = new ArrayList<>();
            List<String> orphans = new ArrayList<>();
            rolledBack.addAll(ocfl.repairInterrupted()); // before listing: a half-made object cannot be listed
            List<String> objectIds;
            try (Stream<String> ids = ocfl.objectIds()) {
                objectIds = ids.collect(Collectors.toList());
            }
            for (String objectId : objectIds) {
                Optional<DescriptionId> id = descriptionId(objectId);
                Optional<Description> record = id.flatMap(x -> archive.store().find(x));
                if (record.isEmpty()) {
                    orphans.add(objectId);
                    continue;
                }
                Map<String, DigitalObjectRef> wanted = byName(record.get().digitalObjects());
                int head = ocfl.head(objectId);
                if (sameFiles(objectId, head, wanted)) continue;
                int match = -1;
                for (int v = head - 1; v >= 1 && match < 0; v--) {
                    if (sameFiles(objectId, v, wanted)) match = v;
                }
                if (match < 0 && wanted.isEmpty()) match = 0;
                if (match >= 0) {
                    ocfl.rollback(objectId, match);
                    rolledBack.add(id.get() + ": v" + head + " -> " + (match == 0 ? "none" : "v" + match));
                } else {
                    detach(actor, record.get(), objectId, head, detached);
                }
            }
            ReconcileReport report = new ReconcileReport(objectIds.size(), rolledBack, detached, orphans);
            archive.store().appendAudit(new AuditEvent(0, archive.policy().now(), actor.id(), "reconcile", null, 0,
                    0, objectIds.size() + " objects: " + rolledBack.size() + " rolled back, " + detached.size()
                            + " detached, " + orphans.size() + " without a description"));
            return report;
        } finally {
            writes.unlock();
        }
    }

    /** Saves {@code d} without the files version {@code head} of its object lacks (or holds with other bytes). */
    private void detach(Principal actor, Description d, String objectId, int head, List<String> detached) {
        Map<String, OcflSupport.HeadFile> present = ocfl.filesAt(objectId, head);
        List<DigitalObjectRef> keep = new ArrayList<>();
        for (DigitalObjectRef r : d.digitalObjects()) {
            OcflSupport.HeadFile f = present.get(r.fileName());
            if (f != null && holds(objectId, head, f, r)) keep.add(r);
            else detached.add(d.id() + "/" + r.fileName());
        }
        archive.update(actor, d.toBuilder().digitalObjects(keep).build());
    }

    /** Whether version {@code version} of the object holds exactly the files {@code wanted}, by name and content. */
    private boolean sameFiles(String objectId, int version, Map<String, DigitalObjectRef> wanted) {
        Map<String, OcflSupport.HeadFile> files = ocfl.filesAt(objectId, version);
        if (!files.keySet().equals(wanted.keySet())) return false;
        for (DigitalObjectRef r : wanted.values()) {
            if (!holds(objectId, version, files.get(r.fileName()), r)) return false;
        }
        return true;
    }

    /**
     * Whether file {@code f} of version {@code version} has the content {@code r} lists: by the SHA-512 content
     * address the record keeps; for a record from before it kept one, by the SHA-256 in the inventory's fixity
     * block, or else (neither recorded) by reading the file.
     */
    private boolean holds(String objectId, int version, OcflSupport.HeadFile f, DigitalObjectRef r) {
        if (r.sha512() != null) return r.sha512().equalsIgnoreCase(f.sha512());
        if (f.sha256() != null) return r.sha256().equalsIgnoreCase(f.sha256());
        return r.sha256().equals(ocfl.sha256Of(objectId, version, f.path()));
    }

    // ---------------------------------------------------------------- helpers

    /** The OCFL object id of record {@code id}'s files. */
    static String objectId(DescriptionId id) {
        return OBJECT_ID_PREFIX + id.value();
    }

    private static Optional<DescriptionId> descriptionId(String objectId) {
        if (!objectId.startsWith(OBJECT_ID_PREFIX)) return Optional.empty();
        try {
            return Optional.of(DescriptionId.of(objectId.substring(OBJECT_ID_PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, DigitalObjectRef> byName(List<DigitalObjectRef> refs) {
        Map<String, DigitalObjectRef> out = new LinkedHashMap<>();
        for (DigitalObjectRef r : refs) out.put(r.fileName(), r);
        return out;
    }

    private record Hashed(long size, String sha256) {}

    /** Reads a file to the end: the SHA-512 is checked by the stream, the SHA-256 and size computed here. */
    private Hashed hash(String objectId, String path) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size;
        try (InputStream in = ocfl.read(objectId, path).orElseThrow(() -> new NoSuchFileException(path));
                OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
            size = in.transferTo(out);
        }
        return new Hashed(size, HexFormat.of().formatHex(sha256.digest()));
    }

    private static boolean isMissingFile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoSuchFileException || t.getClass().getSimpleName().contains("NoSuchFile")) return true;
        }
        return false;
    }

    private static void checkName(String fileName, String mediaType) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
        try {
            new DigitalObjectRef(fileName, mediaType, 0, "0".repeat(64));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("digitalObjects", e.getMessage(), e);
        }
        if (fileName.length() > 255) throw new InvalidRequestException("digitalObjects", "file name over 255");
    }

    private void requireWriter() {
        if (lockChannel == null) {
            throw new IllegalStateException("the digital objects in " + storage.description()
                    + " were opened read-only");
        }
    }

    private static void requireAdmin(Principal actor, String what) {
        Objects.requireNonNull(actor, "actor");
        if (actor.kind() != Principal.Kind.ADMIN) {
            throw new AccessRestrictedException(actor.id() + " may not " + what + " the digital objects;"
                    + " an administrator may");
        }
    }

    private static void closeQuietly(@Nullable FileChannel c) {
        if (c == null) return;
        try {
            c.close();
        } catch (IOException ignored) {
            // the lock goes with the channel; nothing else to release
        }
    }

    /** Closes the storage root and lets another writer in; idempotent. */
    @Override
    public void close() {
        ocfl.close();
        closeQuietly(lockChannel);
    }
}
