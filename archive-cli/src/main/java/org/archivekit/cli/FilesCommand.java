package org.archivekit.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.objects.DigitalObjects;
import org.archivekit.core.objects.ObjectVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "files", description = "List a record's files (name, size, media type, SHA-256) as the chosen role"
        + " sees them. A record hidden from that role is reported exactly as a missing one (exit code 3).")
final class FilesCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Mixin
    private ReadOptions read = new ReadOptions();

    @Parameters(index = "0", paramLabel = "ID", converter = Converters.Id.class, description = "The record's id.")
    private DescriptionId id;

    @Option(names = "--versions", description = "Also list the versions of the record's OCFL object.")
    private boolean versions;

    @Override
    public Integer call() {
        CliContext ctx = main.context();
        try (Archive archive = ctx.openExisting(); DigitalObjects objects = ObjectsHome.forReading(ctx, archive)) {
            Principal caller = read.principal(archive);
            List<DigitalObjectRef> files = objects.files(caller, id);
            for (DigitalObjectRef r : files) {
                ctx.out().println(r.fileName() + "  " + Text.count(r.size()) + " bytes  " + r.mediaType() + "  sha256 "
                        + r.sha256());
            }
            if (files.isEmpty()) ctx.out().println("(no files)");
            if (versions) {
                for (ObjectVersion v : objects.versions(caller, id)) {
                    ctx.out().println("v" + v.number() + "  " + v.created() + "  " + v.user() + "  " + v.message());
                }
            }
        }
        return ExitCodes.OK;
    }
}
