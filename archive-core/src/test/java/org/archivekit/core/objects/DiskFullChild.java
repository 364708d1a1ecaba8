package org.archivekit.core.objects;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;
import java.util.stream.IntStream;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.Title;
import org.archivekit.core.store.SqliteArchiveStore;

/**
 * The child of {@link DiskFullIT}, started under a file-size limit ({@code ulimit -f}): its writes past the limit
 * fail in the operating system (EFBIG, as a full disk fails them with ENOSPC). It tries a large attach and a large
 * batch import, prints how each failed ({@code FAILED what exception-class message}), then reads what was there
 * before and prints {@code READ title content}.
 */
final class DiskFullChild {
    private DiskFullChild() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int attachBytes = Integer.parseInt(args[1]);
        int batchRecords = Integer.parseInt(args[2]);
        Principal admin = Principal.admin("disk-full-child");
        DescriptionId item = DescriptionId.of("I1");
        try (Archive archive = Archive.builder().store(SqliteArchiveStore.open(home.resolve("store.db"))).build();
                DigitalObjects objects = DigitalObjects.open(archive, home.resolve("objects"))) {
            System.out.println("OPEN");
            byte[] big = new byte[attachBytes];
            new Random(7).nextBytes(big);
            try {
                objects.attach(admin, item, "big.bin", "application/octet-stream", new ByteArrayInputStream(big));
                System.out.println("SUCCEEDED attach");
            } catch (RuntimeException e) {
                System.out.println("FAILED attach " + e.getClass().getName() + " " + oneLine(e.getMessage()));
            }
            char[] filler = new char[2000];
            Arrays.fill(filler, '档');
            String scope = new String(filler);
            Iterator<Description> batch = IntStream.range(0, batchRecords).mapToObj(i -> Description.builder()
                    .id(DescriptionId.of("B" + i)).institution(OneItemHome.U).parent(DescriptionId.of("F1"))
                    .level(Level.FILE).title(Title.zh("批量 " + i)).scopeAndContent(scope)
                    .access(Access.of(AccessLevel.PUBLIC)).build()).iterator();
            try {
                archive.importAll(admin, batch);
                System.out.println("SUCCEEDED import");
            } catch (RuntimeException e) {
                System.out.println("FAILED import " + e.getClass().getName() + " " + oneLine(e.getMessage()));
            }
            Description d = archive.get(admin, item);
            String content;
            try (InputStream in = objects.read(admin, item, "a.txt")) {
                content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            System.out.println("READ " + d.title().text() + " " + content + " " + d.digitalObjects().size());
        }
        System.out.println("CLOSED");
    }

    private static String oneLine(String s) {
        return String.valueOf(s).replace('\n', ' ');
    }
}
