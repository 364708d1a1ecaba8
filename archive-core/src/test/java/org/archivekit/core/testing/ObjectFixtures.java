package org.archivekit.core.testing;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.Title;
import org.archivekit.core.store.SqliteArchiveStore;
import org.jspecify.annotations.Nullable;

/** Small records and contents for the digital-object tests, on the file system and in a bucket alike. */
public final class ObjectFixtures {
    private ObjectFixtures() {}

    /** A minimal record {@code id} of {@code institution}, titled 记录 ID, at {@code access}. */
    public static Description record(InstitutionCode institution, String id, @Nullable String parent, Level level,
            AccessLevel access) {
        return Description.builder().id(DescriptionId.of(id)).institution(institution)
                .parent(parent == null ? null : DescriptionId.of(parent)).level(level)
                .title(Title.zh("记录 " + id)).access(Access.of(access)).build();
    }

    /**
     * An archive on a SQLite store at {@code db} holding institution {@code institution} with a public fonds F1, a
     * public item I1 and a confidential item I2 under it, created by {@code admin}.
     */
    public static Archive threeRecords(Path db, InstitutionCode institution, Principal admin) {
        Archive archive = Archive.builder().store(SqliteArchiveStore.open(db)).build();
        archive.putInstitution(admin, new Institution(institution, "测试大学档案馆", "Test University Archives", null));
        archive.create(admin, record(institution, "F1", null, Level.FONDS, AccessLevel.PUBLIC));
        archive.create(admin, record(institution, "I1", "F1", Level.ITEM, AccessLevel.PUBLIC));
        archive.create(admin, record(institution, "I2", "F1", Level.ITEM, AccessLevel.CONFIDENTIAL));
        return archive;
    }

    /** {@code size} random bytes, the same for the same seed. */
    public static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The lower-case hex digest of {@code b} by {@code algorithm} ("SHA-256", "SHA-512"). */
    public static String hex(String algorithm, byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException(algorithm, e);
        }
    }
}
