package org.archivekit.share.bagit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.archivekit.core.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bag we write is valid for the Library of Congress bagit-java library and for our own validator. */
final class BagWriterTest {
    @TempDir
    Path dir;

    Path writeSampleBag(Path at) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("Source-Organization", "示范大学档案馆 Demo University Archives");
        info.put("External-Identifier", "Z001");
        try (BagWriter bag = BagWriter.create(at, info)) {
            bag.addPayload("metadata/ead3.xml", new ByteArrayInputStream(
                    "<ead xmlns=\"http://ead3.archivists.org/schema/\"/>".getBytes(StandardCharsets.UTF_8)));
            bag.addPayload("metadata/records.json", new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)));
            byte[] scan = new byte[3 << 20];
            new Random(1).nextBytes(scan);
            bag.addPayload("objects/Z001-0001/校长办公会议纪要 第1页.tif", new ByteArrayInputStream(scan));
            bag.addPayload("objects/Z001-0001/(empty) notes & 说明.txt", new ByteArrayInputStream(new byte[0]));
        }
        return at;
    }

    static void assertValidForLibraryOfCongress(Path bagDir) throws Exception {
        Bag bag = new BagReader().read(bagDir);
        try (BagVerifier verifier = new BagVerifier()) {
            verifier.isValid(bag, false);
        }
    }

    @Test
    void aWrittenBagIsValidForBagitJavaAndForUs() throws Exception {
        Path bag = writeSampleBag(dir.resolve("bag"));
        assertValidForLibraryOfCongress(bag);
        BagReport ours = BagValidator.validate(bag);
        assertThat(ours.errors()).isEmpty();
        assertThat(ours.warnings()).isEmpty();
        assertThat(ours.isComplete()).isTrue();
        assertThat(ours.payloadFiles()).isEqualTo(4);
        assertThat(Files.readString(bag.resolve("bag-info.txt"))).contains("Payload-Oxum: " + ours.payloadBytes()
                + ".4");
    }

    @Test
    void aZippedBagSurvivesTheSafeUnzipAndStaysValid() throws Exception {
        Path bag = writeSampleBag(dir.resolve("export-Z001"));
        Path zip = dir.resolve("export-Z001.zip");
        BagWriter.zip(bag, zip);
        Path root = SafeUnzip.extract(zip, dir.resolve("unzipped"), SafeUnzip.Limits.DEFAULT);
        assertThat(root.getFileName().toString()).isEqualTo("export-Z001");
        assertValidForLibraryOfCongress(root);
        assertThat(BagValidator.validate(root).isComplete()).isTrue();
    }

    @Test
    void aTamperedBagIsCaughtByBoth() throws Exception {
        Path bag = writeSampleBag(dir.resolve("bag"));
        Files.writeString(bag.resolve("data/metadata/records.json"), "[1]");
        assertThat(BagValidator.validate(bag).firstError()).contains("records.json").contains("checksum");
        assertThatThrownBy(() -> assertValidForLibraryOfCongress(bag)).isInstanceOf(Exception.class);
    }

    @Test
    void payloadPathsCannotEscape() {
        try (BagWriter bag = BagWriter.create(dir.resolve("b"), Map.of())) {
            for (String bad : new String[] {"../x", "/etc/x", "a/../../x", "C:/x", "a//b", "", "100% done.txt",
                "line\nbreak.txt"}) {
                assertThatThrownBy(() -> bag.addPayload(bad, new ByteArrayInputStream(new byte[0])))
                        .as(bad).isInstanceOf(InvalidRequestException.class);
            }
        }
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
