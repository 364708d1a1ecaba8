package org.archivekit.core.objects;

import io.ocfl.core.storage.cloud.CloudClient;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where {@link DigitalObjects} keeps its OCFL 1.1 storage root, and how: a directory on a local file system (the
 * default, under the home), or a cloud bucket reached through an ocfl-java {@link CloudClient} that another module
 * builds (archive-s3's {@code S3Storage} for Amazon S3 and S3-protocol servers), so that no cloud SDK type appears
 * in archive-core. Immutable; the {@code with...} methods return changed copies.
 *
 * <p><b>Inventory fixity.</b> Content is addressed by SHA-512 (the inventory's manifest) and nothing else by
 * default: the record keeps each file's SHA-256 and {@link DigitalObjects#verify} checks it. {@link
 * #withSha256Fixity()} also writes the SHA-256 into every inventory's {@code fixity} block, for tools that read
 * only the OCFL side; it costs a second read of each file, as ocfl-java computes that value itself.
 *
 * @since 0.2
 */
public final class ObjectStorage {
    private final @Nullable Path root;
    private final @Nullable CloudClient cloud;
    private final Path workDir;
    private final String description;
    private final boolean sha256Fixity;

    private ObjectStorage(@Nullable Path root, @Nullable CloudClient cloud, Path workDir, String description,
            boolean sha256Fixity) {
        this.root = root;
        this.cloud = cloud;
        this.workDir = workDir;
        this.description = description;
        this.sha256Fixity = sha256Fixity;
    }

    /**
     * A storage root in directory {@code root} (created when missing). Files are staged in {@code root}'s sibling
     * {@code <name>.work} (same volume, so a version moves in by renaming) and the writer lock is {@code
     * <name>.lock} beside it.
     */
    public static ObjectStorage fileSystem(Path root) {
        Path absolute = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        if (absolute.getParent() == null) throw new IllegalArgumentException("the storage root cannot be '/'");
        return new ObjectStorage(absolute, null, absolute.resolveSibling(absolute.getFileName() + ".work"),
                absolute.toString(), false);
    }

    /**
     * A storage root in a cloud bucket, through {@code client} (closed with the {@link DigitalObjects} that use
     * it). Files are staged in the local directory {@code workDir} before they are uploaded, and the writer lock
     * is {@code writer.lock} in it; it guards this machine only (see {@link DigitalObjects} on one writer).
     *
     * @param description how the root is shown in messages, such as {@code s3://bucket/prefix}
     */
    public static ObjectStorage cloud(String description, CloudClient client, Path workDir) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(client, "client");
        return new ObjectStorage(null, client,
                Objects.requireNonNull(workDir, "workDir").toAbsolutePath().normalize(), description, false);
    }

    /** This storage, also recording each file's SHA-256 in the inventory's fixity block (off by default). */
    public ObjectStorage withSha256Fixity() {
        return new ObjectStorage(root, cloud, workDir, description, true);
    }

    /** Whether inventories record each file's SHA-256 as fixity too. */
    public boolean sha256Fixity() {
        return sha256Fixity;
    }

    /** The directory of a file-system storage root; empty for a cloud one. */
    public Optional<Path> fileSystemRoot() {
        return Optional.ofNullable(root);
    }

    /** The local directory where content is staged. */
    public Path workDir() {
        return workDir;
    }

    /** The writer lock file: beside a file-system root, in the work directory for a cloud one. */
    Path lockFile() {
        return root != null ? root.resolveSibling(root.getFileName() + ".lock") : workDir.resolve("writer.lock");
    }

    /** The cloud client, for a cloud storage root. */
    @Nullable CloudClient cloudClient() {
        return cloud;
    }

    /** The storage root as shown in messages: a path, or the bucket's description. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description + (sha256Fixity ? " (SHA-256 fixity)" : "");
    }
}
