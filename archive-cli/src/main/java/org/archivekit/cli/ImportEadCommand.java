package org.archivekit.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.share.ead.EadImportResult;
import org.archivekit.share.ead.EadImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit import ead FILE...}: one fonds per EAD file, each file all or nothing. */
@Command(name = "ead", description = "Import EAD 2002 or EAD3 finding aids, one fonds per file. Each file is"
        + " imported all or nothing; the first bad file stops the run with its file, line and column (exit 2).")
final class ImportEadCommand implements Callable<Integer> {
    @ParentCommand
    private ImportCommand parent;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "EAD files to import.")
    private List<Path> files;

    @Option(names = "--institution", paramLabel = "CODE", description = "The institution holding the records"
            + " (default: the only institution in the store; created when missing).")
    private String institution;

    @Override
    public Integer call() {
        CliContext ctx = parent.main.context();
        try (Archive archive = ctx.openForWriting(true)) {
            Principal admin = Role.ADMIN.principal(archive.institutions());
            InstitutionCode code = institution(archive, admin, ctx);
            EadImporter importer = EadImporter.builder().institution(code).build();
            for (Path f : files) {
                EadImportResult r = importer.importFile(archive, admin, f);
                ctx.out().println(r.summary());
                for (EadImportResult.Skipped s : r.skipped()) ctx.out().println("  skipped " + s);
            }
        }
        return ExitCodes.OK;
    }

    private InstitutionCode institution(Archive archive, Principal admin, CliContext ctx) {
        List<Institution> known = archive.institutions();
        if (institution == null) {
            if (known.size() == 1) return known.get(0).code();
            throw CliException.badInput(known.isEmpty() ? "the store has no institution: pass --institution CODE"
                    : "the store has several institutions: pass --institution CODE");
        }
        InstitutionCode code;
        try {
            code = InstitutionCode.of(institution);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(e.getMessage());
        }
        Optional<Institution> found = known.stream().filter(i -> i.code().equals(code)).findFirst();
        if (found.isEmpty()) {
            archive.putInstitution(admin, new Institution(code, code.value(), code.value(), null));
            ctx.err().println("created institution " + code);
        }
        return code;
    }
}
