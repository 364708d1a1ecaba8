package org.archivekit.s3;

import io.ocfl.aws.OcflS3Client;
import io.ocfl.core.storage.cloud.CloudClient;
import io.ocfl.core.storage.cloud.CloudObjectKey;
import io.ocfl.core.storage.cloud.HeadResult;
import io.ocfl.core.storage.cloud.ListResult;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.Future;
import org.archivekit.core.objects.DigitalObjects;
import org.archivekit.core.objects.ObjectStorage;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * An OCFL storage root in an Amazon S3 bucket, or on any server that speaks the S3 protocol with S3's strong
 * read-after-write consistency (MinIO, Ceph RGW, ...), for {@link DigitalObjects}: {@code
 * DigitalObjects.open(archive, S3Storage.bucket("archive").prefix("ocfl").region("eu-central-1").workDir(dir)
 * .build())}. The result is archive-core's neutral {@link ObjectStorage}, so no AWS type reaches code that only
 * uses archive-core.
 *
 * <p>Content is staged in the local work directory (hashed there with SHA-512 and SHA-256 while it is written,
 * read once), then uploaded by ocfl-java's S3 client; a version exists once ocfl-java has replaced the object's
 * root inventory, after its content and version inventory are uploaded. See docs/digital-objects.md ("S3 storage
 * roots") for what one writer and crash safety mean there, and what the host must provide.
 *
 * @since 0.2
 */
public final class S3Storage {
    private S3Storage() {}

    /** Starts a storage root in bucket {@code bucket} (which must exist). */
    public static Builder bucket(String bucket) {
        return new Builder(Objects.requireNonNull(bucket, "bucket"));
    }

    /** The settings of an S3 storage root; {@link #workDir} is required. */
    public static final class Builder {
        private final String bucket;
        private String prefix = "";
        private @Nullable String region;
        private @Nullable URI endpoint;
        private boolean pathStyle;
        private @Nullable AwsCredentialsProvider credentials;
        private @Nullable S3AsyncClient client;
        private @Nullable Path workDir;
        private boolean sha256Fixity;

        private Builder(String bucket) {
            this.bucket = bucket;
        }

        /** The key prefix under which the storage root lives ({@code ""}, the default: the whole bucket). */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** The AWS region, such as {@code eu-central-1}; by default the SDK's (environment, profile). */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The endpoint of an S3-protocol server other than AWS, such as {@code http://minio.campus:9000}. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** Addresses the bucket in the path ({@code host/bucket/key}), as most servers other than AWS need. */
        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        /** Static credentials; by default the SDK's chain (environment, profile, instance role). */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId,
                    secretAccessKey));
            return this;
        }

        /**
         * A client the host built and owns (it is not closed with the storage root), instead of the one built
         * from region, endpoint and credentials.
         */
        public Builder client(S3AsyncClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The local directory where content is staged before upload, and where the writer lock lives. */
        public Builder workDir(Path workDir) {
            this.workDir = Objects.requireNonNull(workDir, "workDir");
            return this;
        }

        /** Also records each file's SHA-256 in the inventory's fixity block (see {@link ObjectStorage}). */
        public Builder sha256Fixity() {
            this.sha256Fixity = true;
            return this;
        }

        /** The storage root, to give to {@link DigitalObjects#open(org.archivekit.core.Archive, ObjectStorage)}. */
        public ObjectStorage build() {
            if (workDir == null) throw new IllegalStateException("workDir is required: content is staged there");
            boolean owned = client == null;
            S3AsyncClient s3 = owned ? newClient() : client;
            S3TransferManager transfers = S3TransferManager.builder().s3Client(s3).build();
            CloudClient ocfl = OcflS3Client.builder().s3Client(s3).transferManager(transfers).bucket(bucket)
                    .repoPrefix(prefix).build();
            String description = "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix)
                    + (endpoint == null ? "" : " at " + endpoint);
            ObjectStorage storage = ObjectStorage.cloud(description,
                    new Closing(ocfl, transfers, owned ? s3 : null), workDir);
            return sha256Fixity ? storage.withSha256Fixity() : storage;
        }

        private S3AsyncClient newClient() {
            S3AsyncClientBuilder b = S3AsyncClient.builder()
                    .credentialsProvider(credentials != null ? credentials : DefaultCredentialsProvider.create())
                    .forcePathStyle(pathStyle)
                    // large files go up in parts, without the native CRT client
                    .multipartEnabled(true);
            if (region != null) b.region(Region.of(region));
            else if (endpoint != null) b.region(Region.US_EAST_1); // servers other than AWS mostly ignore it
            if (endpoint != null) b.endpointOverride(endpoint);
            return b.build();
        }
    }

    /** ocfl-java's client, closing the transfer manager and (when this class built it) the S3 client with it. */
    private static final class Closing implements CloudClient {
        private final CloudClient delegate;
        private final S3TransferManager transfers;
        private final @Nullable S3AsyncClient s3;

        Closing(CloudClient delegate, S3TransferManager transfers, @Nullable S3AsyncClient s3) {
            this.delegate = delegate;
            this.transfers = transfers;
            this.s3 = s3;
        }

        @Override
        public void close() {
            try {
                delegate.close();
            } finally {
                try {
                    transfers.close();
                } finally {
                    if (s3 != null) s3.close();
                }
            }
        }

        @Override
        public String bucket() {
            return delegate.bucket();
        }

        @Override
        public String prefix() {
            return delegate.prefix();
        }

        @Override
        public Future<CloudObjectKey> uploadFileAsync(Path srcPath, String dstPath) {
            return delegate.uploadFileAsync(srcPath, dstPath);
        }

        @Override
        public Future<CloudObjectKey> uploadFileAsync(Path srcPath, String dstPath, String contentType) {
            return delegate.uploadFileAsync(srcPath, dstPath, contentType);
        }

        @Override
        public CloudObjectKey uploadFile(Path srcPath, String dstPath) {
            return delegate.uploadFile(srcPath, dstPath);
        }

        @Override
        public CloudObjectKey uploadFile(Path srcPath, String dstPath, String contentType) {
            return delegate.uploadFile(srcPath, dstPath, contentType);
        }

        @Override
        public CloudObjectKey uploadBytes(String dstPath, byte[] bytes, String contentType) {
            return delegate.uploadBytes(dstPath, bytes, contentType);
        }

        @Override
        public CloudObjectKey copyObject(String srcPath, String dstPath) {
            return delegate.copyObject(srcPath, dstPath);
        }

        @Override
        public Path downloadFile(String srcPath, Path dstPath) {
            return delegate.downloadFile(srcPath, dstPath);
        }

        @Override
        public InputStream downloadStream(String srcPath) {
            return delegate.downloadStream(srcPath);
        }

        @Override
        public InputStream downloadStreamRange(String srcPath, String range) {
            return delegate.downloadStreamRange(srcPath, range);
        }

        @Override
        public String downloadString(String srcPath) {
            return delegate.downloadString(srcPath);
        }

        @Override
        public HeadResult head(String path) {
            return delegate.head(path);
        }

        @Override
        public ListResult list(String prefix) {
            return delegate.list(prefix);
        }

        @Override
        public ListResult listDirectory(String path) {
            return delegate.listDirectory(path);
        }

        @Override
        public boolean directoryExists(String path) {
            return delegate.directoryExists(path);
        }

        @Override
        public void deletePath(String path) {
            delegate.deletePath(path);
        }

        @Override
        public void deleteObjects(Collection<String> objectKeys) {
            delegate.deleteObjects(objectKeys);
        }

        @Override
        public void safeDeleteObjects(String... objectKeys) {
            delegate.safeDeleteObjects(objectKeys);
        }

        @Override
        public void safeDeleteObjects(Collection<String> objectKeys) {
            delegate.safeDeleteObjects(objectKeys);
        }

        @Override
        public boolean bucketExists() {
            return delegate.bucketExists();
        }
    }
}
