package org.archivekit.cli;

import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.core.objects.DigitalObjects;
import org.archivekit.core.objects.ReconcileReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "reconcile", description = "After a crash, make records and digital objects agree, as the"
        + " administrator: object versions no saved record knows of are rolled back, record entries for files no"
        + " object holds are removed, objects without a record are reported. Prints what was repaired.")
final class ReconcileCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Override
    public Integer call() {
        CliContext ctx = main.context();
        try (Archive archive = ctx.openForWriting(false);
                DigitalObjects objects = ObjectsHome.forWriting(ctx, archive)) {
            ReconcileReport r = objects.reconcile(CliContext.principal(Role.ADMIN, archive));
            r.rolledBack().forEach(x -> ctx.out().println("rolled back  " + x));
            r.detached().forEach(x -> ctx.out().println("detached  " + x));
            r.orphans().forEach(x -> ctx.out().println("no record  " + x));
            ctx.out().println(r.objects() + " objects: " + r.rolledBack().size() + " rolled back, "
                    + r.detached().size() + " detached, " + r.orphans().size() + " without a record");
        }
        return ExitCodes.OK;
    }
}
