package org.archivekit.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.S3MockApplication;
import io.ocfl.aws.OcflS3Client;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.archivekit.core.Archive;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.StorageException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.internal.ocfl.OcflSupport;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.objects.DigitalObjects;
import org.archivekit.core.objects.FixityReport;
import org.archivekit.core.objects.ObjectStorage;
import org.archivekit.core.objects.ReconcileReport;
import org.archivekit.core.testing.ObjectFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Digital objects in an S3 storage root, against a real S3-protocol server (Adobe's S3Mock, started in this JVM
 * from its Maven artifact, speaking HTTP on a random port): attach, fixity-checked reads, versions, remove, access
 * trimming, the fixity audit, and reconcile's repairs of what a crash leaves in a bucket.
 */
final class S3DigitalObjectsTest {
    static final InstitutionCode U = InstitutionCode.of("CN-TEST-U");
    static final Principal ADMIN = Principal.admin("admin");
    static final Principal PUBLIC = Principal.anonymous();
    static final DescriptionId OPEN = DescriptionId.of("I1");
    static final DescriptionId SECRET = DescriptionId.of("I2");
    static final String BUCKET = "archive";

    static S3MockApplication server;
    static URI endpoint;
    static S3AsyncClient raw;
    static int run;

    @TempDir
    Path dir;
    String prefix;
    Archive archive;
    DigitalObjects objects;

