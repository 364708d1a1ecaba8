package org.archivekit.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit reindex}: rebuilds the search index from the store. */
@Command(name = "reindex", description = "Rebuild the search index (HOME/index) from the store, with progress.")
final class ReindexCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Override
    public Integer call() {
        CliContext ctx = main.context();
        long start = System.nanoTime();
        try (SearchHome home = SearchHome.open(ctx, false)) {
            long n = home.reindex(ctx, "Indexing");
            double s = (System.nanoTime() - start) / 1e9;
            ctx.out().println(String.format(Locale.ROOT, "Indexed %s records in %.1f s (%s records/s) into %s.",
                    Text.count(n), s, Text.count(Math.round(n / Math.max(s, 1e-3))), SearchHome.index(ctx)));
        }
        return ExitCodes.OK;
    }
}
