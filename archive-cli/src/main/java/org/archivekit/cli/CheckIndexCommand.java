package org.archivekit.cli;

import java.util.concurrent.Callable;
import org.archivekit.search.IndexReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit check-index}: compares store and index and repairs what drifted. */
@Command(name = "check-index", description = {"Compare the search index with the store: counts, every id, and the"
        + " checksums of a random sample; reindex or delete whatever differs (unless --dry-run).",
    "Exit code 0 when consistent or repaired, 1 when --dry-run found drift."})
final class CheckIndexCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "1000",
            description = "How many records to compare by checksum (default: ${DEFAULT-VALUE}).")
    private int sample;

    @Option(names = "--dry-run", description = "Report only; change nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        if (sample < 0) throw CliException.badInput("--sample must not be negative, got " + sample);
        CliContext ctx = main.context();
        try (SearchHome home = SearchHome.open(ctx, false)) {
            IndexReport r = home.search().checkIndex(sample, !dryRun);
            ctx.out().println("Store records:    " + Text.count(r.storeRecords()));
            ctx.out().println("Indexed records:  " + Text.count(r.indexedRecords()));
            ctx.out().println("Missing in index: " + Text.count(r.missing()));
            ctx.out().println("Not in store:     " + Text.count(r.extra()));
            ctx.out().println("Stale (of " + Text.count(r.sampled()) + " sampled): " + Text.count(r.stale()));
            if (r.isConsistent()) {
                ctx.out().println("The index is consistent with the store.");
                return ExitCodes.OK;
            }
            if (dryRun) {
                ctx.out().println("The index has drifted; run without --dry-run to repair it.");
                return ExitCodes.FAILURE;
            }
            ctx.out().println("Repaired " + Text.count(r.repaired()) + " records.");
        }
        return ExitCodes.OK;
    }
}
