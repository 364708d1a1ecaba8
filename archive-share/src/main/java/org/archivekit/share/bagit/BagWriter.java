package org.archivekit.share.bagit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 * Date) and the tag manifests. One thread adds payloads ({@link #addPayload}); a stream from {@link #newPayload}
 * may be written and closed on another thread, while the first goes on.
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
    private final Set<String> taken = new HashSet<>();
    private final Set<String> open = new HashSet<>();
    /**
     * The copy buffer size: large enough that hand-offs between the threads are rare, and no larger than 1 MiB: the
     * JDK (17) reads and writes a heap buffer through a cached direct buffer only up to about that size; one of 2
     * MiB cost eight times the CPU per byte written here (a fresh native buffer each call).
     */
    private static final int BUFFER = 1 << 20;
    /** Buffers in flight: one being read and hashed, one being hashed and written, two spare for uneven pace. */
    private static final int CHUNKS = 4;

    private long files;
    private long bytes;
    private boolean closed;
    private @Nullable Pipeline pipeline;

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
     * what was written with its digests. The content is read once, into large buffers: this thread hashes each with
     * SHA-512 while the writer's second thread hashes it with SHA-256 and writes it, so a large file costs about
     * one SHA-512 pass.
     *
     * @throws InvalidRequestException when the path is empty, absolute, leaves data/ or is added twice
     */
    public Payload addPayload(String path, InputStream content) {
        Objects.requireNonNull(content, "content");
        String rel = reserve(path);
        Path target = root.resolve(rel);
        MessageDigest sha512 = digest("sha512");
        MessageDigest sha256 = digest("sha256");
        long size;
        boolean created = false;
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                created = true;
                size = pipeline().copy(content, out, sha512, sha256);
            }
        } catch (IOException | RuntimeException e) {
            // a partial file would be a payload no manifest lists: it goes, and the name is free again
            synchronized (this) {
                taken.remove(rel);
            }
            if (created) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e instanceof IOException io ? StorageException.from(io) : (RuntimeException) e;
        }
        return added(rel, size, sha512, sha256);
    }

    /**
     * Opens {@code data/PATH} for writing: what is written is hashed as it goes and the file enters the manifests
     * when the stream is closed (a stream left open makes {@link #close()} fail). For metadata the caller produces
     * itself, with no temporary file and no second read. Several may be open at once; each stream is used by one
     * thread at a time, which need not be the one adding payloads.
     *
     * @throws InvalidRequestException when the path is empty, absolute, leaves data/ or is added twice
     */
    public OutputStream newPayload(String path) {
        String rel = reserve(path);
        Path target = root.resolve(rel);
        try {
            Files.createDirectories(target.getParent());
            PayloadStream s = new PayloadStream(rel, FileChannel.open(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
            synchronized (this) {
                open.add(rel);
            }
            return s;
        } catch (IOException e) {
            throw StorageException.from(e);
        }
    }

    /** Checks {@code path} and claims it; returns its place in the bag. */
    private synchronized String reserve(String path) {
        if (closed) throw new IllegalStateException("the bag is closed");
        String rel = "data/" + checkPath(path);
        if (!taken.add(rel)) throw new InvalidRequestException("payload", "'" + path + "' is added twice");
        return rel;
    }

    private synchronized Payload added(String rel, long size, MessageDigest sha512, MessageDigest sha256) {
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

    private Pipeline pipeline() {
        if (pipeline == null) pipeline = new Pipeline();
        return pipeline;
    }

    /**
     * The copy: {@link #CHUNKS} buffers of {@link #BUFFER} bytes, allocated once per bag, go round between the
     * reading thread (read, SHA-512) and one worker thread (SHA-256, write); nothing is allocated per chunk.
     */
    private static final class Pipeline {
        private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
        private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
        private final Thread worker;
        /** The worker's first failure in the current file; read after the file's chunks are all back. */
        private volatile @Nullable Throwable failure;
        private boolean broken;

        Pipeline() {
            for (int i = 0; i < CHUNKS; i++) free.add(new Chunk());
            worker = new Thread(this::work, "bag-sha256-write");
            worker.setDaemon(true);
            worker.start();
        }

        /** Reads {@code in} to its end into {@code out}; returns the byte count. */
        long copy(InputStream in, FileChannel out, MessageDigest sha512, MessageDigest sha256) throws IOException {
            if (broken) throw new IOException("an earlier copy was interrupted; the bag cannot be finished");
            Chunk c = take();
            int r;
            try {
                r = readFully(in, c.data);
            } catch (IOException | RuntimeException e) {
                free.add(c);
                throw e;
            }
            if (r < BUFFER) { // the whole file in one buffer: no hand-off
                try {
                    sha256.update(c.data, 0, r);
                    sha512.update(c.data, 0, r);
                    c.out = out;
                    c.length = r;
                    c.write();
                    return r;
                } finally {
                    c.out = null;
                    free.add(c);
                }
            }
            long size = 0;
            failure = null;
            try {
                while (true) {
                    c.length = r;
                    c.sha256 = sha256;
                    c.out = out;
                    full.add(c); // never full: there are only CHUNKS chunks
                    sha512.update(c.data, 0, r); // the worker only reads the buffer too
                    size += r;
                    if (r < BUFFER || failure != null) break;
                    c = take();
                    try {
                        r = readFully(in, c.data);
                    } catch (IOException | RuntimeException e) {
                        free.add(c);
                        throw e;
                    }
                    if (r == 0) {
                        free.add(c);
                        break;
                    }
                }
            } finally {
                drain();
            }
            Throwable f = failure;
            failure = null;
            if (f instanceof IOException io) throw io;
            if (f != null) throw new IllegalStateException("hashing or writing failed", f);
            return size;
        }

        /** Waits until the worker has given every chunk back. */
        private void drain() throws IOException {
            Chunk[] all = new Chunk[CHUNKS];
            for (int i = 0; i < CHUNKS; i++) all[i] = take();
            for (Chunk c : all) free.add(c);
        }

        private Chunk take() throws IOException {
            try {
                return free.take();
            } catch (InterruptedException e) {
                broken = true;
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while copying a payload file");
            }
        }

        private void work() {
            while (true) {
                Chunk c;
                try {
                    c = full.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (c.data == null) return; // the end
                try {
                    if (failure == null) {
                        c.sha256.update(c.data, 0, c.length);
                        c.write();
                    }
                } catch (Throwable t) {
                    if (failure == null) failure = t;
                } finally {
                    c.sha256 = null;
                    c.out = null;
                    free.add(c);
                }
            }
        }

        void shutdown() {
            full.add(Chunk.END);
        }
    }

    /** One buffer and what to do with its bytes. */
    private static final class Chunk {
        static final Chunk END = new Chunk(null);

        final byte @Nullable [] data;
        final @Nullable ByteBuffer view;
        int length;
        @Nullable MessageDigest sha256;
        @Nullable FileChannel out;

        Chunk() {
            this(new byte[BUFFER]);
        }

        private Chunk(byte @Nullable [] data) {
            this.data = data;
            this.view = data == null ? null : ByteBuffer.wrap(data);
        }

        void write() throws IOException {
            view.clear().limit(length);
            while (view.hasRemaining()) out.write(view);
        }
    }

    /** A payload the caller writes: buffered, hashed with both digests as each buffer goes out. */
    private final class PayloadStream extends OutputStream {
        private final String rel;
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private final MessageDigest sha512 = digest("sha512");
        private final MessageDigest sha256 = digest("sha256");
        private long size;
        private boolean done;

        PayloadStream(String rel, FileChannel channel) {
            this.rel = rel;
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            if (!buffer.hasRemaining()) flushBuffer();
            buffer.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (done) throw new IOException("payload " + rel + " is closed");
            while (len > 0) {
                if (!buffer.hasRemaining()) flushBuffer();
                int n = Math.min(len, buffer.remaining());
                buffer.put(b, off, n);
                off += n;
                len -= n;
            }
        }

        private void flushBuffer() throws IOException {
            if (done) throw new IOException("payload " + rel + " is closed");
            buffer.flip();
            sha512.update(buffer.array(), 0, buffer.limit());
            sha256.update(buffer.array(), 0, buffer.limit());
            size += buffer.limit();
            while (buffer.hasRemaining()) channel.write(buffer);
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            if (done) return;
            try {
                flushBuffer();
            } finally {
                done = true;
                synchronized (BagWriter.this) {
                    open.remove(rel);
                }
                channel.close();
            }
            added(rel, size, sha512, sha256);
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
    public synchronized void close() {
        if (closed) return;
        if (!open.isEmpty()) throw new IllegalStateException("payload " + open.iterator().next() + " is still open");
        closed = true;
        if (pipeline != null) pipeline.shutdown();
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
