package org.archivekit.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.share.oai.OaiLedger;
import org.archivekit.share.oai.OaiProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit oai "verb=...&..."}: one OAI-PMH response, as the provider would serve it. */
@Command(name = "oai", subcommands = OaiServeCommand.class,
        description = "Print the OAI-PMH response to one request, for example \"verb=ListRecords&metadataPrefix="
                + "oai_dc\"; 'oai serve' serves the protocol over HTTP.")
final class OaiCommand implements Callable<Integer> {
    /** The ledger of what was exposed to whom, beside the store. */
    static final String LEDGER = "oai-ledger.db";
    /** The key that signs resumption tokens, so a token printed by one run works in the next. */
    static final String TOKEN_KEY = "oai-token.key";

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "REQUEST", description = "The request's query string, verb=... & ...")
    private String request;

    @Mixin
    private ReadOptions read = new ReadOptions();

    @Override
    public Integer call() throws Exception {
        CliContext ctx = main.context();
        try (Archive archive = ctx.openExisting(); OaiLedger ledger = OaiLedger.open(ctx.home().resolve(LEDGER))) {
            SharingSettings settings = new SharingSettings(ctx.home());
            OaiProvider provider = provider(ctx, archive, ledger, read,
                    settings.property("oai.baseUrl", "http://localhost:8080/oai"));
            ByteArrayOutputStream out = new ByteArrayOutputStream(); // one page: bounded by the page size
            provider.handle(OaiProvider.parseQuery(request.startsWith("?") ? request.substring(1) : request), out);
            ctx.out().print(out.toString(StandardCharsets.UTF_8));
            ctx.out().flush();
        }
        return ExitCodes.OK;
    }

    /** The provider of a home, harvested as {@code read}'s role. */
    static OaiProvider provider(CliContext ctx, Archive archive, OaiLedger ledger, ReadOptions read, String baseUrl)
            throws IOException {
        SharingSettings settings = new SharingSettings(ctx.home());
        return OaiProvider.builder().archive(archive).ledger(ledger).baseUrl(baseUrl)
                .repositoryName(settings.property("oai.repositoryName", "ArchiveKit repository"))
                .adminEmail(settings.property("oai.adminEmail", "archivist@example.edu"))
                .harvester(read.principal(archive)).tokenSecret(tokenKey(ctx.home())).build();
    }

    /** The home's token key, made (owner-readable only, where the file system allows) on first use. */
    static byte[] tokenKey(Path home) throws IOException {
        Path file = home.resolve(TOKEN_KEY);
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(home, "oai-token", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the home's own permissions protect it
            }
            Files.write(tmp, key);
            try {
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                Files.deleteIfExists(tmp); // another run made it first: use theirs
            }
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length < 32) throw CliException.badInput(file + " is not a token key: delete it to make a new one");
        return key;
    }
}
