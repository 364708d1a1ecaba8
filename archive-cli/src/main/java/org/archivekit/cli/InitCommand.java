package org.archivekit.cli;

import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit init}: creates the home and an empty store; does nothing to an existing one. */
@Command(name = "init", description = "Create the archive home with an empty store (HOME/archive.db). Safe to run"
        + " again: an existing archive is left as it is.")
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Override
    public Integer call() {
        CliContext ctx = main.context();
        boolean existed = ctx.exists();
        try (Archive archive = ctx.open()) {
            long records = archive.store().countByLevel().values().stream().mapToLong(Long::longValue).sum();
            if (existed) {
                ctx.out().println("Archive already initialized in " + ctx.home() + " (" + Text.count(records)
                        + " records); left as it is.");
            } else {
                ctx.out().println("Initialized an empty archive in " + ctx.home());
            }
        }
        return ExitCodes.OK;
    }
}
