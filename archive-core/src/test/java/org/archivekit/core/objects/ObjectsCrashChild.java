package org.archivekit.core.objects;

import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.Title;
import org.archivekit.core.store.SqliteArchiveStore;

/**
 * The child of {@link ObjectsCrashIT}: mixed writes (attach, several files attached in one call, replace, remove,
 * title change) on a few records of
 * the home, printing {@code BEGIN op} before each and {@code ACK} once it returned: forever, or, given a third
 * argument, that many writes before a normal exit (the warm-up run that dumps the class-data archive).
 */
final class ObjectsCrashChild {
    static final int RECORDS = 4;
    /** The file in the home where the child writes what it prints, as it prints it. */
    static final String OPS_LOG = "child-ops.log";

    private ObjectsCrashChild() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        long writes = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
        // every line goes to stdout (the parent waits on it) and, unbuffered, to a file in the home: a write(2) that
        // returned is kept when the process is killed, where the tail of a pipe may be lost with it
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream file = new PrintStream(new FileOutputStream(home.resolve(OPS_LOG).toFile(), false), true,
                StandardCharsets.UTF_8);
        Consumer<String> out = line -> {
            file.print(line + "\n");
            file.flush();
            stdout.println(line);
        };
        Principal admin = Principal.admin("crash-child");
        try (Archive archive = Archive.builder().store(SqliteArchiveStore.open(home.resolve("store.db"))).build();
                DigitalObjects objects = DigitalObjects.open(archive, home.resolve("objects"))) {
            out.accept("READY");
            for (int n = 0; n < writes; n++) {
                DescriptionId id = DescriptionId.of("I" + random.nextInt(RECORDS));
                Description d = archive.get(admin, id);
                int op = random.nextInt(10);
                if (op < 2) {
                    // several files in one call: one version, one record save, all or nothing
                    List<DigitalObjects.NewFile> batch = new ArrayList<>();
                    StringBuilder line = new StringBuilder("BEGIN attachall " + id);
                    int first = random.nextInt(4);
                    for (int f = 0; f < 2 + random.nextInt(2); f++) {
                        String name = "f" + ((first + f) % 4) + ".bin";
                        byte[] content = new byte[1024 + random.nextInt(random.nextBoolean() ? 32 * 1024 : 3 << 20)];
                        random.nextBytes(content);
                        line.append(' ').append(name).append('=').append(HexFormat.of().formatHex(
                                MessageDigest.getInstance("SHA-256").digest(content)));
                        batch.add(new DigitalObjects.NewFile(name, "application/octet-stream",
                                () -> new ByteArrayInputStream(content)));
                    }
                    out.accept(line.toString());
                    objects.attachAll(admin, id, batch);
                } else if (op < 6) {
                    String name = "f" + random.nextInt(3) + ".bin";
                    byte[] content = new byte[1024 + random.nextInt(32 * 1024)];
                    random.nextBytes(content);
                    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
                    out.accept("BEGIN attach " + id + " " + name + " " + sha);
                    objects.attach(admin, id, name, "application/octet-stream", new ByteArrayInputStream(content));
                } else if (op < 8 && !d.digitalObjects().isEmpty()) {
                    DigitalObjectRef r = d.digitalObjects().get(random.nextInt(d.digitalObjects().size()));
                    out.accept("BEGIN remove " + id + " " + r.fileName() + " -");
                    objects.remove(admin, id, r.fileName());
                } else {
                    String title = "title-" + n + "-" + random.nextInt(1000);
                    out.accept("BEGIN title " + id + " " + title + " -");
                    archive.update(admin, d.toBuilder().title(Title.zh(title)).build());
                }
                out.accept("ACK");
            }
        }
    }
}
