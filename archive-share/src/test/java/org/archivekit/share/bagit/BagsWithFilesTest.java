package org.archivekit.share.bagit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.ConflictException;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.RecordView;
import org.archivekit.core.StorageException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.Level;
import org.archivekit.core.objects.DigitalObjects;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bags that carry the records' files: one read per file, access trimmed, fixity kept, all-or-nothing import. */
final class BagsWithFilesTest {
    static final Principal ADMIN = Principal.admin("admin");
    static final Principal PUBLIC = Principal.anonymous();

    @TempDir
    Path dir;
    Archive source;
    Archive target;
    DigitalObjects sourceFiles;
    DigitalObjects targetFiles;
    DescriptionId fonds;
    DescriptionId open;
    DescriptionId hidden;
    final byte[] scan = bytes(3 * 1024 * 1024 + 17, 1); // more than the writer's buffer: several reads
    final byte[] secret = "CANARY-机密-7f3a unique secret bytes".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void fill() {
        SampleArchive sample = SampleArchive.builder().items(200).seed(43).build();
        source = Archive.builder().store(new InMemoryArchiveStore()).build();
        source.putInstitution(ADMIN, sample.institution());
        source.importAll(ADMIN, sample.iterator());
        target = Archive.builder().store(new InMemoryArchiveStore()).build();
        target.putInstitution(ADMIN, sample.institution());
        sourceFiles = DigitalObjects.open(source, dir.resolve("source-objects"));
        targetFiles = DigitalObjects.open(target, dir.resolve("target-objects"));
        try (Stream<RecordView> s = source.list(PUBLIC, Level.FONDS)) {
            fonds = s.map(RecordView::id).findFirst().orElseThrow();
        }
        try (Stream<RecordView> s = source.descendants(ADMIN, fonds)) {
            List<RecordView> items = s.filter(v -> v.description().level() == Level.ITEM).toList();
            open = items.stream().filter(v -> v.effectiveLevel() == AccessLevel.PUBLIC).findFirst().orElseThrow()
                    .id();
            hidden = items.stream().filter(v -> v.effectiveLevel() == AccessLevel.CONFIDENTIAL
                    || v.effectiveLevel() == AccessLevel.RESTRICTED).findFirst().orElseThrow().id();
        }
        attach(open, "第1页 scan.tif", scan);
        attach(open, "100% 完成: notes?.txt", "说明 / notes".getBytes(StandardCharsets.UTF_8));
        attach(open, "empty.txt", new byte[0]);
        attach(hidden, "secret.txt", secret);
        assertThat(source.find(PUBLIC, hidden)).isEmpty();
    }

    @AfterEach
    void close() {
        sourceFiles.close();
        targetFiles.close();
        source.close();
        target.close();
    }

    void attach(DescriptionId id, String name, byte[] content) {
        sourceFiles.attach(ADMIN, id, name, "application/octet-stream", new ByteArrayInputStream(content));
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] readAll(DigitalObjects objects, Principal caller, DescriptionId id, String name) throws IOException {
        try (InputStream in = objects.read(caller, id, name)) {
            return in.readAllBytes();
        }
    }

