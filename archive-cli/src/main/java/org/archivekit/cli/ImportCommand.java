package org.archivekit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code archivekit import FORMAT …}: brings finding aids into the archive. */
@Command(name = "import", description = "Import finding aids into the archive (all or nothing per file).",
        subcommands = {ImportEadCommand.class, ImportCsvCommand.class, ImportBagCommand.class})
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("archivekit: import needs a format: ead, csv or bag");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }
}
