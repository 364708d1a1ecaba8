package org.archivekit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.share.csv.CsvImportResult;
import org.archivekit.share.csv.CsvImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit import csv FILE --parent ID}: rows become records under a parent. */
@Command(name = "csv", description = "Import a CSV file (columns in docs/interop.md) under a parent record, all or"
        + " nothing; every bad row is listed with its row and column (exit 2).")
final class ImportCsvCommand implements Callable<Integer> {
    @ParentCommand
    private ImportCommand parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file (UTF-8, with or without BOM).")
    private Path file;

    @Option(names = "--parent", required = true, paramLabel = "ID", converter = Converters.Id.class,
            description = "The record the rows go under.")
    private DescriptionId under;

    @Option(names = "--skip-bad-rows", description = "Import the good rows and report the bad ones instead of"
            + " refusing the file.")
    private boolean skip;

    @Override
    public Integer call() {
        CliContext ctx = parent.main.context();
        try (Archive archive = ctx.openForWriting(false)) {
            Principal admin = Role.ADMIN.principal(archive.institutions());
            CsvImportResult r = CsvImporter.builder().parent(under).skipBadRows(skip).build()
                    .importFile(archive, admin, file);
            ctx.out().println(file + ": imported " + r.imported() + (r.imported() == 1 ? " record" : " records")
                    + " under " + under);
            for (InvalidRequestException.Violation v : r.skipped()) ctx.out().println("  skipped " + v);
        }
        return ExitCodes.OK;
    }
}