    @BeforeAll
    static void startServer(@TempDir Path serverRoot) {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        server = S3MockApplication.start(new java.util.HashMap<>(Map.of( // start() adds its defaults to the map
                S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
                S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
                S3MockApplication.PROP_INITIAL_BUCKETS, BUCKET,
                S3MockApplication.PROP_ROOT_DIRECTORY, serverRoot.toString(),
                S3MockApplication.PROP_SILENT, true,
                "spring.main.banner-mode", "off")));
        endpoint = URI.create("http://localhost:" + server.getHttpPort());
        raw = S3AsyncClient.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("ak", "sk")))
                .build();
    }

    @AfterAll
    static void stopServer() {
        if (raw != null) raw.close();
        if (server != null) server.stop();
    }

    ObjectStorage storage(Path workDir) {
        return S3Storage.bucket(BUCKET).prefix(prefix).endpoint(endpoint).pathStyle(true).credentials("ak", "sk")
                .workDir(workDir).build();
    }

    @BeforeEach
    void open() {
        prefix = "ocfl-" + (++run); // a storage root of its own per test, in the one bucket
        archive = ObjectFixtures.threeRecords(dir.resolve("store.db"), U, ADMIN);
        objects = DigitalObjects.open(archive, storage(dir.resolve("work")));
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

    static String hex(String algorithm, byte[] b) {
        return ObjectFixtures.hex(algorithm, b);
    }

    Description attach(DescriptionId id, String name, byte[] content) {
        return objects.attach(ADMIN, id, name, "application/octet-stream", new ByteArrayInputStream(content));
    }

    byte[] readAll(Principal who, DescriptionId id, String name) throws IOException {
        try (InputStream in = objects.read(who, id, name)) {
            return in.readAllBytes();
        }
    }

    /** The keys of this test's storage root, relative to its prefix. */
    private List<String> listKeys() {
        List<String> out = new java.util.ArrayList<>();
        raw.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix + "/")).contents()
                .subscribe(o -> out.add(o.key().substring(prefix.length() + 1))).join();
        return out;
    }

    void put(String key, byte[] content) {
        raw.putObject(r -> r.bucket(BUCKET).key(prefix + "/" + key), AsyncRequestBody.fromBytes(content)).join();
    }

    /** The key of the object root (relative to the prefix) holding {@code fileName} in its content. */
    String objectRootOf(String fileName) {
        String key = listKeys().stream().filter(k -> k.endsWith("/content/" + fileName)).findFirst().orElseThrow();
        return key.substring(0, key.indexOf("/v"));
    }

    @Test
    void attachedFilesLiveInTheBucketAndReadBackWithTheirContentAddressChecked() throws Exception {
        byte[] small = "第一页 page one".getBytes(UTF_8);
        byte[] large = bytes(9 << 20, 1); // past the client's multipart threshold: uploaded in parts

        attach(OPEN, "会议记录.txt", small);
        Description saved = attach(OPEN, "scan.tif", large);

        assertThat(saved.digitalObjects()).extracting(DigitalObjectRef::fileName)
                .containsExactly("会议记录.txt", "scan.tif");
        DigitalObjectRef scan = saved.digitalObjects().get(1);
        assertThat(scan.size()).isEqualTo(large.length);
        assertThat(scan.sha256()).isEqualTo(hex("SHA-256", large));
        assertThat(scan.sha512()).isEqualTo(hex("SHA-512", large));
        assertThat(readAll(PUBLIC, OPEN, "scan.tif")).isEqualTo(large);
        assertThat(readAll(PUBLIC, OPEN, "会议记录.txt")).isEqualTo(small);
        assertThat(listKeys()).contains("0=ocfl_1.1").anyMatch(k -> k.endsWith("/v2/content/scan.tif"))
                .anyMatch(k -> k.endsWith("/v1/content/会议记录.txt"));
        assertThat(objects.validate(ADMIN, OPEN, true).isValid()).isTrue();
        assertThat(objects.storage().fileSystemRoot()).isEmpty();
        assertThat(objects.storage().description()).startsWith("s3://archive/" + prefix);
    }

    @Test
    void everyChangeIsAVersionAndARemovedFileStaysInTheOlderOne() throws Exception {
        attach(OPEN, "a.txt", "一".getBytes(UTF_8));
        attach(OPEN, "b.txt", "二".getBytes(UTF_8));
        objects.remove(ADMIN, OPEN, "a.txt");

        assertThat(objects.versions(ADMIN, OPEN)).extracting(v -> v.number() + " " + v.fileNames())
                .containsExactly("1 [a.txt]", "2 [a.txt, b.txt]", "3 [b.txt]");
        assertThat(objects.files(ADMIN, OPEN)).extracting(DigitalObjectRef::fileName).containsExactly("b.txt");
        assertThatThrownBy(() -> objects.read(ADMIN, OPEN, "a.txt")).isInstanceOf(NotFoundException.class);
        assertThat(listKeys()).anyMatch(k -> k.endsWith("/v1/content/a.txt")); // kept for version 1
        assertThat(objects.verify(ADMIN).isClean()).isTrue();
    }

    @Test
    void aCallerWhoCannotSeeTheRecordLearnsNothingAboutItsFiles() {
        attach(SECRET, "机密.pdf", "秘密".getBytes(UTF_8));

        assertThatThrownBy(() -> objects.files(PUBLIC, SECRET)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> objects.read(PUBLIC, SECRET, "机密.pdf")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> objects.versions(PUBLIC, SECRET)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> objects.read(PUBLIC, SECRET, "other.pdf")).isInstanceOf(NotFoundException.class)
                .hasMessageNotContaining("机密");
        assertThat(objects.files(ADMIN, SECRET)).extracting(DigitalObjectRef::fileName).containsExactly("机密.pdf");
    }

    @Test
    void contentChangedInTheBucketFailsTheReadAndTheAudit() throws Exception {
        attach(OPEN, "a.bin", bytes(5000, 2));
        attach(SECRET, "b.bin", bytes(7000, 3));
        assertThat(objects.verify(ADMIN).isClean()).isTrue();
        String key = listKeys().stream().filter(k -> k.endsWith("/content/a.bin")).findFirst().orElseThrow();
        put(key, bytes(5000, 99)); // bit rot, or a hand that should not have touched it

        assertThatThrownBy(() -> readAll(PUBLIC, OPEN, "a.bin")).isInstanceOf(StorageException.class)
                .hasMessageContaining("fixity");
        FixityReport report = objects.verify(ADMIN);
        assertThat(report.objects()).isEqualTo(2);
        assertThat(report.changed()).singleElement().asString().startsWith("I1/a.bin");
        assertThat(report.missing()).isEmpty();
    }

    @Test
    void reconcileRollsBackAVersionNoRecordKnowsOf() throws Exception {
        attach(OPEN, "kept.txt", "kept".getBytes(UTF_8));
        objects.close();
        // what a crash between the upload and the record's save leaves: a version the record does not list
        try (S3AsyncClient s3 = S3AsyncClient.builder().endpointOverride(endpoint).forcePathStyle(true)
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("ak", "sk"))).build();
                software.amazon.awssdk.transfer.s3.S3TransferManager tm =
                        software.amazon.awssdk.transfer.s3.S3TransferManager.builder().s3Client(s3).build();
                OcflSupport ocfl = OcflSupport.open(null, OcflS3Client.builder().s3Client(s3).transferManager(tm)
                        .bucket(BUCKET).repoPrefix(prefix).build(), dir.resolve("work2"), false)) {
            ocfl.write("info:archivekit/I1", "orphan.txt", new ByteArrayInputStream("half".getBytes(UTF_8)), "admin",
                    "crash");
        }
        objects = DigitalObjects.open(archive, storage(dir.resolve("work")));
        assertThat(objects.verify(ADMIN).untracked()).singleElement().asString().startsWith("I1/orphan.txt");

        ReconcileReport report = objects.reconcile(ADMIN);

        assertThat(report.rolledBack()).containsExactly("I1: v2 -> v1");
        assertThat(objects.versions(ADMIN, OPEN)).hasSize(1);
        assertThat(new String(readAll(ADMIN, OPEN, "kept.txt"), UTF_8)).isEqualTo("kept");
        assertThat(objects.verify(ADMIN).isClean()).isTrue();
        assertThat(objects.reconcile(ADMIN).isClean()).isTrue();
    }

    @Test
    void reconcileRemovesTheKeysOfAnInterruptedVersionAndAnInterruptedCreation() throws Exception {
        attach(OPEN, "a.txt", "a".getBytes(UTF_8));
        String objectRoot = objectRootOf("a.txt");
        // killed after uploading version 2's content, before its inventory: keys past the head
        put(objectRoot + "/v2/content/b.txt", "b".getBytes(UTF_8));
        // killed while creating an object: content and a declaration, no inventory
        put("abc/def/012/stray-object/0=ocfl_object_1.1", "ocfl_object_1.1\n".getBytes(UTF_8));
        put("abc/def/012/stray-object/v1/content/c.txt", "c".getBytes(UTF_8));

        ReconcileReport report = objects.reconcile(ADMIN);

        String name = objectRoot.substring(objectRoot.lastIndexOf('/') + 1);
        assertThat(report.rolledBack()).containsExactlyInAnyOrder(
                "object " + name + ": interrupted version v2 removed",
                "object stray-object: an interrupted creation (no inventory) removed");
        assertThat(listKeys()).noneMatch(k -> k.contains("/v2/") || k.startsWith("abc/"));
        assertThat(objects.validate(ADMIN, OPEN, true).isValid()).isTrue();
        assertThat(objects.verify(ADMIN).isClean()).isTrue();
        attach(OPEN, "b.txt", "b, this time in full".getBytes(UTF_8)); // version 2 is written anew
        assertThat(new String(readAll(ADMIN, OPEN, "b.txt"), UTF_8)).isEqualTo("b, this time in full");
    }

    @Test
    void aSecondWriterOnThisMachineIsRefusedAndReadersAreNot() throws Exception {
        attach(OPEN, "a.txt", "a".getBytes(UTF_8));

        assertThatThrownBy(() -> DigitalObjects.open(archive, storage(dir.resolve("work"))))
                .isInstanceOf(StorageException.class).hasMessageContaining("open for writing");
        try (DigitalObjects reader = DigitalObjects.openReadOnly(archive, storage(dir.resolve("work-reader")))) {
            try (InputStream in = reader.read(PUBLIC, OPEN, "a.txt")) {
                assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("a");
            }
        }
    }

    @Test
    void sha256InTheInventoryIsOptInOnS3Too() throws Exception {
        objects.close();
        objects = DigitalObjects.open(archive, S3Storage.bucket(BUCKET).prefix(prefix).endpoint(endpoint)
                .pathStyle(true).credentials("ak", "sk").workDir(dir.resolve("work")).sha256Fixity().build());
        byte[] content = bytes(3000, 5);
        attach(OPEN, "a.bin", content);
        String inventory = listKeys().stream().filter(k -> k.endsWith("/v1/inventory.json")).findFirst()
                .orElseThrow();
        String json = new String(raw.getObject(r -> r.bucket(BUCKET).key(prefix + "/" + inventory),
                software.amazon.awssdk.core.async.AsyncResponseTransformer.toBytes()).join().asByteArray(), UTF_8);

        assertThat(json).contains("\"sha256\"").contains(hex("SHA-256", content));
        assertThat(objects.validate(ADMIN, OPEN, true).isValid()).isTrue();
        assertThat(objects.files(ADMIN, OPEN).stream().map(DigitalObjectRef::sha512).collect(Collectors.toList()))
                .containsExactly(hex("SHA-512", content));
    }
}
