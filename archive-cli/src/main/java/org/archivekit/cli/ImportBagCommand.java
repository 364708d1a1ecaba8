package org.archivekit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.core.objects.DigitalObjects;
import org.archivekit.share.bagit.Bags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit import bag DIR|ZIP}: a transfer package made by {@code export bag}. */
@Command(name = "bag", description = "Validate a BagIt bag (directory or .zip) and import its records with their"
        + " files (into HOME/objects), all or nothing. Invalid or incomplete bags are refused with their reasons (exit 2); fetch.txt is never followed.")
final class ImportBagCommand implements Callable<Integer> {
    @ParentCommand
    private ImportCommand parent;

    @Parameters(index = "0", paramLabel = "DIR|ZIP", description = "The bag.")
    private Path bag;

    @Override
    public Integer call() {
        CliContext ctx = parent.main.context();
        try (Archive archive = ctx.openForWriting(false);
                DigitalObjects objects = ObjectsHome.forWriting(ctx, archive)) {
            long n = Bags.of(archive, objects).importBag(Role.ADMIN.principal(archive.institutions()), bag);
            ctx.out().println(bag + ": imported " + n + (n == 1 ? " record" : " records"));
        }
        return ExitCodes.OK;
    }
}
