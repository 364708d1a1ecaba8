package org.archivekit.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.core.objects.DigitalObjects;
import org.archivekit.core.objects.FixityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "verify", description = "Fixity audit, as the administrator: re-hash every file of every digital"
        + " object and report changed, missing and untracked files and any record/object mismatch. The audit is"
        + " recorded in the audit log. Exit code 1 when anything was found.")
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Override
    public Integer call() {
        CliContext ctx = main.context();
        try (Archive archive = ctx.openExisting(); DigitalObjects objects = ObjectsHome.forReading(ctx, archive)) {
            FixityReport r = objects.verify(CliContext.principal(Role.ADMIN, archive));
            print(ctx, "changed", r.changed());
            print(ctx, "missing", r.missing());
            print(ctx, "untracked", r.untracked());
            print(ctx, "invalid", r.invalid());
            print(ctx, "mismatched", r.mismatched());
            ctx.out().println(r.summary());
            return r.isClean() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    private static void print(CliContext ctx, String word, List<String> findings) {
        for (String f : findings) ctx.out().println(word + "  " + f);
    }
}
