package org.archivekit.share.bagit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.StorageException;
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

    /** Sizes around the copy buffer (1 MiB): one short buffer, exactly one, exactly two, more than the pool, a tail. */
    @Test
    void largeFilesAreCopiedWholeWithBothDigestsRight() throws Exception {
        int mib = 1 << 20;
        int[] sizes = {0, 1, mib - 1, mib, mib + 1, 2 * mib, 4 * mib, 9 * mib + 7};
        Random random = new Random(5);
        Path at = dir.resolve("big");
        Map<String, byte[]> written = new LinkedHashMap<>();
        try (BagWriter bag = BagWriter.create(at, Map.of())) {
            for (int size : sizes) {
                byte[] content = new byte[size];
                random.nextBytes(content);
                String name = "objects/f" + size + ".bin";
                // a stream that hands out odd amounts, as network and decompressing streams do
                BagWriter.Payload p = bag.addPayload(name, new ByteArrayInputStream(content) {
                    @Override
                    public synchronized int read(byte[] b, int off, int len) {
                        return super.read(b, off, Math.min(len, 300_007));
                    }
                });
                assertThat(p.size()).isEqualTo(size);
                assertThat(p.sha512()).isEqualTo(hex("SHA-512", content));
                assertThat(p.sha256()).isEqualTo(hex("SHA-256", content));
                written.put(name, content);
            }
        }
        for (Map.Entry<String, byte[]> e : written.entrySet()) {
            assertThat(Files.readAllBytes(at.resolve("data/" + e.getKey()))).isEqualTo(e.getValue());
        }
        assertValidForLibraryOfCongress(at);
        assertThat(BagValidator.validate(at).errors()).isEmpty();
    }

    @Test
    void aSourceThatFailsMidwayIsAStorageErrorAndTheBagCanGoOn() throws Exception {
        Path at = dir.resolve("failing");
        byte[] ok = new byte[5 << 20];
        new Random(9).nextBytes(ok);
        try (BagWriter bag = BagWriter.create(at, Map.of())) {
            InputStream failing = failingAfter(7L << 20);
            assertThatThrownBy(() -> bag.addPayload("objects/broken.bin", failing))
                    .isInstanceOf(StorageException.class).hasMessageContaining("the disk went away");
            bag.addPayload("objects/fine.bin", new ByteArrayInputStream(ok));
        }
        assertThat(Files.readAllBytes(at.resolve("data/objects/fine.bin"))).isEqualTo(ok);
        assertThat(Files.readString(at.resolve("manifest-sha512.txt"))).contains(hex("SHA-512", ok))
                .doesNotContain("broken.bin");
        assertThat(at.resolve("data/objects/broken.bin")).doesNotExist();
        assertValidForLibraryOfCongress(at);
    }

    @Test
    void aPayloadStreamIsHashedAsItIsWrittenAndMustBeClosed() throws Exception {
        Path at = dir.resolve("streamed");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) text.append("第").append(i).append("行 line ").append(i).append('\n');
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try (BagWriter bag = BagWriter.create(at, Map.of())) {
            try (OutputStream a = bag.newPayload("metadata/a.txt");
                    OutputStream b = bag.newPayload("metadata/b.txt")) {
                for (int i = 0; i < bytes.length; i += 1000) {
                    a.write(bytes, i, Math.min(1000, bytes.length - i));
                    b.write(bytes[i]);
                }
            }
            assertThatThrownBy(() -> bag.newPayload("metadata/a.txt")).isInstanceOf(InvalidRequestException.class);
            OutputStream left = bag.newPayload("metadata/left-open.txt");
            assertThatThrownBy(bag::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("open");
            left.close();
        }
        assertThat(Files.readAllBytes(at.resolve("data/metadata/a.txt"))).isEqualTo(bytes);
        assertThat(Files.readString(at.resolve("manifest-sha256.txt"))).contains(hex("SHA-256", bytes)
                + "  data/metadata/a.txt");
        assertValidForLibraryOfCongress(at);
    }

    static java.util.List<String> fileWorkers() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("bag-file-")).toList();
    }

    /** Many files copied on the file workers: the same bag, byte for byte, as one thread adding them in turn. */
    @Test
    void filesCopiedInParallelMakeTheSameBagAsOneAfterAnother() throws Exception {
        int mib = 1 << 20;
        Random random = new Random(11);
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (int i = 0; i < 14; i++) {
            byte[] c = new byte[i == 0 ? 0 : random.nextInt(3 * mib)];
            random.nextBytes(c);
            contents.put("objects/r" + (13 - i) + "/文件-" + i + ".bin", c); // added out of name order
        }
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Path parallel = dir.resolve("parallel");
        Path serial = dir.resolve("serial");
        Map<String, java.util.concurrent.Future<java.util.Optional<BagWriter.Payload>>> futures = new LinkedHashMap<>();
        try (BagWriter bag = BagWriter.create(parallel, Map.of("Bagging-Date", "2026-01-01"))) {
            int i = 0;
            for (Map.Entry<String, byte[]> e : contents.entrySet()) {
                if (i++ % 2 == 0) {
                    Path f = Files.write(sources.resolve("s" + i), e.getValue());
                    futures.put(e.getKey(), bag.addPayloadLater(e.getKey(), f));
                } else {
                    futures.put(e.getKey(), bag.addPayloadLater(e.getKey(), copy -> copy.from(
                            new ByteArrayInputStream(e.getValue()))));
                }
            }
        }
        try (BagWriter bag = BagWriter.create(serial, Map.of("Bagging-Date", "2026-01-01"))) {
            for (Map.Entry<String, byte[]> e : contents.entrySet()) {
                bag.addPayload(e.getKey(), new ByteArrayInputStream(e.getValue()));
            }
        }
        for (Map.Entry<String, byte[]> e : contents.entrySet()) {
            BagWriter.Payload p = futures.get(e.getKey()).get().orElseThrow();
            assertThat(p.sha512()).isEqualTo(hex("SHA-512", e.getValue()));
            assertThat(p.sha256()).isEqualTo(hex("SHA-256", e.getValue()));
            assertThat(Files.readAllBytes(parallel.resolve("data/" + e.getKey()))).isEqualTo(e.getValue());
        }
        for (String tag : java.util.List.of("manifest-sha512.txt", "manifest-sha256.txt", "bag-info.txt",
                "tagmanifest-sha512.txt")) {
            assertThat(Files.readString(parallel.resolve(tag))).as(tag).isEqualTo(Files.readString(
                    serial.resolve(tag)));
        }
        java.util.List<String> lines = Files.readAllLines(parallel.resolve("manifest-sha256.txt"));
        assertThat(lines).hasSize(contents.size()).isSortedAccordingTo(java.util.Comparator.comparing(
                l -> l.substring(l.indexOf("  ") + 2)));
        assertValidForLibraryOfCongress(parallel);
        assertThat(fileWorkers()).isEmpty();
    }

    @Test
    void theFirstParallelFailureWinsStopsTheOtherWorkerAndLeavesNoThreadNorManifest() throws Exception {
        Path at = dir.resolve("failing-parallel");
        boolean[] endlessClosed = {false};
        BagWriter bag = BagWriter.create(at, Map.of());
        // a content that never ends: its copy stops only because the other file failed
        java.util.concurrent.Future<?> endless = bag.addPayloadLater("objects/endless.bin", copy -> {
            try (InputStream in = new InputStream() {
                @Override
                public int read() {
                    return 1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return len;
                }

                @Override
                public void close() {
                    endlessClosed[0] = true;
                }
            }) {
                copy.from(in);
            }
        });
        java.util.concurrent.Future<?> failing = bag.addPayloadLater("objects/failing.bin",
                copy -> copy.from(failingAfter(3L << 20)));

        assertThatThrownBy(failing::get).hasCauseInstanceOf(StorageException.class)
                .hasMessageContaining("the disk went away");
        assertThatThrownBy(endless::get).isInstanceOf(java.util.concurrent.ExecutionException.class);
        // once failed, the bag takes no more files and cannot be finished
        assertThatThrownBy(() -> bag.addPayloadLater("objects/late.bin", copy -> copy.from(
                new ByteArrayInputStream(new byte[10])))).isInstanceOf(StorageException.class)
                .hasMessageContaining("the disk went away");
        assertThatThrownBy(bag::close).isInstanceOf(StorageException.class).hasMessageContaining("went away");
        assertThat(endlessClosed[0]).isTrue();
        assertThat(fileWorkers()).isEmpty();
        assertThat(at.resolve("manifest-sha512.txt")).doesNotExist();
        assertThat(at.resolve("data/objects/failing.bin")).doesNotExist();
        assertThat(at.resolve("data/objects/endless.bin")).doesNotExist();
    }

    @Test
    void aSourceWithoutContentFreesItsNameAndOneFailingAfterItsCopyTakesThePayloadOut() throws Exception {
        Path at = dir.resolve("sources");
        BagWriter bag = BagWriter.create(at, Map.of());
        assertThat(bag.addPayloadLater("objects/none.bin", copy -> { }).get()).isEmpty();
        bag.addPayload("objects/none.bin", new ByteArrayInputStream(new byte[] {1, 2, 3})); // the name is free
        java.util.concurrent.Future<?> late = bag.addPayloadLater("objects/checked.bin", copy -> {
            copy.from(new ByteArrayInputStream(new byte[2 << 20]));
            throw new StorageException("fixity check failed after the copy", new IOException("mismatch"));
        });
        assertThatThrownBy(late::get).hasMessageContaining("fixity check failed");
        assertThat(at.resolve("data/objects/checked.bin")).doesNotExist();
        bag.abort();
        bag.close(); // does nothing after abort
        assertThat(at.resolve("manifest-sha512.txt")).doesNotExist();
        assertThat(fileWorkers()).isEmpty();
    }

    private static String hex(String algorithm, byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }

    /** A stream of {@code bytes} zero bytes whose next read then fails, as a disk that goes away midway. */
    private static InputStream failingAfter(long bytes) {
        return new InputStream() {
            private long left = bytes;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) throw new IOException("the disk went away");
                int n = (int) Math.min(len, left);
                left -= n;
                return n;
            }
        };
    }
}
