package org.archivekit.cli;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.share.feed.FeedScope;
import org.archivekit.share.feed.Feeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit feed rss|atom}: a feed of newly published public records. */
@Command(name = "feed", description = "Write an RSS 2.0 or Atom feed of the newest public records of the"
        + " institution, a fonds or a subject.")
final class FeedCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Parameters(index = "0", paramLabel = "FORMAT", description = "rss or atom.")
    private Feeds.Format format;

    @Option(names = "--fonds", paramLabel = "ID", converter = Converters.Id.class, description = "Only this fonds.")
    private DescriptionId fonds;

    @Option(names = "--subject", paramLabel = "S", description = "Only records with this subject.")
    private String subject;

    @Option(names = "--institution", paramLabel = "CODE", description = "The institution; default the first.")
    private String institution;

    @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "Entries (default 50).")
    private int limit;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the feed.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        CliContext ctx = main.context();
        if (fonds != null && subject != null) throw CliException.badInput("give --fonds or --subject, not both");
        try (Archive archive = ctx.openExisting()) {
            InstitutionCode code = institution != null ? InstitutionCode.of(institution)
                    : archive.institutions().stream().map(Institution::code).findFirst()
                            .orElseThrow(() -> CliException.badInput("the archive has no institution yet"));
            FeedScope scope = fonds != null ? new FeedScope.Fonds(fonds)
                    : subject != null ? new FeedScope.Subject(code, subject) : new FeedScope.Institution(code);
            if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                Feeds.of(archive, new SharingSettings(ctx.home()).permalinks()).write(scope, format, limit, w);
            }
            ctx.err().println(format.name().toLowerCase(java.util.Locale.ROOT) + " feed written to " + out);
        }
        return ExitCodes.OK;
    }
}
