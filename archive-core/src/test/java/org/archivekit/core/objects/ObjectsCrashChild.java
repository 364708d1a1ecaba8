package org.archivekit.core.objects;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.Title;
import org.archivekit.core.store.SqliteArchiveStore;

/**
 * The child of {@link ObjectsCrashIT}: mixed writes (attach, replace, remove, title change) on a few records of
 * the home, forever, printing {@code BEGIN op} before each and {@code ACK} once it returned.
 */
final class ObjectsCrashChild {
    static final int RECORDS = 4;

    private ObjectsCrashChild() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Principal admin = Principal.admin("crash-child");
        try (Archive archive = Archive.builder().store(SqliteArchiveStore.open(home.resolve("store.db"))).build();
                DigitalObjects objects = DigitalObjects.open(archive, home.resolve("objects"))) {
            out.println("READY");
            for (int n = 0; ; n++) {
                DescriptionId id = DescriptionId.of("I" + random.nextInt(RECORDS));
                Description d = archive.get(admin, id);
                int op = random.nextInt(10);
                if (op < 6) {
                    String name = "f" + random.nextInt(3) + ".bin";
                    byte[] content = new byte[1024 + random.nextInt(32 * 1024)];
                    random.nextBytes(content);
                    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
                    out.println("BEGIN attach " + id + " " + name + " " + sha);
                    objects.attach(admin, id, name, "application/octet-stream", new ByteArrayInputStream(content));
                } else if (op < 8 && !d.digitalObjects().isEmpty()) {
                    DigitalObjectRef r = d.digitalObjects().get(random.nextInt(d.digitalObjects().size()));
                    out.println("BEGIN remove " + id + " " + r.fileName() + " -");
                    objects.remove(admin, id, r.fileName());
                } else {
                    String title = "title-" + n + "-" + random.nextInt(1000);
                    out.println("BEGIN title " + id + " " + title + " -");
                    archive.update(admin, d.toBuilder().title(Title.zh(title)).build());
                }
                out.println("ACK");
            }
        }
    }
}
