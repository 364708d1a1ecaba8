package org.archivekit.cli;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.share.oai.harvest.HarvestException;
import org.archivekit.share.oai.harvest.HarvestReport;
import org.archivekit.share.oai.harvest.HarvestRequest;
import org.archivekit.share.oai.harvest.OaiHarvester;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit harvest URL --as-institution CODE}: harvests a partner's OAI-PMH provider into the store. */
@Command(name = "harvest", description = "Harvest a partner's OAI-PMH provider (oai_dc) into its own institution,"
        + " incrementally: the next run asks only for what changed since the last complete one. Harvested records"
        + " are indexed for search with the archive's own.")
final class HarvestCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Parameters(index = "0", paramLabel = "URL", description = "The partner's OAI-PMH base URL (http or https).")
    private String url;

    @Option(names = "--as-institution", required = true, paramLabel = "CODE", description = "The institution the"
            + " partner's records go into (created when missing); one code per partner.")
    private String institution;

    @Option(names = "--set", paramLabel = "SPEC", description = "Harvest only this set (setSpec).")
    private String set;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = HarvestRequest.OAI_DC,
            description = "The metadata format to ask for; only oai_dc is mapped (default: ${DEFAULT-VALUE}).")
    private String prefix;

    @Option(names = "--from", paramLabel = "DATE", description = "Lower datestamp bound, YYYY-MM-DD or"
            + " YYYY-MM-DDThh:mm:ssZ (default: the last complete harvest's response date).")
    private String from;

    @Option(names = "--until", paramLabel = "DATE", description = "Upper datestamp bound, same forms.")
    private String until;

    @Option(names = "--full", description = "Ignore the remembered date and harvest everything again.")
    private boolean full;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "4", description = "Retries of a failed request"
            + " (timeouts, 5xx, 503 with Retry-After), with exponential back-off (default: ${DEFAULT-VALUE}).")
    private int retries;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "Connect and response"
            + " timeout per request (default: ${DEFAULT-VALUE}).")
    private int timeout;

    @Option(names = "--max-response-mb", paramLabel = "MB", defaultValue = "64", description = "Refuse a response"
            + " larger than this (default: ${DEFAULT-VALUE}).")
    private int maxResponseMb;

    @Override
    public Integer call() {
        CliContext ctx = main.context();
        HarvestRequest request = request();
        if (retries < 0 || retries > 20) throw CliException.badInput("--retries must be 0-20, got " + retries);
        if (timeout < 1) throw CliException.badInput("--timeout must be at least 1 second, got " + timeout);
        if (maxResponseMb < 1) {
            throw CliException.badInput("--max-response-mb must be at least 1, got " + maxResponseMb);
        }
        if (!ctx.exists()) ctx.open().close(); // a fresh home: an empty store, as import does
        try (SearchHome home = SearchHome.open(ctx, true)) {
            Archive archive = home.archive();
            OaiHarvester harvester = OaiHarvester.builder().archive(archive)
                    .actor(Role.ADMIN.principal(archive.institutions())).retries(retries)
                    .timeout(Duration.ofSeconds(timeout)).maxResponseBytes(maxResponseMb * 1024L * 1024L)
                    .onPage(p -> {
                        if (ctx.isInteractive()) ctx.err().println("  page " + p.pages() + ": " + p.summary());
                    })
                    .build();
            HarvestReport r;
            try {
                r = harvester.harvest(request);
            } catch (HarvestException e) {
                HarvestReport p = e.progress();
                if (p != null && p.pages() > 0) {
                    ctx.err().println("stored before the failure: " + p.summary() + "; the next harvest resumes"
                            + " from the same date");
                }
                throw e;
            }
            ctx.out().println(request.baseUrl() + " -> " + request.institution()
                    + (r.from() == null ? " (everything)" : " (from " + r.from() + ")") + ": " + r.summary());
            for (HarvestReport.Skipped s : r.skipped()) ctx.out().println("  skipped " + s);
            if (r.skippedCount() > r.skipped().size()) {
                ctx.out().println("  … and " + (r.skippedCount() - r.skipped().size()) + " more skipped");
            }
        }
        return ExitCodes.OK;
    }

    private HarvestRequest request() {
        InstitutionCode code;
        URI base;
        try {
            code = InstitutionCode.of(institution);
            base = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(e.getMessage());
        }
        try {
            return new HarvestRequest(base, code, set, prefix, from, until, full);
        } catch (InvalidRequestException e) {
            throw CliException.badInput(e.getMessage());
        }
    }
}
