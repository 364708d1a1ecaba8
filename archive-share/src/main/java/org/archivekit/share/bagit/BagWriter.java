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
 * Date) and the tag manifests. Payloads may be added from several threads at once ({@link #addPayload}); a
 * stream from {@link #newPayload} may be written and closed on another thread, while the first goes on.
 *
 * <p><b>Parallel copies.</b> {@link #addPayloadLater} copies files on the bag's two file workers, each copying one
 * file end to end on its own thread (read, SHA-512, SHA-256, write), with a bounded number of files in flight: two
 * files hashed side by side keep both cores busy, where one file's two digests on two threads would interfere. The
 * manifests are sorted whatever the order the copies end in. The first failure wins: the other worker stops at
 * its next buffer, files not started are skipped, and the bag cannot be finished ({@link #close} throws that
 * failure; {@link #abort} stops everything without it). No worker outlives {@link #close} or {@link #abort}.
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
     * The copy buffer size: large enough that each system call moves a lot, and no larger than 1 MiB: the JDK (17)
     * reads and writes a heap buffer through a cached direct buffer only up to about that size; one of 2 MiB cost
     * eight times the CPU per byte written here (a fresh native buffer each call).
     */
    private static final int BUFFER = 1 << 20;
    /** The file workers of {@link #addPayloadLater}. */
    static final int WORKERS = 2;
    /** Files given to {@link #addPayloadLater} and not yet done: one being copied per worker, and one waiting each. */
    static final int IN_FLIGHT = 2 * WORKERS;

    private long files;
    private long bytes;
    private boolean closed;
    /** Copy buffers not in use, kept for the next file. */
    private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> buffers =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** The first failure of a parallel copy, or the abort; once set, the bag cannot be finished. */
    private final java.util.concurrent.atomic.AtomicReference<@Nullable Throwable> failure =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(IN_FLIGHT);
    private java.util.concurrent.@Nullable ThreadPoolExecutor workers;
    /** The workers' threads, joined when they stop: the pool terminates before its last thread has returned. */
    private final List<Thread> workerThreads = new java.util.concurrent.CopyOnWriteArrayList<>();

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
     * Copies {@code content} (read to its end, not closed) to {@code data/PATH} on this thread, hashing it on the
     * way; returns what was written with its digests. The content is read once, in large buffers, each hashed with
     * SHA-512 and SHA-256 and written. A failure leaves no part of the file behind, and the bag can go on.
     *
     * @throws InvalidRequestException when the path is empty, absolute, leaves data/ or is added twice
     */
    public Payload addPayload(String path, InputStream content) {
        Objects.requireNonNull(content, "content");
        return copyTo(reserve(path), content);
    }

    /** Copies {@code content} to the reserved {@code rel}; on failure deletes the partial file and frees the name. */
    private Payload copyTo(String rel, InputStream content) {
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
                size = copy(content, out, sha512, sha256);
            }
        } catch (IOException | RuntimeException e) {
            // a partial file would be a payload no manifest lists: it goes, and the name is free again
            release(rel, created);
            throw e instanceof IOException io ? StorageException.from(io) : (RuntimeException) e;
        }
        return added(rel, size, sha512, sha256);
    }

    /** Frees the name {@code rel} and, when it was created, deletes its file. */
    private void release(String rel, boolean created) {
        synchronized (this) {
            taken.remove(rel);
        }
        if (created) {
            try {
                Files.deleteIfExists(root.resolve(rel));
            } catch (IOException ignored) {
                // left for the caller's clean-up: a bag whose copy failed is not finished
            }
        }
    }

    /** Reads {@code in} to its end into {@code out}, hashing each buffer with both digests; returns the size. */
    private long copy(InputStream in, FileChannel out, MessageDigest sha512, MessageDigest sha256)
            throws IOException {
        byte[] b = buffers.poll();
        if (b == null) b = new byte[BUFFER];
        try {
            ByteBuffer view = ByteBuffer.wrap(b);
            long size = 0;
            while (true) {
                if (failure.get() != null) {
                    throw new InterruptedIOException("the bag was stopped: " + failure.get());
                }
                int r = readFully(in, b);
                if (r == 0) break;
                sha512.update(b, 0, r);
                sha256.update(b, 0, r);
                view.clear().limit(r);
                while (view.hasRemaining()) out.write(view);
                size += r;
                if (r < BUFFER) break;
            }
            return size;
        } finally {
            buffers.offer(b);
        }
    }

    /**
     * Where a payload of {@link #addPayloadLater} comes from: {@link #supply} hands its content to {@code copy}
     * (at most once), or does not call it when there is none.
     */
    @FunctionalInterface
    public interface PayloadSource {
        /** Calls {@code copy} with the content (read to its end by it, closed here), or not at all. */
        void supply(PayloadCopy copy) throws IOException;
    }

    /** Copies a content into the bag; see {@link PayloadSource}. */
    @FunctionalInterface
    public interface PayloadCopy {
        /** Copies {@code content} (read to its end, not closed) and returns what was written. */
        Payload from(InputStream content) throws IOException;
    }

    /**
     * Copies a payload to {@code data/PATH} on one of the bag's file workers (see the class comment); returns at
     * once unless {@link #IN_FLIGHT} files are pending, then waits for one to finish. The future gives the
     * payload, or empty when {@code source} had no content (the name is free again then), or the failure. When
     * {@code source} fails after its content was copied (a fixity check after the copy, say), the payload is taken
     * out again. The first failure of any of them stops the others and the bag.
     *
     * @throws InvalidRequestException when the path is empty, absolute, leaves data/ or is added twice
     * @throws RuntimeException the first failure of an earlier payload, as it was thrown ({@link StorageException}
     *     for an I/O error)
     */
    public java.util.concurrent.Future<java.util.Optional<Payload>> addPayloadLater(String path,
            PayloadSource source) {
        Objects.requireNonNull(source, "source");
        throwFailure();
        String rel = reserve(path);
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            release(rel, false);
            Thread.currentThread().interrupt();
            throw StorageException.from(new InterruptedIOException("interrupted while waiting to copy " + rel));
        }
        java.util.concurrent.CompletableFuture<java.util.Optional<Payload>> result =
                new java.util.concurrent.CompletableFuture<>();
        try {
            workers().execute(() -> {
                try {
                    throwFailure(); // a file not started when another failed is skipped
                    Payload[] copied = new Payload[1];
                    try {
                        source.supply(content -> {
                            if (copied[0] != null) throw new IllegalStateException(rel + " was copied already");
                            copied[0] = copyTo(rel, content);
                            return copied[0];
                        });
                    } catch (IOException | RuntimeException | Error e) {
                        if (copied[0] != null) removeAdded(copied[0]);
                        throw e;
                    }
                    if (copied[0] == null) release(rel, false);
                    result.complete(java.util.Optional.ofNullable(copied[0]));
                } catch (Throwable t) {
                    failure.compareAndSet(null, t); // the first failure wins; the other worker stops on it
                    release(rel, false);
                    result.completeExceptionally(t);
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            slots.release();
            release(rel, false);
            throw e;
        }
        return result;
    }

    /** {@link #addPayloadLater} of the file {@code source}. */
    public java.util.concurrent.Future<java.util.Optional<Payload>> addPayloadLater(String path, Path source) {
        Objects.requireNonNull(source, "source");
        return addPayloadLater(path, copy -> {
            try (InputStream in = Files.newInputStream(source)) {
                copy.from(in);
            }
        });
    }

    private synchronized java.util.concurrent.ThreadPoolExecutor workers() {
        if (closed) throw new IllegalStateException("the bag is closed");
        if (workers == null) {
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            workers = new java.util.concurrent.ThreadPoolExecutor(WORKERS, WORKERS, 0,
                    java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "bag-file-" + n.incrementAndGet());
                        t.setDaemon(true);
                        workerThreads.add(t);
                        return t;
                    });
        }
        return workers;
    }

    /** Throws the first failure of a parallel copy, if any, as it was thrown. */
    private void throwFailure() {
        Throwable f = failure.get();
        if (f == null) return;
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error err) throw err;
        if (f instanceof IOException io) throw StorageException.from(io);
        throw new IllegalStateException("a payload copy failed", f);
    }

    /** Takes a payload out of the bag again: its file, its manifest entries and its name. */
    private void removeAdded(Payload p) {
        synchronized (this) {
            manifests.get("sha512").remove(p.path());
            manifests.get("sha256").remove(p.path());
            files--;
            bytes -= p.size();
        }
        release(p.path(), true);
    }

    /** Waits until the file workers have ended; none is left running afterwards. */
    private void stopWorkers() {
        java.util.concurrent.ThreadPoolExecutor w;
        synchronized (this) {
            w = workers;
        }
        if (w == null) return;
        w.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (w.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) break;
            } catch (InterruptedException e) {
                interrupted = true; // the workers write into the bag: they must be done before anything else
            }
        }
        for (Thread t : workerThreads) { // a terminated pool's last thread may still be on its way out
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * Stops the bag unfinished: copies in flight stop at their next buffer, files not started are skipped, and
     * this returns once no worker is left running; no manifest is written. The caller removes the directory.
     * Idempotent; {@link #close} does nothing afterwards.
     */
    public void abort() {
        failure.compareAndSet(null, new java.util.concurrent.CancellationException("the bag was aborted"));
        stopWorkers();
        synchronized (this) {
            closed = true;
        }
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
    public void close() {
        synchronized (this) {
            if (closed) return;
            if (!open.isEmpty()) {
                throw new IllegalStateException("payload " + open.iterator().next() + " is still open");
            }
        }
        stopWorkers(); // every parallel copy done
        synchronized (this) {
            if (closed) return;
            closed = true;
            throwFailure(); // a bag with a failed copy is not finished
            finish();
        }
    }

    private void finish() {
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
