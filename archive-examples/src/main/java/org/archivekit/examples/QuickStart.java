package org.archivekit.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.ReferenceCode;
import org.archivekit.core.model.Title;
import org.archivekit.core.store.SqliteArchiveStore;

/**
 * Quick start: embed ArchiveKit with the SQLite store, describe a fonds down to its items as an administrator, and
 * read them back as the public and as a campus member. A record the caller may not see raises the same
 * {@link NotFoundException} as a missing one.
 *
 * <p>Run it with {@code mvn -q -pl archive-examples -am verify} (its IT runs it) or from an IDE.
 */
public final class QuickStart {
    private static final InstitutionCode DEMO_U = InstitutionCode.of("CN-DEMO-U");

    private QuickStart() {}

    /** Runs the example in a temporary directory, printing what it does. */
    public static void main(String[] args) throws IOException {
        run(new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    /** Runs the example, printing to {@code out}. */
    public static void run(PrintStream out) throws IOException {
        Path dir = Files.createTempDirectory("archivekit-quickstart");
        try {
            describeAndRead(dir.resolve("archive.db"), out);
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void describeAndRead(Path database, PrintStream out) {
        Principal admin = Principal.admin("admin");
        try (Archive archive = Archive.builder().store(SqliteArchiveStore.open(database)).build()) {
            out.println("Opened a SQLite store in " + database);
            archive.putInstitution(admin, new Institution(DEMO_U, "示范大学档案馆", "Demo University Archives", null));

            archive.create(admin, record("Z001", null, Level.FONDS, "校长办公室", "President's Office")
                    .dates(List.of(ArchivalDate.ofYears(1928, 2024))).build());
            archive.create(admin, record("Z001-WS.2001-Y", "Z001", Level.SERIES, "2001年 永久", "2001, permanent")
                    .build());
            // Files and items under 25 years old stay closed by default; the 2020 Archives Law lets education
            // records open earlier, so this file and its first item carry an explicit opening date.
            archive.create(admin, record("Z001-WS.2001-Y-0001", "Z001-WS.2001-Y", Level.FILE, "2001年校长办公会议纪要",
                    "Minutes of the President's Office, 2001")
                    .dates(List.of(ArchivalDate.ofYears(2001, 2001)))
                    .access(Access.PUBLIC.withOpeningDate(LocalDate.of(2002, 1, 1))).build());
            DescriptionId open = item(archive, admin, 1, "校长办公会议纪要（第1次）",
                    Access.PUBLIC.withOpeningDate(LocalDate.of(2002, 1, 1)));
            DescriptionId campusOnly = item(archive, admin, 2, "校长办公会议纪要（第2次）", Access.of(AccessLevel.CAMPUS));
            out.println("Created fonds Z001 with a series, a file and two items as " + admin.id());

            Principal visitor = Principal.anonymous();
            Principal student = Principal.campus("student-2024001", DEMO_U);
            RecordView seen = archive.view(visitor, open);
            out.println("Public sees " + open + ": " + seen.description().title().text() + " ["
                    + seen.effectiveLevel().labelZh() + " " + seen.effectiveLevel().labelEn() + "], within "
                    + seen.breadcrumb().size() + " ancestors");
            out.println("Public sees " + archive.children(visitor, DescriptionId.of("Z001-WS.2001-Y-0001"), null, 10)
                    .items().size() + " of the file's 2 items; campus sees " + archive.children(student,
                            DescriptionId.of("Z001-WS.2001-Y-0001"), null, 10).items().size());
            out.println("Campus sees " + campusOnly + ": " + archive.view(student, campusOnly).effectiveLevel()
                    .labelEn());
            try {
                archive.view(visitor, campusOnly);
                throw new IllegalStateException("the public must not see a campus record");
            } catch (NotFoundException e) {
                out.println("Public asking for " + campusOnly + " gets NotFoundException: " + e.getMessage());
            }
            try {
                archive.view(visitor, DescriptionId.of("Z001-WS.2001-Y-0001-0099"));
            } catch (NotFoundException e) {
                out.println("A missing id gets the same exception:        " + e.getMessage());
            }
        }
    }

    private static DescriptionId item(Archive archive, Principal admin, int n, String title, Access access) {
        String id = "Z001-WS.2001-Y-0001-000" + n;
        archive.create(admin, record(id, "Z001-WS.2001-Y-0001", Level.ITEM, title, null)
                .dates(List.of(ArchivalDate.ofDay(LocalDate.of(2001, 3, n)))).access(access).sequence(n).build());
        return DescriptionId.of(id);
    }

    private static Description.Builder record(String id, String parent, Level level, String zh, String en) {
        Description.Builder b = Description.builder().id(DescriptionId.of(id)).institution(DEMO_U).level(level)
                .parent(parent == null ? null : DescriptionId.of(parent)).titleZh(zh)
                .referenceCode(ReferenceCode.of(id.replace("WS.", "WS·")));
        return en == null ? b : b.parallelTitles(List.of(Title.en(en)));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
