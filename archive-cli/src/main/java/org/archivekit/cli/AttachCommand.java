package org.archivekit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.objects.DigitalObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "attach", description = "Attach files to a record, as the administrator: the files are streamed into"
        + " the record's OCFL object as one new version and listed on the record with their sizes and SHA-256.")
final class AttachCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Parameters(index = "0", paramLabel = "ID", converter = Converters.Id.class, description = "The record's id.")
    private DescriptionId id;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "The files to attach, all in one"
            + " version; a file with the name of an attached one replaces it (the old content stays in older"
            + " versions); two files of the same name are refused.")
    private List<Path> files;

    @Option(names = "--type", paramLabel = "MEDIA-TYPE", description = "The media type of every file (default:"
            + " guessed from the name, else application/octet-stream).")
    private String mediaType;

    @Override
    public Integer call() throws IOException {
        CliContext ctx = main.context();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw CliException.badInput("not a readable file: " + f);
        }
        List<DigitalObjects.NewFile> batch = new ArrayList<>();
        for (Path f : files) {
            batch.add(DigitalObjects.NewFile.of(f.getFileName().toString(), mediaType != null ? mediaType : guess(f), f));
        }
        try (Archive archive = ctx.openForWriting(false);
                DigitalObjects objects = ObjectsHome.forWriting(ctx, archive)) {
            Principal admin = CliContext.principal(Role.ADMIN, archive);
            // every file in one call: one new OCFL version, one record save, the files staged side by side
            Description saved = objects.attachAll(admin, id, batch);
            for (DigitalObjects.NewFile f : batch) {
                DigitalObjectRef ref = saved.digitalObjects().stream().filter(r -> r.fileName().equals(f.fileName()))
                        .findFirst().orElseThrow();
                ctx.out().println(id + "/" + f.fileName() + "  " + Text.count(ref.size()) + " bytes  sha256 "
                        + ref.sha256() + "  (record version " + saved.version() + ")");
            }
        }
        return ExitCodes.OK;
    }

    private static String guess(Path f) throws IOException {
        String t = Files.probeContentType(f);
        return t != null && t.contains("/") ? t : "application/octet-stream";
    }
}
