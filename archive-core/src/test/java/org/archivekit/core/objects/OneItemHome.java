package org.archivekit.core.objects;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

/** A home for the child-process tests: a SQLite store and objects, holding fonds F1 and one public item I1. */
final class OneItemHome {
    static final InstitutionCode U = InstitutionCode.of("CN-TEST-U");
    static final DescriptionId ITEM = DescriptionId.of("I1");

    private OneItemHome() {}

    /** The home's store, opened afresh. */
    static Archive open(Path home) {
        return Archive.builder().store(SqliteArchiveStore.open(home.resolve("store.db"))).build();
    }

    /** Creates the fonds and item {@link #ITEM} titled {@code title}, with file {@code a.txt} holding {@code text}. */
    static void fill(Path home, Principal admin, String title, String text) {
        try (Archive archive = open(home); DigitalObjects objects = DigitalObjects.open(archive, home.resolve("objects"))) {
            archive.putInstitution(admin, new Institution(U, "测试大学档案馆", "Test University Archives", null));
            archive.create(admin, Description.builder().id(DescriptionId.of("F1")).institution(U).level(Level.FONDS)
                    .title(Title.zh("全宗")).access(Access.of(AccessLevel.PUBLIC)).build());
            archive.create(admin, Description.builder().id(ITEM).institution(U).parent(DescriptionId.of("F1"))
                    .level(Level.ITEM).title(Title.zh(title)).access(Access.of(AccessLevel.PUBLIC)).build());
            objects.attach(admin, ITEM, "a.txt", "text/plain",
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
