package org.archivekit.share.bagit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.StorageException;

/**
 * Extracts a zip archive (a zipped bag) without trusting it; stateless.
 *
 * <p>Before anything is written, every entry's name is checked: no absolute paths, drive letters, backslashes,
 * {@code ..} segments or NUL (zip slip), no symbolic links or other special files, no duplicate names, at most
 * {@link Limits#maxEntries} entries, and declared sizes within {@link Limits#maxTotalBytes}. While extracting, the
 * bytes actually inflated are counted (declared sizes can lie): passing the total or an entry's compression-ratio
 * limit stops the extraction and removes everything written. The target directory must not exist yet.
 *
 * @since 0.1
 */
public final class SafeUnzip {

    /**
     * What an archive may hold.
     *
     * @param maxEntries the most entries
     * @param maxTotalBytes the most bytes once inflated, in all
     * @param maxRatio the highest inflated-to-compressed ratio an entry over 1 MiB may have
     */
    public record Limits(int maxEntries, long maxTotalBytes, int maxRatio) {
        /** 100,000 entries, 64 GiB, ratio 200. */
        public static final Limits DEFAULT = new Limits(100_000, 64L << 30, 200);
    }

    private static final long RATIO_FLOOR = 1 << 20;

    private SafeUnzip() {}

    /**
     * Extracts {@code zip} into the new directory {@code target}.
     *
     * @return the top-level directory of the bag: {@code target} itself, or its only child directory when the
     *     archive wraps the bag in one folder (the usual layout)
     * @throws InvalidRequestException naming the entry and the rule when the archive is hostile or too large;
     *     nothing is left behind
     * @throws StorageException when the file cannot be read or the target written
     */
    public static Path extract(Path zip, Path target, Limits limits) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidRequestException("target", target + " exists already");
        }
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            List<ZipArchiveEntry> entries = Collections.list(z.getEntries());
            check(entries, limits);
            Files.createDirectories(target);
            try {
                long total = 0;
                byte[] buf = new byte[64 * 1024];
                for (ZipArchiveEntry e : entries) {
                    Path out = target.resolve(e.getName()).normalize();
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                        continue;
                    }
                    Files.createDirectories(out.getParent());
                    long written = 0;
                    try (InputStream in = z.getInputStream(e);
                            OutputStream o = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
                        for (int r; (r = in.read(buf)) > 0; ) {
                            written += r;
                            total += r;
                            if (total > limits.maxTotalBytes()) {
                                throw refuse(e, "inflates past the limit of " + limits.maxTotalBytes() + " bytes");
                            }
                            if (written > RATIO_FLOOR && e.getCompressedSize() > 0
                                    && written / e.getCompressedSize() > limits.maxRatio()) {
                                throw refuse(e, "inflates more than " + limits.maxRatio() + " times (a zip bomb?)");
                            }
                            o.write(buf, 0, r);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                deleteTree(target);
                throw e;
            }
            return single(target);
        } catch (IOException e) {
            throw StorageException.from(e);
        }
    }

    private static void check(List<ZipArchiveEntry> entries, Limits limits) {
        if (entries.size() > limits.maxEntries()) {
            throw new InvalidRequestException("zip", "has " + entries.size() + " entries, more than "
                    + limits.maxEntries());
        }
        long declared = 0;
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ZipArchiveEntry e : entries) {
            String name = e.getName();
            if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\u0000")
                    || name.matches("^[A-Za-z]:.*")) {
                throw refuse(e, "has an absolute or malformed path");
            }
            for (String segment : name.split("/")) {
                if (segment.equals("..")) throw refuse(e, "leaves the archive through .. (zip slip)");
            }
            if (e.isUnixSymlink()) throw refuse(e, "is a symbolic link");
            int type = (e.getUnixMode() >> 12) & 0xF;
            if (e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX && type != 0 && type != 0x4 && type != 0x8) {
                throw refuse(e, "is a special file");
            }
            if (!names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name)) {
                throw refuse(e, "appears twice");
            }
            if (e.getSize() > 0) declared += e.getSize();
        }
        if (declared > limits.maxTotalBytes()) {
            throw new InvalidRequestException("zip", "declares " + declared + " bytes, more than "
                    + limits.maxTotalBytes());
        }
    }

    private static InvalidRequestException refuse(ZipArchiveEntry e, String why) {
        return new InvalidRequestException("zip entry '" + e.getName() + "'", why);
    }

    private static Path single(Path target) throws IOException {
        try (Stream<Path> top = Files.list(target)) {
            List<Path> children = top.toList();
            if (children.size() == 1 && Files.isDirectory(children.get(0), LinkOption.NOFOLLOW_LINKS)
                    && !Files.exists(target.resolve("bagit.txt"))) {
                return children.get(0);
            }
        }
        return target;
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> all = new ArrayList<>(walk.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw StorageException.from(e);
        }
    }
}
