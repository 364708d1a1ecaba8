package org.archivekit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.core.StorageException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.Level;
import org.archivekit.core.sample.SampleArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code archivekit demo}: fills a new archive with a generated sample university archive, in one atomic batch,
 * then reports what it holds. Refuses an archive that already holds data unless {@code --force} is given, which
 * deletes it first.
 */
@Command(name = "demo", description = {
    "Fill the archive with a generated sample university archive (示范大学档案馆) and print what it holds.",
    "Refuses a home that already holds records unless --force is given, which deletes that archive first."})
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Option(names = "--items", paramLabel = "N", defaultValue = "10000",
            description = "How many items (件) to generate, 100 to 1,000,000; fonds, series and files come in"
                    + " addition (default: ${DEFAULT-VALUE}).")
    private long items;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the generator; the same seed and size give the same records (default: "
                    + "${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--force", description = "Delete an archive that already holds records, then fill it anew.")
    private boolean force;

    @Override
    public Integer call() {
        CliContext ctx = main.context();
        if (items < SampleArchive.MIN_ITEMS || items > SampleArchive.MAX_ITEMS) {
            throw CliException.badInput("--items must be 100 to 1,000,000, got " + items);
        }
        SampleArchive sample = SampleArchive.builder().items(items).seed(seed).build();
        if (ctx.exists()) clearOrRefuse(ctx);

        long start = System.nanoTime();
        try (Archive archive = ctx.open()) {
            Principal admin = Role.ADMIN.principal(List.of());
            archive.putInstitution(admin, sample.institution());
            Progress progress = new Progress(ctx, "Importing", sample.size());
            long stored;
            try {
                stored = archive.importAll(admin, progress.track(sample.iterator()));
            } finally {
                progress.finish();
            }
            double importSeconds = (System.nanoTime() - start) / 1e9;
            Map<Level, Map<AccessLevel, Long>> census = archive.census(admin);
            double seconds = (System.nanoTime() - start) / 1e9;
            report(ctx.out(), ctx, sample.institution(), census);
            ctx.out().println();
            ctx.out().println(String.format(Locale.ROOT, "Stored %s records in %.1f s (%s records/s), census in"
                    + " %.1f s; seed %d.", Text.count(stored), importSeconds,
                    Text.count(Math.round(stored / Math.max(importSeconds, 1e-3))), seconds - importSeconds, seed));
        }
        try (SearchHome home = SearchHome.open(ctx, false)) {
            long indexStart = System.nanoTime();
            long indexed = home.reindex(ctx, "Indexing");
            ctx.out().println(String.format(Locale.ROOT, "Indexed %s records for search in %.1f s; try: archivekit"
                    + " search 校史", Text.count(indexed), (System.nanoTime() - indexStart) / 1e9));
        }
        return ExitCodes.OK;
    }

    private void clearOrRefuse(CliContext ctx) {
        long records;
        boolean institutions;
        try (Archive archive = ctx.open()) {
            records = archive.store().countByLevel().values().stream().mapToLong(Long::longValue).sum();
            institutions = !archive.institutions().isEmpty();
        }
        if (records == 0 && !institutions) return;
        if (!force) {
            throw CliException.badInput(ctx.database() + " already holds an archive (" + Text.count(records)
                    + " records): pass --force to replace it, or choose another --home");
        }
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Path p = ctx.database().resolveSibling(CliContext.DATABASE + suffix);
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw StorageException.from(e);
            }
        }
    }

    private static void report(PrintWriter out, CliContext ctx, Institution institution,
            Map<Level, Map<AccessLevel, Long>> census) {
        out.println(institution.nameZh() + " " + institution.nameEn() + " (" + institution.code() + ")");
        out.println("Archive: " + ctx.database());
        out.println();
        out.println("Records by level");
        long total = 0;
        for (Level level : Level.values()) {
            Map<AccessLevel, Long> byAccess = census.get(level);
            if (byAccess == null) continue;
            long n = byAccess.values().stream().mapToLong(Long::longValue).sum();
            total += n;
            out.println("  " + Text.pad(Text.label(level), 16) + Text.padLeft(Text.count(n), 10));
        }
        out.println("  " + Text.pad("合计 Total", 16) + Text.padLeft(Text.count(total), 10));
        out.println();
        out.println("By effective access level" + " ".repeat(3) + Text.padLeft("件 Items", 10)
                + Text.padLeft("All", 10));
        Map<AccessLevel, Long> items = census.getOrDefault(Level.ITEM, Map.of());
        Map<AccessLevel, Long> all = new EnumMap<>(AccessLevel.class);
        census.values().forEach(m -> m.forEach((k, v) -> all.merge(k, v, Long::sum)));
        for (AccessLevel a : AccessLevel.values()) {
            out.println("  " + Text.pad(Text.label(a), 26) + Text.padLeft(Text.count(items.getOrDefault(a, 0L)), 10)
                    + Text.padLeft(Text.count(all.getOrDefault(a, 0L)), 10));
        }
    }
}
