package org.archivekit.cli;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.RecordView;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.Level;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit list}: the records the caller sees, in id order, as a table or JSON Lines. */
@Command(name = "list", description = "List the records the chosen role sees, in id order, optionally at one level.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Mixin
    private ReadOptions read = new ReadOptions();

    @Option(names = "--level", paramLabel = "L", converter = Converters.LevelName.class,
            description = "Only records at this level: fonds, subfonds, series, subseries, file or item (or 全宗, 子全宗,"
                    + " 系列, 子系列, 案卷, 件).")
    private @Nullable Level level;

    @Option(names = "--json", description = "Print JSON Lines: one view object (archivekit/view@1) per line.")
    private boolean json;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "Print at most N records; 0 for all (default: ${DEFAULT-VALUE}).")
    private long limit;

    @Override
    public Integer call() {
        if (limit < 0) throw CliException.badInput("--limit must be 0 or more, got " + limit);
        CliContext ctx = main.context();
        PrintWriter out = ctx.out();
        try (Archive archive = ctx.openExisting();
                Stream<RecordView> views = archive.list(read.principal(archive), level)) {
            long printed = 0;
            Iterator<RecordView> it = views.iterator();
            while (it.hasNext()) {
                RecordView v = it.next();
                if (limit > 0 && printed == limit) {
                    if (!json) out.println("… more records: pass --limit 0 to list them all");
                    break;
                }
                out.println(json ? ViewJson.line(v) : line(v));
                printed++;
            }
        }
        return ExitCodes.OK;
    }

    private static String line(RecordView v) {
        Description d = v.description();
        return Text.pad(d.id().value(), 30) + "  " + Text.pad(d.level().labelZh(), 4) + "  "
                + v.effectiveLevel().labelZh() + "  " + d.title().text();
    }
}
