package org.archivekit.cli;

import java.nio.file.Path;
import org.archivekit.core.Archive;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.store.SqliteArchiveStore;
import org.archivekit.search.ArchiveSearch;
import org.archivekit.search.lucene.LuceneSearchBackend;

/**
 * The archive of the home together with its search index ({@code HOME/index}), opened for one command. The index
 * is disposable: when it is empty but the store is not (a home made before search existed, or a deleted index),
 * it is rebuilt first, with progress on stderr.
 */
final class SearchHome implements AutoCloseable {
    /** The name of the index directory inside the home. */
    static final String INDEX = "index";

    private final ArchiveStore store;
    private final ArchiveSearch search;
    private final Archive archive;

    private SearchHome(CliContext ctx, boolean buildWhenEmpty) {
        this.store = ctx.openStore();
        this.search = ArchiveSearch.builder().store(store)
                .backend(LuceneSearchBackend.builder().directory(index(ctx)).build()).build();
        this.archive = Archive.builder().store(store).listener(search.listener()).build();
        if (buildWhenEmpty && search.health().documents() == 0 && records() > 0) {
            ctx.err().println("The search index is empty; building it from the store.");
            reindex(ctx, "Indexing");
        }
    }

    /** Opens the archive of the home, which must exist, with its index. */
    static SearchHome open(CliContext ctx, boolean buildWhenEmpty) {
        if (!ctx.exists()) ctx.openExisting().close(); // throws the usual "no archive" message
        return new SearchHome(ctx, buildWhenEmpty);
    }

    static Path index(CliContext ctx) {
        return ctx.home().resolve(INDEX);
    }

    Archive archive() {
        return archive;
    }

    ArchiveSearch search() {
        return search;
    }

    long records() {
        return store.countByLevel().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rebuilds the index from the store, drawing progress. */
    long reindex(CliContext ctx, String label) {
        Progress progress = new Progress(ctx, label, records());
        long[] last = {0};
        try {
            return search.reindex(n -> {
                for (long i = last[0]; i < n; i++) progress.step();
                last[0] = n;
            });
        } finally {
            progress.finish();
        }
    }

    @Override
    public void close() {
        search.close();
        archive.close();
    }
}
