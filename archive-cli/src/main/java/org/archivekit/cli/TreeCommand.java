package org.archivekit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.core.Page;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.LifecycleStatus;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit tree ID}: a record and its descendants as an indented tree, with visible child counts. */
@Command(name = "tree", description = "Print a record and its descendants, as far as the chosen role sees them, as"
        + " an indented tree; each line ends with the number of children that role sees.")
final class TreeCommand implements Callable<Integer> {
    private static final int PAGE = 1000;

    @ParentCommand
    private Main main;

    @Mixin
    private ReadOptions read = new ReadOptions();

    @Parameters(index = "0", paramLabel = "ID", converter = Converters.Id.class, description = "The root's id.")
    private DescriptionId id;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "2",
            description = "How many levels below the root to print; 0 prints the root only (default: "
                    + "${DEFAULT-VALUE}).")
    private int depth;

    @Option(names = "--max-children", paramLabel = "N", defaultValue = "50",
            description = "Print at most N children of each record, then a '… N more' line (default: "
                    + "${DEFAULT-VALUE}).")
    private int maxChildren;

    @Override
    public Integer call() {
        if (depth < 0) throw CliException.badInput("--depth must be 0 or more, got " + depth);
        if (maxChildren < 1) throw CliException.badInput("--max-children must be 1 or more, got " + maxChildren);
        CliContext ctx = main.context();
        try (Archive archive = ctx.openExisting()) {
            Principal caller = read.principal(archive);
            RecordView root = archive.view(caller, id);
            walk(ctx.out(), archive, caller, root, "", "", depth);
        }
        return ExitCodes.OK;
    }

    private void walk(PrintWriter out, Archive archive, Principal caller, RecordView node, String indent,
            String branch, int remaining) {
        List<RecordView> shown = new ArrayList<>();
        long count = 0;
        String cursor = null;
        do {
            Page<RecordView> page = archive.children(caller, node.id(), cursor, PAGE);
            for (RecordView child : page.items()) {
                count++;
                if (remaining > 0 && shown.size() < maxChildren) shown.add(child);
            }
            cursor = page.next().orElse(null);
        } while (cursor != null);
        out.println(indent + branch + line(node) + (count > 0 ? "  (" + Text.count(count) + ")" : ""));
        String childIndent = indent + (branch.isEmpty() ? "" : branch.startsWith("└") ? "    " : "│   ");
        boolean more = count > shown.size() && remaining > 0;
        for (int i = 0; i < shown.size(); i++) {
            boolean last = i == shown.size() - 1 && !more;
            walk(out, archive, caller, shown.get(i), childIndent, last ? "└── " : "├── ", remaining - 1);
        }
        if (more) out.println(childIndent + "└── … " + Text.count(count - shown.size()) + " more");
    }

    private static String line(RecordView v) {
        Description d = v.description();
        String status = d.status() == LifecycleStatus.PUBLISHED ? "" : "  " + ShowCommand.status(d.status());
        return d.id() + "  " + d.level().labelZh() + "  " + d.title().text() + "  [" + v.effectiveLevel().labelZh()
                + "]" + status;
    }

    /** How many children of {@code id} the caller sees. */
    static long countChildren(Archive archive, Principal caller, DescriptionId id) {
        long n = 0;
        @Nullable String cursor = null;
        do {
            Page<RecordView> page = archive.children(caller, id, cursor, PAGE);
            n += page.items().size();
            cursor = page.next().orElse(null);
        } while (cursor != null);
        return n;
    }
}