    static List<Path> payload(Path bag) throws IOException {
        try (Stream<Path> s = Files.walk(bag.resolve("data"))) {
            return s.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }

    @Test
    void theVisibleFilesTravelWithTheirRecordsAndArriveByteForByte() throws Exception {
        Path bag = dir.resolve("bag");
        BagExport export = Bags.of(source, sourceFiles).export(ADMIN, fonds, bag);
        assertThat(export.files()).isEqualTo(4);
        assertThat(export.fileBytes()).isEqualTo(scan.length + secret.length
                + "说明 / notes".getBytes(StandardCharsets.UTF_8).length);
        try (BagVerifier v = new BagVerifier()) {
            v.isValid(new BagReader().read(bag), false); // the Library of Congress reader: throws when invalid
        }
        assertThat(BagValidator.validate(bag).isValid()).isTrue();
        // portable names: no %, : or ? in the bag; the original names stay in the records and the map
        assertThat(payload(bag)).extracting(p -> bag.relativize(p).toString())
                .contains("data/objects/" + open.value().replace(':', '=') + "/第1页 scan.tif",
                        "data/objects/" + open.value().replace(':', '=') + "/100_ 完成_ notes_.txt");
        assertThat(Files.readString(bag.resolve("bag-info.txt"))).contains("ArchiveKit-Files: included");

        long stored = Bags.of(target, targetFiles).importBag(ADMIN, bag);

        assertThat(stored).isEqualTo(countVisible(ADMIN));
        assertThat(readAll(targetFiles, ADMIN, open, "第1页 scan.tif")).isEqualTo(scan);
        assertThat(readAll(targetFiles, ADMIN, open, "100% 完成: notes?.txt"))
                .isEqualTo("说明 / notes".getBytes(StandardCharsets.UTF_8));
        assertThat(readAll(targetFiles, ADMIN, open, "empty.txt")).isEmpty();
        assertThat(readAll(targetFiles, ADMIN, hidden, "secret.txt")).isEqualTo(secret);
        assertThat(target.get(ADMIN, open).digitalObjects()).isEqualTo(source.get(ADMIN, open).digitalObjects()
                .stream().filter(r -> sourceFiles.isStored(ADMIN, open, r.fileName())).toList());
        assertThat(targetFiles.validate(ADMIN, open, true).isValid()).isTrue();
        assertThat(targetFiles.verify(ADMIN).isClean()).isTrue();
    }

    @Test
    void filesTheRecordsListButTheObjectsLackAreLeftOutAndNamed() throws Exception {
        // the sample lists files it never stored (as records imported from another system do)
        List<String> listedOnly = new ArrayList<>();
        try (Stream<RecordView> s = Stream.concat(Stream.of(source.view(ADMIN, fonds)),
                source.descendants(ADMIN, fonds))) {
            s.forEach(v -> v.description().digitalObjects().stream()
                    .filter(r -> !sourceFiles.isStored(ADMIN, v.id(), r.fileName()))
                    .forEach(r -> listedOnly.add(v.id() + "\t" + r.fileName())));
        }
        assertThat(listedOnly).isNotEmpty();
        Path bag = dir.resolve("bag");
        BagExport export = Bags.of(source, sourceFiles).export(ADMIN, fonds, bag);

        assertThat(export.missingFiles()).isEqualTo(listedOnly.size());
        assertThat(export.missingExamples()).hasSize(Math.min(10, listedOnly.size()));
        assertThat(Files.readAllLines(bag.resolve("data").resolve(Bags.MISSING), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(listedOnly);
        assertThat(Files.readString(bag.resolve("bag-info.txt"))).contains("ArchiveKit-Files-Missing: "
                + listedOnly.size());
        Bags.of(target, targetFiles).importBag(ADMIN, bag);
        String first = listedOnly.get(0);
        DescriptionId id = DescriptionId.of(first.substring(0, first.indexOf('\t')));
        assertThat(target.get(ADMIN, id).digitalObjects()).extracting(DigitalObjectRef::fileName)
                .doesNotContain(first.substring(first.indexOf('\t') + 1));
    }

    @Test
    void aPublicBagHoldsNeitherTheHiddenRecordNorItsFile() throws Exception {
        Path bag = dir.resolve("public");
        Bags.of(source, sourceFiles).export(PUBLIC, fonds, bag);
        Set<String> paths = new HashSet<>();
        for (Path p : payload(bag)) {
            paths.add(bag.relativize(p).toString());
            byte[] content = Files.readAllBytes(p);
            assertThat(new String(content, StandardCharsets.UTF_8)).doesNotContain("CANARY-机密-7f3a")
                    .doesNotContain(hidden.value()).doesNotContain("secret.txt");
        }
        assertThat(paths).anyMatch(p -> p.endsWith("第1页 scan.tif"));
        assertThat(paths).noneMatch(p -> p.contains(hidden.value().replace(':', '=')));
        for (String tag : List.of("manifest-sha512.txt", "manifest-sha256.txt", "bag-info.txt")) {
            assertThat(Files.readString(bag.resolve(tag))).doesNotContain(hidden.value().replace(':', '='));
        }
    }

    @Test
    void aFileWhoseStoredBytesChangedStopsTheExport() throws Exception {
        Path stored;
        try (Stream<Path> s = Files.walk(sourceFiles.root())) {
            stored = s.filter(p -> p.getFileName().toString().equals("第1页 scan.tif")
                    && p.toString().contains("/content/")).findFirst().orElseThrow();
        }
        stored.toFile().setWritable(true);
        byte[] bad = Files.readAllBytes(stored);
        bad[bad.length / 2] ^= 1;
        Files.write(stored, bad);

        assertThatThrownBy(() -> Bags.of(source, sourceFiles).export(ADMIN, fonds, dir.resolve("bad")))
                .isInstanceOf(StorageException.class).hasMessageContaining("fixity");
        assertThat(dir.resolve("bad")).doesNotExist();
    }

    @Test
    void filesCopiedSideBySideGiveTheSameBagEveryTime() throws Exception {
        // enough large files across records that both file workers run and finish out of order
        try (Stream<RecordView> s = source.descendants(ADMIN, fonds)) {
            List<RecordView> items = s.filter(v -> v.description().level() == Level.ITEM).limit(6).toList();
            for (int n = 0; n < items.size(); n++) {
                int i = n;
                sourceFiles.attachAll(ADMIN, items.get(i).id(), List.of(
                        new DigitalObjects.NewFile("big-" + i + ".bin", "application/octet-stream",
                                () -> new ByteArrayInputStream(bytes((6 - i % 3) << 20, 100 + i))),
                        new DigitalObjects.NewFile("small-" + i + ".txt", "text/plain",
                                () -> new ByteArrayInputStream(bytes(100 + i, 200 + i)))));
            }
        }
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        BagExport a = Bags.of(source, sourceFiles).export(ADMIN, fonds, first);
        BagExport b = Bags.of(source, sourceFiles).export(ADMIN, fonds, second);

        assertThat(a.files()).isEqualTo(b.files()).isEqualTo(4 + 12);
        // everything but the EAD3 finding aid, which carries the time it was made
        for (String f : List.of("manifest-sha512.txt", "manifest-sha256.txt", "data/" + Bags.RECORDS,
                "data/" + Bags.OBJECTS, "data/" + Bags.MISSING)) {
            assertThat(Files.readAllLines(first.resolve(f)).stream().filter(l -> !l.endsWith(Bags.EAD3)))
                    .as(f).isNotEmpty().containsExactlyElementsOf(Files.readAllLines(second.resolve(f)).stream()
                            .filter(l -> !l.endsWith(Bags.EAD3)).toList());
        }
        // the map follows the records' order, as the records' lines do
        List<String> mapIds = Files.readAllLines(first.resolve("data/" + Bags.OBJECTS)).stream()
                .map(l -> l.substring(7, l.indexOf('"', 7))).distinct().toList();
        List<String> recordIds = Files.readAllLines(first.resolve("data/" + Bags.RECORDS)).stream()
                .map(l -> l.substring(l.indexOf("\"id\":\"") + 6, l.indexOf('"', l.indexOf("\"id\":\"") + 6)))
                .filter(mapIds::contains).toList();
        assertThat(mapIds).isEqualTo(recordIds);
        try (BagVerifier v = new BagVerifier()) {
            v.isValid(new BagReader().read(first), false);
        }
    }

    @Test
    void aFixityFailureAmongManyFilesStopsEveryWorkerAndLeavesNoBag() throws Exception {
        try (Stream<RecordView> s = source.descendants(ADMIN, fonds)) {
            List<RecordView> items = s.filter(v -> v.description().level() == Level.ITEM).limit(4).toList();
            for (int i = 0; i < items.size(); i++) attach(items.get(i).id(), "large-" + i + ".bin", bytes(4 << 20, i));
        }
        Path stored;
        try (Stream<Path> s = Files.walk(sourceFiles.root())) {
            stored = s.filter(p -> p.getFileName().toString().equals("large-2.bin")
                    && p.toString().contains("/content/")).findFirst().orElseThrow();
        }
        stored.toFile().setWritable(true);
        byte[] bad = Files.readAllBytes(stored);
        bad[7] ^= 1;
        Files.write(stored, bad);

        assertThatThrownBy(() -> Bags.of(source, sourceFiles).export(ADMIN, fonds, dir.resolve("bad")))
                .isInstanceOf(StorageException.class).hasMessageContaining("fixity");
        assertThat(dir.resolve("bad")).doesNotExist();
        assertThat(BagWriterTest.fileWorkers()).isEmpty();
    }

    @Test
    void aBagWithFilesIsRefusedWhenTheDigitalObjectsAreNotOpen() throws Exception {
        Path bag = dir.resolve("bag");
        Bags.of(source, sourceFiles).export(ADMIN, fonds, bag);
        assertThatThrownBy(() -> Bags.of(target).importBag(ADMIN, bag)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("digital objects open");
        assertThat(target.find(ADMIN, fonds)).isEmpty();
    }

    @Test
    void aDescriptionsOnlyBagNamesNoFile() throws Exception {
        Path bag = dir.resolve("descriptions");
        Bags.of(source).export(ADMIN, fonds, bag);
        assertThat(Files.readString(bag.resolve("bag-info.txt"))).contains("ArchiveKit-Files: not included");
        assertThat(Files.exists(bag.resolve("data").resolve(Bags.OBJECTS))).isFalse();
        Bags.of(target, targetFiles).importBag(ADMIN, bag);
        assertThat(target.get(ADMIN, open).digitalObjects()).isEmpty();
        assertThat(target.get(ADMIN, open).title()).isEqualTo(source.get(ADMIN, open).title());
    }

    @Test
    void aRecordListingAFileTheBagLacksStoresNothing() throws Exception {
        Path bag = dir.resolve("bag");
        Bags.of(source, sourceFiles).export(ADMIN, fonds, bag);
        Path map = bag.resolve("data").resolve(Bags.OBJECTS);
        List<String> lines = Files.readAllLines(map, StandardCharsets.UTF_8);
        List<String> kept = lines.stream().filter(l -> !l.contains("empty.txt")).toList();
        assertThat(kept).hasSize(lines.size() - 1);
        rewriteTagged(bag, Bags.OBJECTS, String.join("\n", kept) + "\n");

        assertThatThrownBy(() -> Bags.of(target, targetFiles).importBag(ADMIN, bag))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("empty.txt")
                .hasMessageContaining("does not carry");
        assertNothingStored();
    }

    @Test
    void aFileWhoseContentIsNotTheOneItsRecordListsStoresNothing() throws Exception {
        Path bag = dir.resolve("bag");
        Bags.of(source, sourceFiles).export(ADMIN, fonds, bag);
        // the map points the scan at the notes file: a valid bag, but not the file the record lists
        Path map = bag.resolve("data").resolve(Bags.OBJECTS);
        String text = Files.readString(map, StandardCharsets.UTF_8);
        String folder = open.value().replace(':', '=');
        rewriteTagged(bag, Bags.OBJECTS, text.replace("objects/" + folder + "/第1页 scan.tif",
                "objects/" + folder + "/100_ 完成_ notes_.txt"));

        assertThatThrownBy(() -> Bags.of(target, targetFiles).importBag(ADMIN, bag))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("is not the file the record lists");
        assertNothingStored();
    }

    @Test
    void aFailureAfterTheFilesAreWrittenRollsThemBack() throws Exception {
        Path bag = dir.resolve("bag");
        Bags.of(source, sourceFiles).export(ADMIN, fonds, bag);
        // the last record of the batch clashes with one the target has: the records fail after every file is in
        Description clash;
        try (Stream<RecordView> s = source.descendants(ADMIN, fonds)) {
            List<RecordView> all = s.toList();
            clash = all.get(all.size() - 1).description();
        }
        List<Description> chain = new ArrayList<>();
        for (Description d : source.store().ancestors(clash.id())) chain.add(d);
        chain.add(clash);
        target.importAll(ADMIN, chain.iterator());

        assertThatThrownBy(() -> Bags.of(target, targetFiles).importBag(ADMIN, bag))
                .isInstanceOf(ConflictException.class);
        assertThat(target.find(ADMIN, open)).isEmpty();
        assertThat(objectCount(targetFiles)).isZero();
    }

    void assertNothingStored() throws IOException {
        assertThat(target.find(ADMIN, fonds)).isEmpty();
        assertThat(target.find(ADMIN, open)).isEmpty();
        assertThat(objectCount(targetFiles)).isZero();
    }

    /** How many OCFL objects the storage root holds (each root has its 0=ocfl_object namaste file). */
    static long objectCount(DigitalObjects objects) throws IOException {
        try (Stream<Path> s = Files.walk(objects.root())) {
            return s.filter(p -> p.getFileName().toString().startsWith("0=ocfl_object")).count();
        }
    }

    long countVisible(Principal p) {
        try (Stream<RecordView> s = source.descendants(p, fonds)) {
            return s.count() + 1;
        }
    }

    /** Replaces a payload file and brings the manifests, Payload-Oxum and tag manifests back in step. */
    static void rewriteTagged(Path bag, String payload, String content) throws Exception {
        Path file = bag.resolve("data").resolve(payload);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        String rel = "data/" + payload;
        for (String alg : List.of("sha512", "sha256")) {
            Path manifest = bag.resolve("manifest-" + alg + ".txt");
            String hash = hex(alg, Files.readAllBytes(file));
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                lines.add(line.endsWith("  " + rel) ? hash + "  " + rel : line);
            }
            Files.write(manifest, lines, StandardCharsets.UTF_8);
        }
        long bytes = 0;
        long files = 0;
        for (Path p : payload(bag)) {
            bytes += Files.size(p);
            files++;
        }
        Path info = bag.resolve("bag-info.txt");
        Files.writeString(info, Files.readString(info).replaceAll("Payload-Oxum: .*", "Payload-Oxum: " + bytes + "."
                + files));
        for (String alg : List.of("sha512", "sha256")) {
            StringBuilder tags = new StringBuilder();
            for (String tag : List.of("bag-info.txt", "bagit.txt", "manifest-sha256.txt", "manifest-sha512.txt")) {
                tags.append(hex(alg, Files.readAllBytes(bag.resolve(tag)))).append("  ").append(tag).append('\n');
            }
            Files.writeString(bag.resolve("tagmanifest-" + alg + ".txt"), tags.toString());
        }
        assertThat(BagValidator.validate(bag).isValid()).isTrue();
    }

    static String hex(String alg, byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(alg.equals("sha512") ? "SHA-512" : "SHA-256")
                .digest(content));
    }
}
