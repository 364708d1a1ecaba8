package org.archivekit.share.bagit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.RecordView;
import org.archivekit.core.StorageException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.json.ArchiveJson;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.Institution;
import org.archivekit.core.objects.DigitalObjects;
import org.archivekit.share.ead.EadExporter;
import org.jspecify.annotations.Nullable;

/**
 * Transfer packages of description subtrees as BagIt bags; immutable and thread-safe.
 *
 * <p>A bag holds {@code data/metadata/records.jsonl}: the subtree's records the caller may see, parents first, one
 * ArchiveJson object per line (docs/json-format.md), and {@code data/metadata/ead3.xml}, the same subtree as an EAD3
 * finding aid for other systems. With the {@link DigitalObjects} open ({@link #of(Archive, DigitalObjects)}), the
 * files of those records are in {@code data/objects/RECORD/FILE} and {@code data/metadata/objects.jsonl} maps each
 * record's file name to its place in the bag; each file is read and hashed once, its OCFL fixity checked by the same
 * SHA-512 the manifest gets. The files are copied two at a time by the bag writer's file workers ({@link
 * BagWriter#addPayloadLater}) while this thread walks the records; each record's line and its files' map lines are
 * written in the records' order once its files are in, so the bag is the same whichever copy ends first. Without them the bag carries descriptions only and the records' file lists are left
 * out, so that no record in a bag ever names a file the bag lacks. Export streams record by record.
 *
 * <p>Import validates the whole bag first ({@link BagValidator}; a zip is unpacked by {@link SafeUnzip}), refuses
 * an invalid or incomplete bag with its reasons, then stores every record in one atomic {@code Archive.importAll}
 * (with its files through {@link DigitalObjects#importAll}): all of them or none. The bag's {@code
 * metadata/institution.json} creates the institution first when the archive does not have it yet.
 *
 * @since 0.1
 */
public final class Bags {
    /** Where the records are, inside {@code data/}. */
    public static final String RECORDS = "metadata/records.jsonl";
    /** Where the institution is, inside {@code data/}. */
    public static final String INSTITUTION = "metadata/institution.json";
    /** Where the EAD3 finding aid is, inside {@code data/}. */
    public static final String EAD3 = "metadata/ead3.xml";
    /** Where the map of records' files to payload paths is, inside {@code data/}. */
    public static final String OBJECTS = "metadata/objects.jsonl";
    /** Where the files the records list but the digital objects lack are named, inside {@code data/}. */
    public static final String MISSING = "metadata/missing-files.txt";
    /** The folder of the records' files, inside {@code data/}. */
    public static final String OBJECTS_DIR = "objects/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Archive archive;
    private final @Nullable DigitalObjects objects;

    private Bags(Archive archive, @Nullable DigitalObjects objects) {
        this.archive = archive;
        this.objects = objects;
    }

    /** Bags of {@code archive}'s records, descriptions only. */
    public static Bags of(Archive archive) {
        return new Bags(Objects.requireNonNull(archive, "archive"), null);
    }

    /** Bags of {@code archive}'s records with their files, kept in {@code objects}. */
    public static Bags of(Archive archive, DigitalObjects objects) {
        return new Bags(Objects.requireNonNull(archive, "archive"), Objects.requireNonNull(objects, "objects"));
    }

