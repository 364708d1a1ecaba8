package org.archivekit.core.internal.ocfl;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Streams content once into a staging file while computing its SHA-512 and SHA-256, on two threads: the caller's
 * reads and hashes SHA-512 (the slower digest, and the one OCFL addresses content by); a helper hashes SHA-256
 * and writes each chunk: with direct I/O where the file system allows it (the disk takes the bytes while the
 * digests are computed), else through the page cache with syncs started in the background as the file grows.
 * Memory stays at {@link #BUFFERS} chunks of {@link #CHUNK} bytes (and one aligned native buffer) whatever the
 * content's size.
 */
final class ContentStager {
    static final int CHUNK = 1 << 20;
    static final int BUFFERS = 4;
    /** Bytes written between syncs: the disk works while the digests are computed, and the last sync is short. */
    private static final long SYNC_EVERY = 2L << 20;

    private ContentStager() {}

    /** What was staged: its size and hex digests. */
    record Staged(long size, String sha512, String sha256) {}

    private record Chunk(byte[] bytes, int length) {}

    private static final Chunk END = new Chunk(new byte[0], -1);

    /**
     * Copies {@code in} (read to its end, not closed) into {@code target} (which exists, and is truncated). The
     * file is not synced when this returns: with {@code writeBack} (a file that will be renamed into a file-system
     * root, and synced there with its version) most of it is on disk already, written with direct I/O or synced in
     * the background while it was written; without (a file that will be uploaded, then deleted), it is left to the
     * page cache.
     *
     * @throws IOException when reading or writing fails; {@code target} may then hold part of the content
     */
    static Staged stage(InputStream in, Path target, boolean writeBack) throws IOException {
        MessageDigest sha512 = digest("SHA-512");
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(BUFFERS);
        for (int i = 0; i < BUFFERS; i++) free.add(new byte[CHUNK]);
        int alignment = writeBack ? directAlignment(target) : 0;
        try (FileChannel out = alignment > 0 ? FileChannel.open(target, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, com.sun.nio.file.ExtendedOpenOption.DIRECT)
                : FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            CompletableFuture<String> writer = CompletableFuture.supplyAsync(() -> alignment > 0
                    ? writeDirect(full, free, out, alignment) : write(full, free, out, writeBack), Workers.POOL);
            long size = 0;
            try {
                while (true) {
                    byte[] b = take(free, writer);
                    int n = in.readNBytes(b, 0, b.length);
                    if (n == 0) break;
                    sha512.update(b, 0, n);
                    size += n;
                    put(full, new Chunk(b, n), writer);
                    if (n < b.length) break;
                }
                put(full, END, writer);
            } catch (IOException | RuntimeException e) {
                writer.cancel(true);
                full.clear();
                full.offer(END); // the writer, if running, ends at once
                throw e;
            }
            String sha256 = join(writer);
            return new Staged(size, HexFormat.of().formatHex(sha512.digest()), sha256);
        }
    }

    /**
     * {@link #stage} on the caller's thread alone, for one of several files staged side by side (one thread per
     * file, so two files keep both cores busy without handing buffers between threads): each chunk is read, hashed
     * with SHA-512 and then SHA-256 and written. With direct I/O the chunk is copied into an aligned buffer whose
     * write (the disk's time, hardly any CPU) runs on a helper while the next chunk is hashed; through the page
     * cache the chunk is written here and, with {@code writeBack}, synced in the background as the file grows.
     * Stops with {@link InterruptedIOException} as soon as {@code stop} says so (another file failed).
     *
     * @throws IOException when reading or writing fails; {@code target} may then hold part of the content
     */
    static Staged stageAlone(InputStream in, Path target, boolean writeBack, java.util.function.BooleanSupplier stop)
            throws IOException {
        MessageDigest sha512 = digest("SHA-512");
        MessageDigest sha256 = digest("SHA-256");
        int alignment = writeBack ? directAlignment(target) : 0;
        byte[] b = new byte[CHUNK];
        ByteBuffer[] aligned = new ByteBuffer[alignment > 0 ? 2 : 0];
        CompletableFuture<String> pending = CompletableFuture.completedFuture("");
        long size = 0;
        try (FileChannel out = alignment > 0 ? FileChannel.open(target, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, com.sun.nio.file.ExtendedOpenOption.DIRECT)
                : FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            try {
                for (int i = 0; i < aligned.length; i++) aligned[i] = alignedBuffer(alignment);
                long unsynced = 0;
                for (int turn = 0; ; turn++) {
                    if (stop.getAsBoolean()) throw new InterruptedIOException("staging stopped: another file failed");
                    int n = in.readNBytes(b, 0, b.length);
                    if (n == 0) break;
                    sha512.update(b, 0, n);
                    sha256.update(b, 0, n);
                    if (alignment > 0) {
                        ByteBuffer a = aligned[turn & 1];
                        join(pending); // the other buffer's write; this one's was waited for a turn ago
                        a.clear();
                        a.put(b, 0, n);
                        int padded = (n + alignment - 1) / alignment * alignment;
                        while (a.position() < padded) a.put((byte) 0);
                        a.flip();
                        long at = size;
                        pending = CompletableFuture.supplyAsync(() -> unchecked(() -> {
                            for (long p = at; a.hasRemaining(); ) p += out.write(a, p);
                        }), Workers.POOL);
                    } else {
                        ByteBuffer view = ByteBuffer.wrap(b, 0, n);
                        while (view.hasRemaining()) out.write(view);
                        unsynced += n;
                        if (writeBack && unsynced >= SYNC_EVERY && pending.isDone()) {
                            join(pending);
                            pending = CompletableFuture.supplyAsync(() -> unchecked(() -> out.force(false)),
                                    Workers.POOL);
                            unsynced = 0;
                        }
                    }
                    size += n;
                    if (n < b.length) break;
                }
                join(pending);
                if (alignment > 0 && out.size() != size) out.truncate(size); // the padding of the last block
            } finally {
                awaitQuietly(pending); // no write left running on a buffer or a channel about to go
                for (ByteBuffer a : aligned) {
                    if (a != null && DIRECT_BUFFERS.size() < 8) DIRECT_BUFFERS.offer(a);
                }
            }
        }
        return new Staged(size, HexFormat.of().formatHex(sha512.digest()), HexFormat.of().formatHex(sha256.digest()));
    }

    private static ByteBuffer alignedBuffer(int alignment) {
        ByteBuffer a = DIRECT_BUFFERS.poll();
        if (a == null || a.capacity() < CHUNK || a.alignmentOffset(0, alignment) != 0) {
            a = ByteBuffer.allocateDirect(CHUNK + alignment).alignedSlice(alignment);
        }
        return a;
    }

    /** Waits for {@code f} to end, whatever its outcome (reported elsewhere). */
    private static void awaitQuietly(CompletableFuture<String> f) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                break;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * The helper's side: SHA-256 and write each chunk; returns the SHA-256. With {@code writeBack}, every {@link
     * #SYNC_EVERY} bytes a sync of what is written so far starts on another thread (one at a time, never waited
     * for while chunks arrive), so the disk works while the digests are computed and the caller's final sync of
     * the file has little left to write.
     */
    private static String write(BlockingQueue<Chunk> full, BlockingQueue<byte[]> free, FileChannel out,
            boolean writeBack) {
        MessageDigest sha256 = digest("SHA-256");
        long unsynced = 0;
        CompletableFuture<String> syncing = CompletableFuture.completedFuture("");
        try {
            while (true) {
                Chunk c = full.take();
                if (c == END) break;
                sha256.update(c.bytes, 0, c.length);
                ByteBuffer buffer = ByteBuffer.wrap(c.bytes, 0, c.length);
                while (buffer.hasRemaining()) out.write(buffer);
                free.put(c.bytes);
                unsynced += c.length;
                if (writeBack && unsynced >= SYNC_EVERY && syncing.isDone()) {
                    join(syncing); // a failed sync fails the staging
                    syncing = CompletableFuture.supplyAsync(() -> unchecked(() -> out.force(false)), Workers.POOL);
                    unsynced = 0;
                }
            }
            join(syncing); // before the channel closes
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("staging interrupted"));
        }
    }

    /**
     * The helper's side when the file is open for direct I/O: SHA-256 each chunk, copy it into an aligned buffer
     * and write it past the page cache, so the disk works while the digests are computed, without the kernel
     * copying the content and without syncs along the way; the last block is padded and the file then truncated
     * to the content's size. Returns the SHA-256.
     */
    private static String writeDirect(BlockingQueue<Chunk> full, BlockingQueue<byte[]> free, FileChannel out,
            int alignment) {
        MessageDigest sha256 = digest("SHA-256");
        ByteBuffer aligned = alignedBuffer(alignment);
        long size = 0;
        try {
            while (true) {
                Chunk c = full.take();
                if (c == END) break;
                sha256.update(c.bytes, 0, c.length);
                aligned.clear();
                aligned.put(c.bytes, 0, c.length);
                free.put(c.bytes);
                int padded = (c.length + alignment - 1) / alignment * alignment;
                while (aligned.position() < padded) aligned.put((byte) 0);
                aligned.flip();
                while (aligned.hasRemaining()) out.write(aligned);
                size += c.length;
            }
            if (out.size() != size) out.truncate(size); // the padding of the last block
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("staging interrupted"));
        } finally {
            if (DIRECT_BUFFERS.size() < 8) DIRECT_BUFFERS.offer(aligned);
        }
    }

    /** Aligned direct buffers of {@link #CHUNK} bytes, kept for the next staging (native memory is slow to free). */
    private static final java.util.concurrent.ConcurrentLinkedQueue<ByteBuffer> DIRECT_BUFFERS =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Set to write staged content through the page cache everywhere (a diagnostic switch). */
    private static final boolean noDirectIo = Boolean.getBoolean("archivekit.ocfl.noDirectIo");

    /**
     * The block size that direct I/O on {@code target}'s file system needs buffers, positions and lengths aligned
     * to; 0 when direct I/O is not available there (the file is then written through the page cache).
     */
    private static int directAlignment(Path target) {
        if (noDirectIo) return 0;
        Path dir = target.toAbsolutePath().getParent();
        Integer known = ALIGNMENTS.get(dir);
        if (known != null) return known;
        int alignment;
        try {
            long block = java.nio.file.Files.getFileStore(target).getBlockSize();
            if (block <= 0 || block > CHUNK || Long.bitCount(block) != 1) {
                alignment = 0;
            } else {
                // probe: some file systems refuse O_DIRECT on open
                FileChannel.open(target, StandardOpenOption.WRITE, com.sun.nio.file.ExtendedOpenOption.DIRECT)
                        .close();
                alignment = (int) block;
            }
        } catch (IOException | UnsupportedOperationException e) {
            alignment = 0;
        }
        ALIGNMENTS.put(dir, alignment); // a work directory stays on its file system
        return alignment;
    }

    /** The direct I/O alignment of each staging directory seen, 0 where direct I/O is refused. */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Integer> ALIGNMENTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] take(BlockingQueue<byte[]> free, CompletableFuture<String> writer) throws IOException {
        try {
            while (true) {
                byte[] b = free.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (b != null) return b;
                if (writer.isDone()) join(writer); // the writer failed: throws its failure
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("staging interrupted");
        }
    }

    private static void put(BlockingQueue<Chunk> full, Chunk c, CompletableFuture<String> writer)
            throws IOException {
        try {
            while (!full.offer(c, 50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (writer.isDone()) join(writer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("staging interrupted");
        }
    }

    private static String join(CompletableFuture<String> writer) throws IOException {
        try {
            String result = writer.get();
            if (result == null) throw new IOException("staging ended early");
            return result;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException) throw ((UncheckedIOException) cause).getCause();
            if (cause instanceof RuntimeException) throw (RuntimeException) cause;
            throw new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("staging interrupted");
        }
    }

    /**
     * Syncs {@code files} and {@code dirs} all at once, on the helper threads: the file system commits them
     * together, where one after the other would wait for the disk once each.
     */
    static void syncAll(java.util.Collection<Path> files, java.util.Collection<Path> dirs) throws IOException {
        java.util.List<CompletableFuture<String>> pending = new java.util.ArrayList<>();
        for (Path f : files) pending.add(CompletableFuture.supplyAsync(() -> unchecked(() -> syncFile(f)), Workers.POOL));
        for (Path d : dirs) pending.add(CompletableFuture.supplyAsync(() -> unchecked(() -> syncDirectory(d)), Workers.POOL));
        IOException failure = null;
        for (CompletableFuture<String> p : pending) {
            try {
                join(p);
            } catch (IOException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static String unchecked(IoAction action) {
        try {
            action.run();
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts {@code file}'s content and metadata on stable storage. */
    static void syncFile(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            c.force(true);
        }
    }

    /** Puts {@code dir}'s entries (files created, renamed or removed in it) on stable storage. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException e) {
            // some platforms (Windows) cannot open a directory; their file systems order metadata themselves
            if (!System.getProperty("os.name", "").startsWith("Windows")) throw e;
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java platform", e);
        }
    }

    /** The helper threads: daemons, so an open store never keeps the JVM alive. */
    private static final class Workers {
        static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newCachedThreadPool(
                r -> {
                    Thread t = new Thread(r, "archivekit-ocfl-stager");
                    t.setDaemon(true);
                    return t;
                });
    }
}
