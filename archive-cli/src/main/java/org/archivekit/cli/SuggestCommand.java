package org.archivekit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit suggest PREFIX}: titles the chosen role may see that start with a prefix. */
@Command(name = "suggest", description = "Suggest titles starting with PREFIX (or with a word that does), from"
        + " records the chosen role may see only.")
final class SuggestCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Mixin
    private ReadOptions read = new ReadOptions();

    @Parameters(index = "0", paramLabel = "PREFIX", description = "The beginning of a title or word.")
    private String prefix;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "At most N, 1-50 (default:"
            + " ${DEFAULT-VALUE}).")
    private int limit;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 50) throw CliException.badInput("--limit must be 1 to 50, got " + limit);
        CliContext ctx = main.context();
        try (SearchHome home = SearchHome.open(ctx, true)) {
            home.search().suggest(read.principal(home.archive()), prefix, limit).forEach(ctx.out()::println);
        }
        return ExitCodes.OK;
    }
}
