package org.archivekit.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.objects.DigitalObjects;
import org.archivekit.share.bagit.BagExport;
import org.archivekit.share.bagit.BagWriter;
import org.archivekit.share.bagit.Bags;
import org.archivekit.share.csv.CsvExporter;
import org.archivekit.share.dc.DublinCoreWriter;
import org.archivekit.share.ead.EadExporter;
import org.archivekit.share.json.JsonExporter;
import org.archivekit.share.jsonld.JsonLdExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit export FORMAT ID --out PATH}: a record and what lies below it, as the role may see it. */
@Command(name = "export", description = "Export a record as the chosen role sees it: ead3, ead2002, csv, json and"
        + " jsonld write the record with every visible descendant; dc writes the one record as oai_dc; bag writes a"
        + " BagIt bag (a new directory, or a .zip) holding the visible subtree as JSON and EAD3 with its files.")
final class ExportCommand implements Callable<Integer> {
    /** The formats the command writes. */
    enum Format { EAD3, EAD2002, DC, CSV, JSON, JSONLD, BAG }

    @ParentCommand
    private Main main;

    @Mixin
    private ReadOptions read = new ReadOptions();

    @Parameters(index = "0", paramLabel = "FORMAT", description = "ead3, ead2002, dc, csv, json, jsonld or bag.")
    private Format format;

    @Parameters(index = "1", paramLabel = "ID", converter = Converters.Id.class, description = "The record's id.")
    private DescriptionId id;

    @Option(names = "--out", paramLabel = "PATH", required = true, description = "The file to write.")
    private Path out;

    @Option(names = "--withheld-placeholder", description = "Put a neutral 'Restricted material withheld'"
            + " component where descendants are hidden from the role (EAD only).")
    private boolean placeholder;

    @Option(names = "--bom", description = "Start a CSV export with a UTF-8 byte-order mark, for Excel.")
    private boolean bom;

    @Override
    public Integer call() throws IOException {
        CliContext ctx = main.context();
        try (Archive archive = ctx.openExisting()) {
            Principal caller = read.principal(archive);
            Path target = out.toAbsolutePath();
            if (format == Format.BAG) return exportBag(ctx, archive, caller, target);
            Path tmp = Files.createTempFile(target.getParent(), ".export-", ".tmp");
            try {
                long n = 1;
                try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    switch (format) {
                        case EAD3, EAD2002 -> n = EadExporter.builder()
                                .flavour(format == Format.EAD3 ? EadExporter.Flavour.EAD3 : EadExporter.Flavour.EAD2002)
                                .withheldPlaceholder(placeholder).build().export(archive, caller, id, o);
                        case DC -> DublinCoreWriter.export(archive, caller, id, o);
                        case CSV -> n = (bom ? CsvExporter.withBom() : CsvExporter.plain()).export(archive, caller,
                                id, o);
                        case JSON -> n = JsonExporter.export(archive, caller, id, o);
                        case JSONLD -> n = JsonLdExporter.standard().export(archive, caller, id, o);
                        case BAG -> throw new IllegalStateException("bags are written by exportBag");
                    }
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                ctx.out().println("wrote " + n + (n == 1 ? " record" : " records") + " to " + target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return ExitCodes.OK;
    }

    private int exportBag(CliContext ctx, Archive archive, Principal caller, Path target) throws IOException {
        if (Files.exists(target)) throw CliException.badInput("--out " + target + " exists already");
        boolean zip = target.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
        Path dir = zip ? Files.createTempDirectory(target.getParent(), ".bag-").resolve(
                target.getFileName().toString().replaceFirst("(?i)\\.zip$", "")) : target;
        try {
            BagExport bag;
            if (Files.isDirectory(ObjectsHome.root(ctx))) {
                try (DigitalObjects objects = ObjectsHome.forReading(ctx, archive)) {
                    bag = Bags.of(archive, objects).export(caller, id, dir);
                }
            } else {
                bag = Bags.of(archive).export(caller, id, dir);
            }
            if (zip) BagWriter.zip(dir, target);
            long n = bag.records();
            ctx.out().println("wrote a bag of " + n + (n == 1 ? " record" : " records") + " and " + bag.files()
                    + (bag.files() == 1 ? " file" : " files") + " (" + bag.fileBytes() + " bytes) to " + target);
            if (bag.missingFiles() > 0) {
                ctx.err().println("note: " + bag.missingFiles() + " file(s) the records list are not held in "
                        + ObjectsHome.root(ctx) + " and are left out, e.g. " + String.join(", ",
                        bag.missingExamples()) + "; the bag names them all in data/" + Bags.MISSING);
            }
        } finally {
            if (zip) deleteTree(dir.getParent());
        }
        return ExitCodes.OK;
    }

    private static void deleteTree(Path root) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
