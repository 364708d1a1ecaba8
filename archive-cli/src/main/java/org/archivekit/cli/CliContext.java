package org.archivekit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.store.SqliteArchiveStore;

/**
 * What every command shares: the archive home, where the output goes, and whether a person is watching. One per
 * run of the command line.
 *
 * <p>The home is a directory; the SQLite store lives in {@code HOME/archive.db}. Later features keep their own
 * files beside it (a search index, digital objects).
 */
final class CliContext {
    /** The name of the store file inside the home. */
    static final String DATABASE = "archive.db";

    private final Path home;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean interactive;

    CliContext(Path home, PrintWriter out, PrintWriter err, boolean interactive) {
        this.home = home.toAbsolutePath().normalize();
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    Path home() {
        return home;
    }

    Path database() {
        return home.resolve(DATABASE);
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    /** Whether stderr is a terminal a person watches, so progress may be drawn there. */
    boolean isInteractive() {
        return interactive;
    }

    /** Whether the home holds a store. */
    boolean exists() {
        return Files.isRegularFile(database());
    }

    /**
     * Opens the archive in the home, which must exist.
     *
     * @throws CliException (bad input) when the home holds no archive
     */
    Archive openExisting() {
        if (!exists()) {
            throw CliException.badInput("no archive in " + home + " (" + DATABASE + " is missing): run 'archivekit"
                    + " init' or 'archivekit demo' first, or pass --home");
        }
        return open();
    }

    /** Opens the archive in the home, creating the home and an empty store when missing. */
    Archive open() {
        return Archive.builder().store(SqliteArchiveStore.open(database())).build();
    }

    /** The principal of {@code role} in {@code archive}. */
    static Principal principal(Role role, Archive archive) {
        return role.principal(archive.institutions());
    }
}
