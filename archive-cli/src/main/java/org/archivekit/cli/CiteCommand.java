package org.archivekit.cli;

import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.share.cite.CitationStyle;
import org.archivekit.share.cite.Citations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit cite ID}: a citation of a record the role can see. */
@Command(name = "cite", description = "Cite a record in GB/T 7714-2015 ([A]) or Chicago style.")
final class CiteCommand implements Callable<Integer> {
    enum Style { GBT7714, CHICAGO, CHICAGO_BIB }

    @ParentCommand
    private Main main;

    @Mixin
    private ReadOptions read = new ReadOptions();

    @Parameters(index = "0", paramLabel = "ID", converter = Converters.Id.class, description = "The record.")
    private DescriptionId id;

    @Option(names = "--style", defaultValue = "gbt7714", paramLabel = "STYLE",
            description = "gbt7714, chicago (note) or chicago_bib (bibliography); default ${DEFAULT-VALUE}.")
    private Style style;

    @Override
    public Integer call() {
        CliContext ctx = main.context();
        try (Archive archive = ctx.openExisting()) {
            CitationStyle s = switch (style) {
                case GBT7714 -> CitationStyle.GBT7714;
                case CHICAGO -> CitationStyle.CHICAGO_NOTE;
                case CHICAGO_BIB -> CitationStyle.CHICAGO_BIBLIOGRAPHY;
            };
            ctx.out().println(Citations.of(archive).cite(read.principal(archive), id, s));
        }
        return ExitCodes.OK;
    }
}