    /**
     * Writes the subtree of {@code root} that {@code caller} may see as a bag in the new directory {@code dir}: its
     * records and, when the digital objects are open, their files.
     *
     * @return how many records and files the bag holds, and which listed files the digital objects lack
     * @throws org.archivekit.core.NotFoundException when the root is missing or hidden from the caller
     * @throws StorageException when a file's stored bytes fail their fixity check; the unfinished bag directory is
     *     removed then
     */
    public BagExport export(Principal caller, DescriptionId root, Path dir) {
        RecordView top = archive.view(caller, root);
        Map<String, String> info = new LinkedHashMap<>();
        Institution institution = archive.institutions().stream()
                .filter(i -> i.code().equals(top.description().institution())).findFirst().orElse(null);
        if (institution != null) info.put("Source-Organization", name(institution));
        info.put("External-Identifier", root.value());
        info.put("External-Description", top.description().title().text());
        info.put("ArchiveKit-Files", objects == null ? "not included (descriptions only)" : "included");
        long count = 0;
        Copied copied = new Copied();
        // every metadata file is written straight into the bag, hashed as it goes: no temporary copy, no second read
        BagWriter bag = BagWriter.create(dir, info); // refuses an existing directory, which is then left alone
        try (bag) {
            // the EAD3 finding aid is written on its own thread while this one copies the files: the copy keeps one
            // core busy with SHA-512 and leaves the other half idle, and the EAD3 walk fits in that half
            OutputStream eadOut = bag.newPayload(EAD3);
            FutureTask<Long> ead = new FutureTask<>(() -> {
                try (eadOut) {
                    return EadExporter.builder().flavour(EadExporter.Flavour.EAD3).build().export(archive, caller,
                            root, eadOut);
                }
            });
            Thread eadThread = new Thread(ead, "bag-ead3");
            eadThread.setDaemon(true);
            eadThread.start();
            Throwable failed = null;
            try (Writer out = writer(bag.newPayload(RECORDS));
                    LazyPayload map = new LazyPayload(bag, OBJECTS);
                    LazyPayload missing = new LazyPayload(bag, MISSING);
                    Stream<RecordView> below = archive.descendants(caller, root)) {
                Iterator<RecordView> it = Stream.concat(Stream.of(top), below).iterator();
                // the files are copied by the bag's two file workers while this thread goes on through the records;
                // each record's line (and its files' map lines) is written in order once its files are copied
                java.util.ArrayDeque<Pending> pending = new java.util.ArrayDeque<>();
                while (it.hasNext()) {
                    RecordView view = it.next();
                    Description d = view.description();
                    if (objects == null) {
                        d = d.toBuilder().digitalObjects(List.of()).build();
                        pending.add(new Pending(view, d, List.of(), List.of()));
                    } else {
                        pending.add(copyFiles(caller, view, d, bag));
                    }
                    // lines waiting for their files stay few: written as soon as they are ready, and waited for when
                    // too many are held (a large file followed by many records without files)
                    while (!pending.isEmpty() && (pending.peek().isDone() || pending.size() > MAX_PENDING)) {
                        count += pending.poll().write(out, map, missing, copied);
                    }
                }
                while (!pending.isEmpty()) count += pending.poll().write(out, map, missing, copied);
            } catch (IOException | RuntimeException | Error e) {
                failed = e;
                bag.abort(); // the file workers stop, and none is left running, before the bag directory goes
                throw e;
            } finally {
                // also when the copy failed: the bag directory goes only once the EAD3 stream is closed
                try {
                    await(ead);
                } catch (IOException | RuntimeException e) {
                    if (failed == null) throw e;
                    failed.addSuppressed(e);
                }
            }
            if (copied.missing > 0) {
                bag.info("ArchiveKit-Files-Missing", copied.missing + " listed file(s) the digital objects do"
                        + " not hold; see data/" + MISSING);
            }
            if (institution != null) {
                bag.addPayload(INSTITUTION, new ByteArrayInputStream(
                        ArchiveJson.toJson(institution).getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException | RuntimeException e) {
            // an unfinished export leaves no bag behind that could pass for a whole one
            try {
                SafeUnzip.deleteTree(dir);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof IOException io ? StorageException.from(io) : (RuntimeException) e;
        }
        return new BagExport(count, copied.files, copied.bytes, copied.missing, copied.examples);
    }

    /** The EAD3 task's outcome, its failure rethrown as it was. */
    private static void await(FutureTask<Long> task) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the EAD3 thread writes into the bag: it must be done before anything else
                } catch (ExecutionException e) {
                    throw unwrap(e, "the EAD3 export failed");
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private static Writer writer(OutputStream out) {
        return new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    /** A metadata payload that is created in the bag only when its first line is written. */
    private static final class LazyPayload implements Closeable {
        private final BagWriter bag;
        private final String path;
        private @Nullable Writer out;

        LazyPayload(BagWriter bag, String path) {
            this.bag = bag;
            this.path = path;
        }

        void line(String text) throws IOException {
            if (out == null) out = writer(bag.newPayload(path));
            out.write(text);
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            if (out != null) out.close();
        }
    }

    /** What the file copy has done so far. */
    private static final class Copied {
        long files;
        long bytes;
        long missing;
        final List<String> examples = new ArrayList<>();
    }

    /** Record lines held while their files are copied, at most. */
    private static final int MAX_PENDING = 1024;

    /**
     * Starts copying {@code d}'s files into the bag, one read and hash each, on the bag's file workers; returns the
     * record's line to write once they are done.
     */
    private Pending copyFiles(Principal caller, RecordView view, Description d, BagWriter bag) {
        if (d.digitalObjects().isEmpty()) return new Pending(view, d, List.of(), List.of());
        Set<String> taken = new HashSet<>();
        List<String> paths = new ArrayList<>();
        List<java.util.concurrent.Future<java.util.Optional<BagWriter.Payload>>> copies = new ArrayList<>();
        for (DigitalObjectRef ref : d.digitalObjects()) {
            String path = OBJECTS_DIR + folder(d.id()) + "/" + portableName(ref.fileName(), taken);
            paths.add(path);
            // one record lookup and one object read per file: the copy says whether the object holds it
            copies.add(bag.addPayloadLater(path, copy -> objects.copyIfStored(caller, d.id(), ref.fileName(),
                    in -> copy.from(in).sha512())));
        }
        return new Pending(view, d, paths, copies);
    }

    /** A record whose line waits for its files' copies. */
    private record Pending(RecordView view, Description d, List<String> paths,
            List<java.util.concurrent.Future<java.util.Optional<BagWriter.Payload>>> copies) {
        boolean isDone() {
            return copies.stream().allMatch(java.util.concurrent.Future::isDone);
        }

        /**
         * Waits for the copies, then writes the files' map lines (and the missing ones') and the record's line,
         * without the files the digital objects lack; returns 1.
         */
        long write(Writer out, LazyPayload map, LazyPayload missing, Copied copied) throws IOException {
            List<DigitalObjectRef> kept = new ArrayList<>();
            for (int i = 0; i < copies.size(); i++) {
                DigitalObjectRef ref = d.digitalObjects().get(i);
                if (outcome(copies.get(i)).isEmpty()) {
                    copied.missing++;
                    if (copied.examples.size() < 10) copied.examples.add(d.id() + "/" + ref.fileName());
                    missing.line(d.id() + "\t" + ref.fileName());
                    continue;
                }
                ObjectNode line = JSON.createObjectNode();
                line.put("id", d.id().value());
                line.put("fileName", ref.fileName());
                line.put("path", paths.get(i));
                map.line(JSON.writeValueAsString(line));
                kept.add(ref);
                copied.files++;
                copied.bytes += ref.size();
            }
            Description written = copies.isEmpty() || kept.size() == d.digitalObjects().size() ? d
                    : d.toBuilder().digitalObjects(kept).build();
            // the parent is named only when the caller may see it (a grant-only root's parent stays hidden)
            out.write(ArchiveJson.toJson(new RecordView(written, view.effectiveLevel(), view.breadcrumb())));
            out.write('\n');
            return 1;
        }
    }

    /** A copy's outcome, its failure rethrown as it was. */
    private static java.util.Optional<BagWriter.Payload> outcome(
            java.util.concurrent.Future<java.util.Optional<BagWriter.Payload>> copy) throws IOException {
        try {
            return copy.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a file copy");
        } catch (ExecutionException e) {
            throw unwrap(e, "a file copy failed");
        }
    }

    /** A record's folder: its id with {@code :} (not allowed on Windows) as {@code =}, which ids never hold. */
    private static String folder(DescriptionId id) {
        return id.value().replace(':', '=');
    }

    /**
     * A file name every common file system and BagIt reader takes: characters Windows refuses, {@code %} (which
     * bagit-java does not decode) and controls become {@code _}; a clash within the record gets a number.
     */
    static String portableName(String fileName, Set<String> taken) {
        StringBuilder b = new StringBuilder(fileName.length());
        fileName.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || "%:*?\"<>|\\".indexOf(c) >= 0 ? '_' : c));
        String name = b.toString();
        if (name.endsWith(".") || name.endsWith(" ")) name = name + "_";
        String candidate = name;
        for (int i = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); i++) {
            int dot = name.lastIndexOf('.');
            candidate = dot > 0 ? name.substring(0, dot) + "-" + i + name.substring(dot) : name + "-" + i;
        }
        return candidate;
    }

    /**
     * Validates the bag in {@code source} (a directory or a {@code .zip}) and imports its records, with their files,
     * atomically.
     *
     * @return how many records were stored
     * @throws InvalidRequestException when the bag is invalid or incomplete (with every reason), a record line is
     *     malformed (naming the line), a record names a file the bag lacks, or the bag carries files and the digital
     *     objects are not open; nothing is stored then
     */
    public long importBag(Principal actor, Path source) {
        Objects.requireNonNull(actor, "actor");
        Path unpacked = null;
        try {
            Path bag = source;
            if (Files.isRegularFile(source) && source.getFileName().toString().toLowerCase().endsWith(".zip")) {
                unpacked = Files.createTempDirectory("archivekit-bag").resolve("bag");
                bag = SafeUnzip.extract(source, unpacked, SafeUnzip.Limits.DEFAULT);
            }
            BagReport report = BagValidator.validate(bag);
            if (!report.isValid()) {
                throw new InvalidRequestException(report.errors().stream()
                        .map(e -> new InvalidRequestException.Violation("bag", e)).toList());
            }
            if (!report.isComplete()) {
                throw new InvalidRequestException("bag", "incomplete: fetch.txt lists " + report.missingFetchItems()
                        .size() + " absent file(s), which ArchiveKit never fetches");
            }
            Path data = bag.resolve("data");
            Path records = data.resolve(RECORDS);
            if (!Files.isRegularFile(records)) {
                throw new InvalidRequestException("bag", "data/" + RECORDS + " is missing: not an ArchiveKit bag");
            }
            Map<String, String> files = fileMap(data);
            if (!files.isEmpty() && objects == null) {
                throw new InvalidRequestException("bag", "it carries " + files.size() + " digital object file(s);"
                        + " import it with the digital objects open");
            }
            Path institution = data.resolve(INSTITUTION);
            if (Files.isRegularFile(institution)) {
                Institution i = ArchiveJson.readInstitution(Files.readString(institution, StandardCharsets.UTF_8));
                // the bag's institution is created when the archive lacks it (administrators only); an existing
                // one is left as it is
                if (archive.institutions().stream().noneMatch(x -> x.code().equals(i.code()))) {
                    archive.putInstitution(actor, i);
                }
            }
            if (objects == null) {
                try (JsonLines lines = new JsonLines(records, files)) {
                    return archive.importAll(actor, lines);
                }
            }
            List<JsonLines> opened = new ArrayList<>();
            try {
                return objects.importAll(actor, () -> {
                    try {
                        JsonLines lines = new JsonLines(records, files);
                        opened.add(lines);
                        return lines;
                    } catch (IOException e) {
                        throw StorageException.from(e);
                    }
                }, (id, ref) -> Files.newInputStream(data.resolve(files.get(key(id, ref.fileName())))));
            } finally {
                for (JsonLines l : opened) l.close();
            }
        } catch (IOException e) {
            throw StorageException.from(e);
        } finally {
            if (unpacked != null) SafeUnzip.deleteTree(unpacked.getParent());
        }
    }

    /** The bag's map from (record id, file name) to payload path under {@code data/}; empty when it has none. */
    private static Map<String, String> fileMap(Path data) throws IOException {
        Path map = data.resolve(OBJECTS);
        Map<String, String> files = new HashMap<>();
        if (!Files.isRegularFile(map)) return files;
        Path objectsDir = data.resolve(OBJECTS_DIR).normalize();
        try (BufferedReader in = Files.newBufferedReader(map, StandardCharsets.UTF_8)) {
            long n = 0;
            for (String line; (line = in.readLine()) != null; ) {
                n++;
                if (line.isBlank()) continue;
                String where = "data/" + OBJECTS + " line " + n;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new InvalidRequestException(where, "not JSON: " + e.getOriginalMessage(), e);
                }
                String id = text(node, "id", where);
                String fileName = text(node, "fileName", where);
                String path = text(node, "path", where);
                Path file = data.resolve(path).normalize();
                // the validator checked every payload file; a map entry must name one of them, inside objects/
                if (!path.startsWith(OBJECTS_DIR) || !file.startsWith(objectsDir) || !Files.isRegularFile(file,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new InvalidRequestException(where, "'" + path + "' is not a file under data/"
                            + OBJECTS_DIR);
                }
                if (files.put(key(id, fileName), path) != null) {
                    throw new InvalidRequestException(where, "record '" + id + "' file '" + fileName
                            + "' is mapped twice");
                }
            }
        }
        return files;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) throw new InvalidRequestException(where, "'" + field + "' is missing");
        return v.asText();
    }

    private static String key(DescriptionId id, String fileName) {
        return key(id.value(), fileName);
    }

    private static String key(String id, String fileName) {
        return id + "\u0000" + fileName;
    }

    private static String name(Institution i) {
        return i.nameEn() == null ? i.nameZh() : i.nameZh() + " / " + i.nameEn();
    }

    /** Reads descriptions one line at a time; a bad line, or one naming a file the bag lacks, names its number. */
    private static final class JsonLines implements Iterator<Description>, Closeable {
        private final BufferedReader in;
        private final Map<String, String> files;
        private String next;
        private long line;

        JsonLines(Path records, Map<String, String> files) throws IOException {
            this.in = Files.newBufferedReader(records, StandardCharsets.UTF_8);
            this.files = files;
            advance();
        }

        private void advance() {
            try {
                do {
                    next = in.readLine();
                    line++;
                } while (next != null && next.isBlank());
            } catch (IOException e) {
                throw StorageException.from(e);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Description next() {
            if (next == null) throw new NoSuchElementException();
            String text = next;
            long at = line;
            advance();
            Description d;
            try {
                d = ArchiveJson.readDescription(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            } catch (InvalidRequestException e) {
                throw new InvalidRequestException(e.violations().stream().map(v -> new InvalidRequestException
                        .Violation("data/" + RECORDS + " line " + at + " " + v.path(), v.message())).toList());
            }
            for (DigitalObjectRef ref : d.digitalObjects()) {
                if (!files.containsKey(key(d.id(), ref.fileName()))) {
                    throw new InvalidRequestException("data/" + RECORDS + " line " + at, "record '" + d.id()
                            + "' lists file '" + ref.fileName() + "', which the bag does not carry");
                }
            }
            return d;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The failure of a task, as it was thrown: I/O errors, runtime exceptions and errors are rethrown as they are. */
    private static IOException unwrap(ExecutionException e, String what) throws IOException {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) return io;
        if (cause instanceof RuntimeException re) throw re;
        if (cause instanceof Error err) throw err;
        throw new IllegalStateException(what, cause);
    }
}
