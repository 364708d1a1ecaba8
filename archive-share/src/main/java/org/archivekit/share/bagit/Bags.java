package org.archivekit.share.bagit;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.RecordView;
import org.archivekit.core.StorageException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.json.ArchiveJson;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.share.ead.EadExporter;

/**
 * Transfer packages of description subtrees as BagIt bags; immutable and thread-safe.
 *
 * <p>A bag holds {@code data/metadata/records.jsonl}: the subtree's records the caller may see, parents first, one
 * ArchiveJson object per line (docs/json-format.md), and {@code data/metadata/ead3.xml}, the same subtree as an EAD3
 * finding aid for other systems. Export streams record by record. Import validates the whole bag
 * first ({@link BagValidator}; a zip is unpacked by {@link SafeUnzip}), refuses an invalid or incomplete bag with
 * its reasons, then stores every record in one atomic {@code Archive.importAll}: all of them or none. The bag's
 * {@code metadata/institution.json} creates the institution first when the archive does not have it yet.
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

    private final Archive archive;

    private Bags(Archive archive) {
        this.archive = archive;
    }

    /** Bags of {@code archive}'s records. */
    public static Bags of(Archive archive) {
        return new Bags(Objects.requireNonNull(archive, "archive"));
    }

    /**
     * Writes the subtree of {@code root} that {@code caller} may see as a bag in the new directory {@code dir}.
     *
     * @return how many records the bag holds
     * @throws org.archivekit.core.NotFoundException when the root is missing or hidden from the caller
     */
    public long export(Principal caller, DescriptionId root, Path dir) {
        RecordView top = archive.view(caller, root);
        Map<String, String> info = new LinkedHashMap<>();
        Institution institution = archive.institutions().stream()
                .filter(i -> i.code().equals(top.description().institution())).findFirst().orElse(null);
        if (institution != null) info.put("Source-Organization", name(institution));
        info.put("External-Identifier", root.value());
        info.put("External-Description", top.description().title().text());
        Path records;
        Path ead;
        long[] count = {0};
        try {
            records = Files.createTempFile("archivekit-records", ".jsonl");
            ead = Files.createTempFile("archivekit-ead3", ".xml");
        } catch (IOException e) {
            throw StorageException.from(e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(records);
                    Stream<RecordView> below = archive.descendants(caller, root)) {
                Stream.concat(Stream.of(top), below).forEach(v -> {
                    try {
                        out.write(ArchiveJson.toJson(v.description()).getBytes(StandardCharsets.UTF_8));
                        out.write('\n');
                        count[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw StorageException.from(e);
            } catch (UncheckedIOException e) {
                throw StorageException.from(e.getCause());
            }
            try (OutputStream out = Files.newOutputStream(ead)) {
                EadExporter.builder().flavour(EadExporter.Flavour.EAD3).build().export(archive, caller, root, out);
            } catch (IOException e) {
                throw StorageException.from(e);
            }
            try (BagWriter bag = BagWriter.create(dir, info)) {
                bag.addPayload(RECORDS, records);
                bag.addPayload(EAD3, ead);
                if (institution != null) {
                    bag.addPayload(INSTITUTION, new java.io.ByteArrayInputStream(
                            ArchiveJson.toJson(institution).getBytes(StandardCharsets.UTF_8)));
                }
            }
            return count[0];
        } finally {
            try {
                Files.deleteIfExists(records);
                Files.deleteIfExists(ead);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    /**
     * Validates the bag in {@code source} (a directory or a {@code .zip}) and imports its records atomically.
     *
     * @return how many records were stored
     * @throws InvalidRequestException when the bag is invalid or incomplete (with every reason), or a record line
     *     is malformed (naming the line); nothing is stored then
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
            Path records = bag.resolve("data").resolve(RECORDS);
            if (!Files.isRegularFile(records)) {
                throw new InvalidRequestException("bag", "data/" + RECORDS + " is missing: not an ArchiveKit bag");
            }
            Path institution = bag.resolve("data").resolve(INSTITUTION);
            if (Files.isRegularFile(institution)) {
                Institution i = ArchiveJson.readInstitution(Files.readString(institution, StandardCharsets.UTF_8));
                // the bag's institution is created when the archive lacks it (administrators only); an existing
                // one is left as it is
                if (archive.institutions().stream().noneMatch(x -> x.code().equals(i.code()))) {
                    archive.putInstitution(actor, i);
                }
            }
            try (BufferedReader in = Files.newBufferedReader(records, StandardCharsets.UTF_8)) {
                return archive.importAll(actor, new JsonLines(in));
            }
        } catch (IOException e) {
            throw StorageException.from(e);
        } finally {
            if (unpacked != null) SafeUnzip.deleteTree(unpacked.getParent());
        }
    }

    private static String name(Institution i) {
        return i.nameEn() == null ? i.nameZh() : i.nameZh() + " / " + i.nameEn();
    }

    /** Reads descriptions one line at a time; a bad line names its number. */
    private static final class JsonLines implements Iterator<Description> {
        private final BufferedReader in;
        private String next;
        private long line;

        JsonLines(BufferedReader in) {
            this.in = in;
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
            try {
                return ArchiveJson.readDescription(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            } catch (InvalidRequestException e) {
                throw new InvalidRequestException(e.violations().stream().map(v -> new InvalidRequestException
                        .Violation("data/" + RECORDS + " line " + at + " " + v.path(), v.message())).toList());
            }
        }
    }
}
