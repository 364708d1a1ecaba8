package org.archivekit.cli;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.archivekit.core.Archive;
import org.archivekit.share.today.OnThisDay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code archivekit on-this-day}: 档案里的今天, one day's pick or a month's content calendar. */
@Command(name = "on-this-day", description = "Pick a public record for a day (档案里的今天), or write a month's"
        + " content calendar as CSV or JSON for staff to review.")
final class OnThisDayCommand implements Callable<Integer> {
    @ParentCommand
    private Main main;

    @Option(names = "--date", paramLabel = "MM-DD", description = "The day (this year); default today.")
    private String date;

    @Option(names = "--calendar", paramLabel = "YYYY-MM", description = "Write the calendar of this month.")
    private String calendar;

    @Option(names = "--out", paramLabel = "FILE", description = "With --calendar: FILE.csv or FILE.json.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        CliContext ctx = main.context();
        if (calendar != null && out == null) throw CliException.badInput("--calendar needs --out FILE.csv|FILE.json");
        try (Archive archive = ctx.openExisting()) {
            SharingSettings settings = new SharingSettings(ctx.home());
            OnThisDay picker = OnThisDay.of(archive, settings.permalinks(), settings.onThisDayWindow(),
                    settings.onThisDaySince());
            LocalDate today = LocalDate.ofInstant(archive.policy().now(), ZoneOffset.UTC);
            if (calendar != null) {
                YearMonth month = parse(() -> YearMonth.parse(calendar), "--calendar", calendar, "2026-03");
                List<OnThisDay.Pick> picks = picker.calendar(month);
                String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!name.endsWith(".csv") && !name.endsWith(".json")) {
                    throw CliException.badInput("--out " + out + ": the name must end in .csv or .json");
                }
                if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
                try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    if (name.endsWith(".csv")) OnThisDay.writeCsv(picks, w);
                    else OnThisDay.writeJson(picks, w);
                }
                ctx.err().println(picks.size() + " of " + month.lengthOfMonth() + " days picked; written to " + out);
                return ExitCodes.OK;
            }
            LocalDate day = date == null ? today
                    : parse(() -> MonthDay.parse("--" + date), "--date", date, "03-14").atYear(today.getYear());
            Optional<OnThisDay.Pick> p = picker.pick(day);
            if (p.isEmpty()) {
                ctx.out().println(day + ": no public record falls on or near this day");
            } else {
                OnThisDay.Pick pick = p.get();
                ctx.out().println(day + "  " + pick.dateExpression() + "  " + pick.title() + "  (" + pick.record()
                        + (pick.match() == OnThisDay.Match.SAME_WEEK ? ", same week" : "") + ")");
                ctx.out().println("  " + pick.permalink());
            }
        }
        return ExitCodes.OK;
    }

    private static <T> T parse(java.util.function.Supplier<T> f, String option, String value, String example) {
        try {
            return f.get();
        } catch (DateTimeParseException e) {
            throw CliException.badInput(option + " '" + value + "' is not of the form " + example);
        }
    }
}
