package org.archivekit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.store.SqliteArchiveStore;
import org.archivekit.search.ArchiveSearch;
import org.archivekit.search.SearchException;
import org.archivekit.search.lucene.LuceneSearchBackend;
import org.archivekit.share.ead.Ead3Renditions;

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

    /**
     * Opens the home's SQLite store with the EAD3 rendition registered, so that every record a command writes keeps
     * its stored EAD3 fragment and exports copy it (docs/stored-renditions.md).
     */
    SqliteArchiveStore openStore() {
        SqliteArchiveStore store = SqliteArchiveStore.open(database());
        Ead3Renditions.register(store);
        return store;
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
        return Archive.builder().store(openStore()).build();
    }

    /**
     * Opens the archive for a command that writes descriptions, so that what it writes reaches the search index
     * ({@code HOME/index}) and is committed there when the archive closes. When the index does not hold the store's
     * records yet (a home from before search, or a deleted index) it is left alone: the first search builds it in
     * full. When the index cannot be opened (another process holds it), the command still runs and says to repair
     * the index afterwards.
     *
     * @param create whether to create the home and an empty store when missing (else a missing home is bad input)
     */
    Archive openForWriting(boolean create) {
        if (!create && !exists()) openExisting(); // throws the usual "no archive" message
        ArchiveStore store = openStore();
        ArchiveSearch search;
        try {
            search = ArchiveSearch.builder().store(store)
                    .backend(LuceneSearchBackend.builder().directory(SearchHome.index(this)).build()).build();
        } catch (SearchException e) {
            err.println("warning: the search index is not updated (" + e.getMessage() + "); run 'archivekit"
                    + " check-index' when this command is done");
            return Archive.builder().store(store).build();
        }
        boolean inStep = search.health().documents() > 0
                || store.countByLevel().values().stream().mapToLong(Long::longValue).sum() == 0;
        if (!inStep) {
            search.close();
            return Archive.builder().store(store).build();
        }
        return Archive.builder().store(new IndexedStore(store, search)).listener(search.listener()).build();
    }

    /** The principal of {@code role} in {@code archive}. */
    static Principal principal(Role role, Archive archive) {
        return role.principal(archive.institutions());
    }
}
