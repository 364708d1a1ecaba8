package org.archivekit.share.bagit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.archivekit.core.ExportException;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.StorageException;
import org.jspecify.annotations.Nullable;

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
    private static final int BUFFER = 1 << 20;

    private long files;
    private long bytes;
    private boolean closed;
    private @Nullable ExecutorService hasher;

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
     * Copies {@code content} (read to its end, not closed) to {@code data/PATH}, hashing it on the way; returns
     * what was written with its digests. A large file is hashed with SHA-256 and written on a second thread while
     * this one reads and hashes SHA-512, so the copy costs about one SHA-512 pass.
     *
     * @throws InvalidRequestException when the path is empty, absolute, leaves data/ or is added twice
     */
    public Payload addPayload(String path, InputStream content) {
        Objects.requireNonNull(content, "content");
        if (closed) throw new IllegalStateException("the bag is closed");
        String rel = "data/" + checkPath(path);
        if (manifests.get(ALGORITHMS.get(0)).containsKey(rel)) {
            throw new InvalidRequestException("payload", "'" + path + "' is added twice");
        }
        Path target = root.resolve(rel);
        MessageDigest sha512 = digest("sha512");
        MessageDigest sha256 = digest("sha256");
        long size = 0;
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                // two buffers: the second thread hashes SHA-256 and writes one while this thread fills the other
                // and hashes SHA-512, so a large file costs about one SHA-512 pass
                byte[][] buffers = {new byte[BUFFER], new byte[BUFFER]};
                Future<?> pending = null;
                for (int i = 0; ; i ^= 1) {
                    byte[] buf = buffers[i];
                    int r = readFully(content, buf);
                    if (r <= 0) break;
                    if (pending != null) await(pending);
                    if (size == 0 && r < BUFFER) { // a small file: no hand-off
                        sha256.update(buf, 0, r);
                        out.write(buf, 0, r);
                    } else {
                        pending = hasher().submit(() -> {
                            sha256.update(buf, 0, r);
                            out.write(buf, 0, r);
                            return null;
                        });
                    }
                    sha512.update(buf, 0, r);
                    size += r;
                }
                if (pending != null) await(pending);
            }
        } catch (IOException e) {
            throw StorageException.from(e);
        }
        Payload payload = new Payload(rel, size, HexFormat.of().formatHex(sha512.digest()),
                HexFormat.of().formatHex(sha256.digest()));
        manifests.get("sha512").put(rel, payload.sha512());
        manifests.get("sha256").put(rel, payload.sha256());
        files++;
        bytes += size;
        return payload;
    }

    /**
     * A payload file as written.
     *
     * @param path its path in the bag, starting with {@code data/}
     * @param size its size in bytes
     * @param sha512 its SHA-512, in hex
     * @param sha256 its SHA-256, in hex
     */
    public record Payload(String path, long size, String sha512, String sha256) {}

    private ExecutorService hasher() {
        if (hasher == null) {
            hasher = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "bag-sha256");
                t.setDaemon(true);
                return t;
            });
        }
        return hasher;
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IllegalStateException("hashing or writing failed", e.getCause());
        }
    }

    private static int readFully(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) break;
            n += r;
        }
        return n;
    }

    /** Copies the file {@code source} to {@code data/PATH}; see {@link #addPayload(String, InputStream)}. */
    public Payload addPayload(String path, Path source) {
        try (InputStream in = Files.newInputStream(source)) {
            return addPayload(path, in);
        } catch (IOException e) {
            throw StorageException.from(e);
        }
    }

    /** Adds (or replaces) a bag-info.txt field before the bag is closed. */
    public void info(String label, String value) {
        if (closed) throw new IllegalStateException("the bag is closed");
        if (label.isBlank() || label.contains(":") || label.contains("\n") || value.contains("\r")) {
            throw new InvalidRequestException("bag-info", "label '" + label + "' or its value is malformed");
        }
        info.put(label, value);
    }

    /** Writes the manifests and tag files; the bag is complete and valid afterwards. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (hasher != null) hasher.shutdown();
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
