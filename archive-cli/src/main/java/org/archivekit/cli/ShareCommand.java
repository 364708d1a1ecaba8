package org.archivekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.json.ArchiveJson;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.share.link.IssuedShareLink;
import org.archivekit.share.link.ShareKeyRing;
import org.archivekit.share.link.ShareLink;
import org.archivekit.share.link.ShareLinkRequest;
import org.archivekit.share.link.ShareLinks;
import org.archivekit.share.link.ShareScope;
import org.archivekit.share.link.SharedView;
import org.archivekit.share.link.SqliteShareLinkRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code archivekit share create|open|revoke|list}: signed, expiring share links. Links live in
 * {@code HOME/share.db}; the signing keys in {@code HOME/share-keys.properties} (created on first use, owner-only).
 */
@Command(name = "share", description = "Create, open, revoke and list signed, expiring share links.",
        subcommands = {ShareCommand.Create.class, ShareCommand.Open.class, ShareCommand.Revoke.class,
            ShareCommand.ListLinks.class})
final class ShareCommand {
    @ParentCommand
    Main main;

    static final String REGISTRY = "share.db";
    static final String KEYS = "share-keys.properties";

    /** Runs {@code work} with the archive and the share-link service of the home. */
    static <T> T withLinks(Main main, java.util.function.BiFunction<Archive, ShareLinks, T> work) {
        CliContext ctx = main.context();
        try (Archive archive = ctx.openExisting();
                SqliteShareLinkRegistry registry = SqliteShareLinkRegistry.open(ctx.home().resolve(REGISTRY))) {
            ShareLinks links = ShareLinks.builder().archive(archive).registry(registry)
                    .keys(ShareKeyRing.loadOrCreate(ctx.home().resolve(KEYS)))
                    .directory(id -> directory(archive, id)).build();
            return work.apply(archive, links);
        }
    }

    /** The command line's principals are its roles; an issuer is found again by its role's id. */
    private static Optional<Principal> directory(Archive archive, String id) {
        return Arrays.stream(Role.values()).map(r -> CliContext.principal(r, archive))
                .filter(p -> p.id().equals(id)).findFirst();
    }

    @Command(name = "create", description = "Issue a link to a record the role can see; prints the token once.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        ShareCommand parent;

        @Mixin
        ReadOptions read = new ReadOptions();

        @Parameters(index = "0", paramLabel = "ID", converter = Converters.Id.class, description = "The record.")
        DescriptionId id;

        @Option(names = "--ttl", required = true, paramLabel = "DURATION", converter = TtlConverter.class,
                description = "How long the link works: 90s, 30m, 12h, 7d (at most 365d).")
        Duration ttl;

        @Option(names = "--scope", defaultValue = "record", paramLabel = "SCOPE",
                description = "record (the record only) or subtree (with its descendants); default ${DEFAULT-VALUE}.")
        ShareScope scope;

        @Option(names = "--downloads", description = "Let the viewer download the record's files.")
        boolean downloads;

        @Option(names = "--max-uses", paramLabel = "N", description = "How many times the link may be opened.")
        Integer maxUses;

        @Override
        public Integer call() {
            IssuedShareLink issued = withLinks(parent.main, (archive, links) -> links.create(
                    read.principal(archive), new ShareLinkRequest(id, scope, downloads, ttl, maxUses)));
            CliContext ctx = parent.main.context();
            ctx.out().println(issued.token());
            ctx.err().println("link " + issued.link().handle().substring(0, 12) + " to " + id + " until "
                    + issued.link().expiresAt() + (maxUses == null ? "" : ", " + maxUses + " uses")
                    + "; the token is shown only now");
            return ExitCodes.OK;
        }
    }

    @Command(name = "open", description = "Open a link as its viewer would (counts one use).")
    static final class Open implements Callable<Integer> {
        @ParentCommand
        ShareCommand parent;

        @Parameters(index = "0", paramLabel = "TOKEN", description = "The token.")
        String token;

        @Option(names = "--json", description = "Print the shared view as JSON (schema archivekit/shared@1).")
        boolean json;

        @Override
        public Integer call() throws Exception {
            SharedView v = withLinks(parent.main, (archive, links) -> links.open(token));
            CliContext ctx = parent.main.context();
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode root = mapper.createObjectNode();
                root.put("schema", "archivekit/shared@1");
                root.put("expiresAt", v.link().expiresAt().toString());
                root.put("downloads", v.downloadsAllowed());
                root.put("scope", v.link().scope().name().toLowerCase(Locale.ROOT));
                root.set("record", mapper.readTree(ArchiveJson.toJson(v.view())));
                ctx.out().println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            } else {
                ctx.out().println(v.view().id() + "  " + Text.label(v.view().description().level()) + "  "
                        + v.view().description().title().text());
                ctx.out().println("  shared until " + v.link().expiresAt()
                        + (v.downloadsAllowed() ? ", downloads allowed" : ""));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", description = "Revoke a link (its issuer or staff).")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        ShareCommand parent;

        @Mixin
        ReadOptions read = new ReadOptions();

        @Parameters(index = "0", paramLabel = "TOKEN", description = "The token.")
        String token;

        @Override
        public Integer call() {
            withLinks(parent.main, (archive, links) -> {
                links.revoke(read.principal(archive), token);
                return null;
            });
            parent.main.context().out().println("revoked");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List a record's links, without tokens.")
    static final class ListLinks implements Callable<Integer> {
        @ParentCommand
        ShareCommand parent;

        @Mixin
        ReadOptions read = new ReadOptions();

        @Parameters(index = "0", paramLabel = "ID", converter = Converters.Id.class, description = "The record.")
        DescriptionId id;

        @Override
        public Integer call() {
            List<ShareLink> links = withLinks(parent.main, (archive, s) -> s.list(read.principal(archive), id));
            CliContext ctx = parent.main.context();
            for (ShareLink l : links) {
                ctx.out().println(l.handle().substring(0, 12) + "  " + l.scope().name().toLowerCase(Locale.ROOT)
                        + "  by " + l.issuer() + "  until " + l.expiresAt() + "  uses " + l.uses()
                        + (l.maxUses() == null ? "" : "/" + l.maxUses()) + (l.revokedAt() == null ? ""
                                : "  revoked " + l.revokedAt()));
            }
            if (links.isEmpty()) ctx.out().println("no share links");
            return ExitCodes.OK;
        }
    }

    /** Reads {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}. */
    static final class TtlConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,6})([smhd])");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 30m,"
                        + " 12h or 7d");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
    }
}
