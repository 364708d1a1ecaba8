package org.archivekit.share.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.archivekit.core.StorageException;

/**
 * The HMAC-SHA256 keys share links are signed with: every key verifies, the current one signs, so keys can be
 * rotated without breaking links already handed out (remove an old key to cut its links off). Immutable and
 * thread-safe.
 *
 * <p>Each key holds at least 256 bits. On disk (see {@link #loadOrCreate(Path)}) it is a properties file readable by
 * its owner only: {@code current=k2}, {@code key.k1=<base64>}, {@code key.k2=<base64>}.
 *
 * @since 0.1
 */
public final class ShareKeyRing {
    /** The fewest bytes a key may have. */
    public static final int MIN_KEY_BYTES = 32;

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, byte[]> keys;
    private final String current;

    private ShareKeyRing(Map<String, byte[]> keys, String current) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (!KEY_ID.matcher(id).matches()) throw new IllegalArgumentException("key id '" + id + "' is malformed");
            if (key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("key '" + id + "' has " + key.length * 8 + " bits; at least "
                        + MIN_KEY_BYTES * 8 + " are required");
            }
            copy.put(id, key.clone());
        });
        if (!copy.containsKey(current)) throw new IllegalArgumentException("current key '" + current + "' is absent");
        this.keys = copy;
        this.current = current;
    }

    /** A ring of {@code keys} (id to secret) signing with {@code current}. */
    public static ShareKeyRing of(Map<String, byte[]> keys, String current) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(current, "current");
        return new ShareKeyRing(keys, current);
    }

    /** A ring of one fresh random key named {@code id}. */
    public static ShareKeyRing generate(String id) {
        return of(Map.of(id, randomKey()), id);
    }

    /** A copy with a fresh random key {@code id} that signs from now on; the old keys still verify. */
    public ShareKeyRing rotate(String id) {
        if (keys.containsKey(id)) throw new IllegalArgumentException("key '" + id + "' exists already");
        Map<String, byte[]> more = new LinkedHashMap<>(keys);
        more.put(id, randomKey());
        return new ShareKeyRing(more, id);
    }

    /** A copy without key {@code id}: links signed with it stop working. The current key cannot be removed. */
    public ShareKeyRing without(String id) {
        if (id.equals(current)) throw new IllegalArgumentException("cannot remove the current key '" + id + "'");
        Map<String, byte[]> fewer = new LinkedHashMap<>(keys);
        fewer.remove(id);
        return new ShareKeyRing(fewer, current);
    }

    /** The id of the signing key. */
    public String currentId() {
        return current;
    }

    byte[] currentKey() {
        return keys.get(current);
    }

    Optional<byte[]> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    /**
     * The ring stored in {@code file}, creating the file with one fresh key (owner-only permissions) when it does
     * not exist.
     *
     * @throws StorageException when the file cannot be read or written
     * @throws IllegalArgumentException when it holds a malformed or short key
     */
    public static ShareKeyRing loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                ShareKeyRing ring = generate("k1");
                ring.save(file);
                return ring;
            }
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
            Map<String, byte[]> keys = new LinkedHashMap<>();
            for (String name : p.stringPropertyNames().stream().sorted().toList()) {
                if (name.startsWith("key.")) {
                    keys.put(name.substring(4), Base64.getDecoder().decode(p.getProperty(name).trim()));
                }
            }
            return of(keys, p.getProperty("current", "").trim());
        } catch (IOException e) {
            throw StorageException.from(e);
        }
    }

    /** Writes the ring to {@code file}, readable by its owner only where the file system supports it. */
    public void save(Path file) {
        Properties p = new Properties();
        p.setProperty("current", current);
        keys.forEach((id, key) -> p.setProperty("key." + id, Base64.getEncoder().encodeToString(key)));
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // keep the platform's default permissions
            }
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                p.store(out, "ArchiveKit share-link keys: keep secret");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw StorageException.from(e);
        }
    }

    private static byte[] randomKey() {
        byte[] k = new byte[MIN_KEY_BYTES];
        RANDOM.nextBytes(k);
        return k;
    }

    /** Names the keys, never their secrets. */
    @Override
    public String toString() {
        return "ShareKeyRing[current=" + current + ", keys=" + keys.keySet() + "]";
    }
}
