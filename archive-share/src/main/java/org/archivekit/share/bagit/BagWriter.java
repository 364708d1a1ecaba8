package org.archivekit.share.bagit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.archivekit.core.ExportException;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.StorageException;

/**
 * Writes a BagIt 1.0 bag: payload files under {@code data/}, hashed with SHA-512 and SHA-256 while they are copied
 * (one read pass), then on {@link #close()} the manifests, bagit.txt, bag-info.txt (with Payload-Oxum and Bagging
 * Date) and the tag manifests. Not thread-safe; one writer per bag.
 *
 * <p>Payload names may not hold {@code %}, CR or LF: RFC 8493 percent-encodes them in manifests, but common readers
 * (the Library of Congress bagit-java 5.2) do not decode them, so such a bag would not verify there. Callers
 * rename such files (the bag exporter does).
 *
 * <pre>{@code
 * try (BagWriter bag = BagWriter.create(dir, Map.of("Source-Organization", "示范大学档案馆"))) {
 *     bag.addPayload("metadata/ead3.xml", eadStream);
 * }
 * BagWriter.zip(dir, dir.resolveSibling("bag.zip"));
 * }</pre>
 *
 * @since 0.1
 */
public final class BagWriter implements Closeable {
    private static final List<String> ALGORITHMS = List.of("sha512", "sha256");

    private final Path root;
    private final Map<String, String> info;
    private final Map<String, Map<String, String>> manifests = new TreeMap<>();
    private long files;
    private long bytes;
    private boolean closed;

    private BagWriter(Path root, Map<String, String> info) {
        this.root = root;
        this.info = info;
        for (String a : ALGORITHMS) manifests.put(a, new TreeMap<>());
    }

    /**
     * Starts a bag in the new directory {@code dir} with the given bag-info.txt fields (in order).
     *
     * @throws InvalidRequestException when {@code dir} exists
     */
    public static BagWriter create(Path dir, Map<String, String> bagInfo) {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidRequestException("bag", dir + " exists already");
        }
        try {
            Files.createDirectories(dir.resolve("data"));
        } catch (IOException e) {
            throw StorageException.from(e);
        }
        return new BagWriter(dir, new LinkedHashMap<>(bagInfo));
    }

    /**
     * Copies {@code content} (read to its end, not closed) to {@code data/PATH}, hashing it on the way.
     *
     * @throws InvalidRequestException when the path is empty, absolute, leaves data/ or is added twice
     */
    public void addPayload(String path, InputStream content) {
        Objects.requireNonNull(content, "content");
        if (closed) throw new IllegalStateException("the bag is closed");
        String rel = "data/" + checkPath(path);
        if (manifests.get(ALGORITHMS.get(0)).containsKey(rel)) {
            throw new InvalidRequestException("payload", "'" + path + "' is added twice");
        }
        Path target = root.resolve(rel);
        Map<String, MessageDigest> digests = new LinkedHashMap<>();
        for (String a : ALGORITHMS) digests.put(a, digest(a));
        long size = 0;
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                byte[] buf = new byte[64 * 1024];
                for (int r; (r = content.read(buf)) > 0; ) {
                    for (MessageDigest d : digests.values()) d.update(buf, 0, r);
                    out.write(buf, 0, r);
                    size += r;
                }
            }
        } catch (IOException e) {
            throw StorageException.from(e);
        }
        digests.forEach((a, d) -> manifests.get(a).put(rel, HexFormat.of().formatHex(d.digest())));
        files++;
        bytes += size;
    }

    /** Copies the file {@code source} to {@code data/PATH}; see {@link #addPayload(String, InputStream)}. */
    public void addPayload(String path, Path source) {
        try (InputStream in = Files.newInputStream(source)) {
            addPayload(path, in);
        } catch (IOException e) {
            throw StorageException.from(e);
        }
    }

    /** Writes the manifests and tag files; the bag is complete and valid afterwards. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            write("bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
            StringBuilder bi = new StringBuilder();
            info.forEach((k, v) -> bi.append(k).append(": ").append(v.replace("\n", "\n  ")).append('\n'));
            if (!info.containsKey("Bagging-Date")) bi.append("Bagging-Date: ").append(LocalDate.now()).append('\n');
            bi.append("Payload-Oxum: ").append(bytes).append('.').append(files).append('\n');
            bi.append("Bag-Software-Agent: ArchiveKit\n");
            write("bag-info.txt", bi.toString());
            for (String a : ALGORITHMS) write("manifest-" + a + ".txt", manifestText(manifests.get(a)));
            for (String a : ALGORITHMS) {
                Map<String, String> tags = new TreeMap<>();
                for (String tag : List.of("bagit.txt", "bag-info.txt", "manifest-sha512.txt", "manifest-sha256.txt")) {
                    tags.put(tag, hash(a, root.resolve(tag)));
                }
                write("tagmanifest-" + a + ".txt", manifestText(tags));
            }
        } catch (IOException e) {
            throw StorageException.from(e);
        }
    }

    /** Zips the bag directory {@code bag} into {@code zip}, under one folder named after the bag. */
    public static void zip(Path bag, Path zip) {
        String top = bag.getFileName().toString();
        try (OutputStream o = Files.newOutputStream(zip, StandardOpenOption.CREATE_NEW);
                ZipArchiveOutputStream z = new ZipArchiveOutputStream(o);
                Stream<Path> walk = Files.walk(bag)) {
            z.setEncoding("UTF-8");
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                z.putArchiveEntry(new ZipArchiveEntry(top + "/" + bag.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, z);
                z.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new ExportException("bag " + bag + " could not be zipped: " + e.getMessage(), e);
        }
    }

    private static String manifestText(Map<String, String> entries) {
        StringBuilder s = new StringBuilder();
        entries.forEach((path, sum) -> s.append(sum).append("  ").append(path).append('\n'));
        return s.toString();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(root.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String hash(String alg, Path file) throws IOException {
        MessageDigest d = digest(alg);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int r; (r = in.read(buf)) > 0; ) d.update(buf, 0, r);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static String checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isBlank() || path.startsWith("/") || path.contains("\\") || path.contains("\u0000")
                || path.matches("^[A-Za-z]:.*")) {
            throw new InvalidRequestException("payload", "path '" + path + "' is empty, absolute or malformed");
        }
        // RFC 8493 percent-encodes these in manifests, but widely used readers (bagit-java 5.2) do not decode
        // them: a name holding one would make a bag that is valid on paper and broken in practice
        if (path.contains("%") || path.contains("\n") || path.contains("\r")) {
            throw new InvalidRequestException("payload", "path '" + path + "' holds %, CR or LF; rename the file");
        }
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals("..") || segment.equals(".")) {
                throw new InvalidRequestException("payload", "path '" + path + "' has an empty, . or .. segment");
            }
        }
        return path;
    }

    private static MessageDigest digest(String alg) {
        try {
            return MessageDigest.getInstance(alg.equals("sha512") ? "SHA-512" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg + " is missing from this JVM", e);
        }
    }
}
