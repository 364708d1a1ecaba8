package org.archivekit.share.today;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.ExportException;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.share.permalink.Permalinks;

/**
 * 档案里的今天 / On this day: picks one public record for each calendar day, for posts and a staff-reviewed content
 * calendar; immutable and thread-safe.
 *
 * <p>Candidates are the records the anonymous public may see now whose dates include a single day. For a day, the
 * picker takes records dated on the same month and day; failing that, on the nearest other day of the same week (up
 * to three days either side). Among those it prefers records with a public image (+3), a good description (scope
 * note of 60 characters or more, +2), named agents (+1) and items (+1), and never picks a record it picked in the
 * previous {@code window} days. Picks are made day by day from a fixed start date, so the same day always gets
 * the same pick while the holdings stay the same; ties rotate with the year.
 *
 * @since 0.1
 */
public final class OnThisDay {
    /** How a pick matched its day. */
    public enum Match {
        /** The record is dated on the same month and day. */
        SAME_DAY,
        /** The record is dated within three days of it. */
        SAME_WEEK
    }

    /**
     * One day's pick.
     *
     * @param day the calendar day
     * @param record the record picked
     * @param title its title
     * @param dateExpression the date that matched, as written
     * @param match how it matched
     * @param score the preference score it was picked with
     * @param permalink its permalink
     */
    public record Pick(LocalDate day, DescriptionId record, String title, String dateExpression, Match match,
            int score, String permalink) {}

    private record Candidate(Description record, String dateExpression, int score) {}

    private final Archive archive;
    private final Permalinks permalinks;
    private final int window;
    private final LocalDate since;

    private OnThisDay(Archive archive, Permalinks permalinks, int window, LocalDate since) {
        this.archive = archive;
        this.permalinks = permalinks;
        this.window = window;
        this.since = since;
    }

    /**
     * A picker over {@code archive}'s public records never repeating a record within {@code windowDays} days,
     * picking day by day from {@code since}.
     */
    public static OnThisDay of(Archive archive, Permalinks permalinks, int windowDays, LocalDate since) {
        if (windowDays < 0 || windowDays > 3660) throw new IllegalArgumentException("window must be 0-3660 days");
        return new OnThisDay(Objects.requireNonNull(archive, "archive"), Objects.requireNonNull(permalinks,
                "permalinks"), windowDays, Objects.requireNonNull(since, "since"));
    }

    /** The pick for {@code day}, or empty when no public record falls on it or near it. */
    public Optional<Pick> pick(LocalDate day) {
        List<Pick> picks = picks(day, day);
        return picks.isEmpty() ? Optional.empty() : Optional.of(picks.get(0));
    }

    /** The picks for every day of {@code month} that has one, in order: a content calendar. */
    public List<Pick> calendar(YearMonth month) {
        return picks(month.atDay(1), month.atEndOfMonth());
    }

    private List<Pick> picks(LocalDate from, LocalDate to) {
        if (from.isBefore(since)) throw new IllegalArgumentException(from + " is before the picker's start " + since);
        Map<MonthDay, List<Candidate>> byDay = candidates();
        Deque<Optional<DescriptionId>> recent = new ArrayDeque<>();
        Set<DescriptionId> recentSet = new HashSet<>();
        List<Pick> out = new ArrayList<>();
        for (LocalDate day = since; !day.isAfter(to); day = day.plusDays(1)) {
            Optional<Pick> p = choose(day, byDay, recentSet);
            // the window is in days: forget picks older than it, whether or not later days had one
            recent.addLast(p.map(Pick::record));
            p.ifPresent(x -> recentSet.add(x.record()));
            while (recent.size() > window) {
                recent.removeFirst().ifPresent(recentSet::remove);
            }
            if (!day.isBefore(from) && p.isPresent()) out.add(p.get());
        }
        return out;
    }

    private Optional<Pick> choose(LocalDate day, Map<MonthDay, List<Candidate>> byDay, Set<DescriptionId> recent) {
        for (int distance = 0; distance <= 3; distance++) {
            List<Candidate> pool = new ArrayList<>();
            for (int sign : distance == 0 ? new int[] {0} : new int[] {-1, 1}) {
                pool.addAll(byDay.getOrDefault(MonthDay.from(day.plusDays((long) sign * distance)), List.of()));
            }
            int year = day.getYear();
            Optional<Candidate> best = pool.stream().filter(c -> !recent.contains(c.record().id()))
                    .max(Comparator.comparingInt(Candidate::score)
                            .thenComparingInt(c -> Objects.hash(c.record().id().value(), year)));
            if (best.isPresent()) {
                Candidate c = best.get();
                return Optional.of(new Pick(day, c.record().id(), c.record().title().text(), c.dateExpression(),
                        distance == 0 ? Match.SAME_DAY : Match.SAME_WEEK, c.score(),
                        permalinks.permalink(c.record()).toString()));
            }
        }
        return Optional.empty();
    }

    private Map<MonthDay, List<Candidate>> candidates() {
        Map<MonthDay, List<Candidate>> byDay = new HashMap<>();
        try (Stream<RecordView> all = archive.list(Principal.anonymous(), null)) {
            all.forEach(v -> {
                Description d = v.description();
                for (ArchivalDate date : d.dates()) {
                    if (date.begin() == null || !date.begin().equals(date.end()) || date.approximate()) continue;
                    byDay.computeIfAbsent(MonthDay.from(date.begin()), k -> new ArrayList<>())
                            .add(new Candidate(d, date.expression(), score(d)));
                    break;
                }
            });
        }
        return byDay;
    }

    static int score(Description d) {
        int s = 0;
        if (d.digitalObjects().stream().anyMatch(o -> o.mediaType().toLowerCase(Locale.ROOT).startsWith("image/"))) {
            s += 3;
        }
        if (d.scopeAndContent() != null && d.scopeAndContent().strip().length() >= 60) s += 2;
        if (!d.agents().isEmpty()) s += 1;
        if (d.level() == org.archivekit.core.model.Level.ITEM) s += 1;
        return s;
    }

    /** Writes picks as CSV (UTF-8 text; formula-looking cells neutralized with a leading apostrophe). */
    public static void writeCsv(List<Pick> picks, Writer out) {
        try {
            out.write("day,match,record,title,date,score,permalink\r\n");
            for (Pick p : picks) {
                out.write(String.join(",", csv(p.day().toString()), csv(p.match().name()), csv(p.record().value()),
                        csv(p.title()), csv(p.dateExpression()), csv(Integer.toString(p.score())),
                        csv(p.permalink())));
                out.write("\r\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new ExportException("calendar CSV could not be written: " + e.getMessage(), e);
        }
    }

    /** Writes picks as a JSON array of objects with the fields of {@link Pick}. */
    public static void writeJson(List<Pick> picks, Writer out) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (Pick p : picks) {
                g.writeStartObject();
                g.writeStringField("day", p.day().toString());
                g.writeStringField("match", p.match().name());
                g.writeStringField("record", p.record().value());
                g.writeStringField("title", p.title());
                g.writeStringField("date", p.dateExpression());
                g.writeNumberField("score", p.score());
                g.writeStringField("permalink", p.permalink());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new ExportException("calendar JSON could not be written: " + e.getMessage(), e);
        }
    }

    static String csv(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
