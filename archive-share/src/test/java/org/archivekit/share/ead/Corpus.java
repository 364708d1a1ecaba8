package org.archivekit.share.ead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.core.testing.Conformance;

/** The EAD corpus and schemas of the conformance suite, and a fresh archive to import into. */
final class Corpus {
    static final InstitutionCode INST = InstitutionCode.of("TEST-EAD");
    static final Principal ADMIN = Principal.admin("importer", INST);

    private Corpus() {}

    /** Every XML file of the corpus, relative to {@code ead-corpus}, sorted. */
    static List<Path> files() throws IOException {
        Path root = Conformance.require("ead-corpus");
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xml"))
                    .sorted().toList();
        }
    }

    static Path schemas() {
        return Conformance.require("schemas");
    }

    static String name(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }

    static Archive archive() {
        Archive a = Archive.builder().store(new InMemoryArchiveStore()).build();
        a.putInstitution(ADMIN, new Institution(INST, "测试档案馆", "Test Archive", null));
        return a;
    }

    static EadImporter importer() {
        return EadImporter.builder().institution(INST).build();
    }
}
