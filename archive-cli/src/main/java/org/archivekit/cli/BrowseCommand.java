package org.archivekit.cli;

import java.util.concurrent.Callable;
import org.archivekit.core.Page;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.search.BrowseEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit browse ID}: the children of a record, each with how many descendants the role may see. */
@Command(name = "browse", description = "List the children of a record that the chosen role may see, each with"
        + " the number of its descendants that role may see. A hidden record is reported as missing (exit 3).")
final class BrowseCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Mixin
    private ReadOptions read = new ReadOptions();

    @Parameters(index = "0", paramLabel = "ID", converter = Converters.Id.class, description = "The parent's id.")
    private DescriptionId id;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "Children per page, 1-1000"
            + " (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--after", paramLabel = "CURSOR", description = "The cursor printed after the previous page.")
    private String after;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 1000) throw CliException.badInput("--limit must be 1 to 1000, got " + limit);
        CliContext ctx = main.context();
        try (SearchHome home = SearchHome.open(ctx, true)) {
            Page<BrowseEntry> page = home.search().browse(read.principal(home.archive()), id, after, limit);
            for (BrowseEntry e : page.items()) {
                Description d = e.view().description();
                ctx.out().println(Text.pad(d.id().value(), 28) + "  " + Text.pad(Text.label(d.level()), 12) + "  "
                        + Text.padLeft(Text.count(e.visibleDescendants()), 9) + "  " + d.title().text());
            }
            page.next().ifPresent(n -> ctx.out().println("Next page: --after " + n));
        }
        return ExitCodes.OK;
    }
}
