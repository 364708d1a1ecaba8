package org.archivekit.cli;

import java.nio.file.Path;
import org.archivekit.core.Archive;
import org.archivekit.core.objects.DigitalObjects;

/** Where the home keeps digital objects: the OCFL storage root {@code HOME/objects}. */
final class ObjectsHome {
    /** The storage root's name inside the home. */
    static final String OBJECTS = "objects";

    private ObjectsHome() {}

    static Path root(CliContext ctx) {
        return ctx.home().resolve(OBJECTS);
    }

    /** Opens the objects for writing; refused while another process writes them. */
    static DigitalObjects forWriting(CliContext ctx, Archive archive) {
        return DigitalObjects.open(archive, root(ctx));
    }

    /** Opens the objects for reading, beside any writer. */
    static DigitalObjects forReading(CliContext ctx, Archive archive) {
        return DigitalObjects.openReadOnly(archive, root(ctx));
    }
}
