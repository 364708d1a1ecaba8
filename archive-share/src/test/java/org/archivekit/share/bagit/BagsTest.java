package org.archivekit.share.bagit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Level;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BagsTest {
    static final Principal ADMIN = Principal.admin("admin");
    @TempDir
    Path dir;
    Archive source;
    Archive target;
    SampleArchive sample = SampleArchive.builder().items(300).seed(41).build();
    DescriptionId fonds;

    @BeforeEach
    void fill() {
        source = Archive.builder().store(new InMemoryArchiveStore()).build();
        source.putInstitution(ADMIN, sample.institution());
        source.importAll(ADMIN, sample.iterator());
        target = Archive.builder().store(new InMemoryArchiveStore()).build();
        target.putInstitution(ADMIN, sample.institution());
        try (Stream<RecordView> s = source.list(Principal.anonymous(), Level.FONDS)) {
            fonds = s.map(RecordView::id).findFirst().orElseThrow();
        }
    }

    @AfterEach
    void close() {
        source.close();
        target.close();
    }

    long visible(Principal p) {
        try (Stream<RecordView> s = source.descendants(p, fonds)) {
            return s.count() + 1;
        }
    }

    @Test
    void aFondsTravelsAsABagAndArrivesWhole() throws Exception {
        Path bag = dir.resolve("bag");
        long exported = Bags.of(source).export(ADMIN, fonds, bag).records();
        assertThat(exported).isEqualTo(visible(ADMIN));
        try (BagVerifier v = new BagVerifier()) {
            v.isValid(new BagReader().read(bag), false);
        }
        assertThat(Files.readString(bag.resolve("data").resolve(Bags.EAD3))).contains("ead3.archivists.org")
                .contains(source.get(ADMIN, fonds).title().text());
        assertThat(Bags.of(target).importBag(ADMIN, bag)).isEqualTo(exported);
        assertThat(target.get(ADMIN, fonds).title()).isEqualTo(source.get(ADMIN, fonds).title());
    }

    @Test
    void anExportNeverTouchesAnExistingDirectory() throws Exception {
        Path existing = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(existing.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> Bags.of(source).export(ADMIN, fonds, existing))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("exists");
        assertThat(Files.readString(existing.resolve("notes.txt"))).isEqualTo("keep me");
    }

    @Test
    void anExportHoldsOnlyWhatTheCallerMaySee() throws Exception {
        Path bag = dir.resolve("public-bag");
        long exported = Bags.of(source).export(Principal.anonymous(), fonds, bag).records();
        assertThat(exported).isEqualTo(visible(Principal.anonymous())).isLessThan(visible(ADMIN));
        List<String> lines = Files.readAllLines(bag.resolve("data").resolve(Bags.RECORDS));
        String ead = Files.readString(bag.resolve("data").resolve(Bags.EAD3));
        try (Stream<RecordView> hidden = source.descendants(ADMIN, fonds)
                .filter(v -> v.effectiveLevel() != AccessLevel.PUBLIC)) {
            List<String> ids = hidden.map(v -> "\"id\":\"" + v.id().value() + "\"").toList();
            assertThat(ids).isNotEmpty();
            assertThat(lines).noneMatch(l -> ids.stream().anyMatch(l::contains));
            List<String> hiddenIds = ids.stream().map(x -> x.substring(6, x.length() - 1)).toList();
            assertThat(hiddenIds).allSatisfy(id -> assertThat(ead).doesNotContain(">" + id + "<"));
        }
    }

    @Test
    void aZippedBagImportsAndATamperedOneStoresNothing() throws Exception {
        Path bag = dir.resolve("export");
        Bags.of(source).export(ADMIN, fonds, bag);
        Path zip = dir.resolve("export.zip");
        BagWriter.zip(bag, zip);
        Path records = bag.resolve("data").resolve(Bags.RECORDS);
        Files.writeString(records, Files.readString(records).replaceFirst("\"title\"", "\"titel\""));
        assertThatThrownBy(() -> Bags.of(target).importBag(ADMIN, bag)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("checksum");
        assertThat(target.find(ADMIN, fonds)).isEmpty();
        assertThat(Bags.of(target).importBag(ADMIN, zip)).isEqualTo(visible(ADMIN));
    }

    @Test
    void aMalformedRecordNamesItsLineAndStoresNothing() {
        Path bag = dir.resolve("bad");
        try (BagWriter w = BagWriter.create(bag, Map.of())) {
            String good = org.archivekit.core.json.ArchiveJson.toJson(source.get(ADMIN, fonds));
            w.addPayload(Bags.RECORDS, new ByteArrayInputStream((good + "\n{\"schema\":\"nope\"}\n")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        assertThatThrownBy(() -> Bags.of(target).importBag(ADMIN, bag)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("line 2");
        assertThat(target.find(ADMIN, fonds)).isEmpty();
    }

    @Test
    void anIncompleteOrForeignBagIsRefused() throws Exception {
        Path holey = dir.resolve("holey");
        Bags.of(source).export(ADMIN, fonds, holey);
        Files.delete(holey.resolve("data").resolve(Bags.RECORDS));
        Files.writeString(holey.resolve("fetch.txt"), "https://partner.example.org/records.jsonl - data/"
                + Bags.RECORDS + "\n");
        assertThat(BagValidator.validate(holey).isValid()).isTrue();
        assertThatThrownBy(() -> Bags.of(target).importBag(ADMIN, holey)).hasMessageContaining("incomplete")
                .hasMessageContaining("never fetches");
        Path foreign = dir.resolve("foreign");
        try (BagWriter w = BagWriter.create(foreign, Map.of())) {
            w.addPayload("scan.tif", new ByteArrayInputStream(new byte[] {1, 2, 3}));
        }
        assertThatThrownBy(() -> Bags.of(target).importBag(ADMIN, foreign)).hasMessageContaining("not an ArchiveKit");
        assertThat(target.find(ADMIN, fonds)).isEmpty();
    }
}
