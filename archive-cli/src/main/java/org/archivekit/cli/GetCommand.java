package org.archivekit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.core.StorageException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.objects.DigitalObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "get", description = "Copy one file of a record to --out, as the chosen role. The file's SHA-512 is"
        + " checked at the end; on a mismatch nothing is left at --out (exit code 1). A record hidden from the role"
        + " is reported exactly as a missing one (exit code 3).")
final class GetCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Mixin
    private ReadOptions read = new ReadOptions();

    @Parameters(index = "0", paramLabel = "ID", converter = Converters.Id.class, description = "The record's id.")
    private DescriptionId id;

    @Parameters(index = "1", paramLabel = "PATH", description = "The file's name, as 'files' lists it.")
    private String path;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the file.")
    private Path out;

    @Override
    public Integer call() {
        CliContext ctx = main.context();
        Path target = out.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (Archive archive = ctx.openExisting(); DigitalObjects objects = ObjectsHome.forReading(ctx, archive)) {
            Principal caller = read.principal(archive);
            long size;
            try (InputStream in = objects.read(caller, id, path); OutputStream o = Files.newOutputStream(partial)) {
                size = in.transferTo(o); // the fixity check runs when the stream ends, before the rename
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ctx.out().println(id + "/" + path + " -> " + target + "  " + Text.count(size) + " bytes, fixity ok");
        } catch (IOException e) {
            throw StorageException.from(e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a stray .part file is harmless and named for what it is
            }
        }
        return ExitCodes.OK;
    }
}
