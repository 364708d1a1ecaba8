package org.archivekit.share.cite;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.archivekit.core.Archive;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.AgentRole;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.jspecify.annotations.Nullable;

/**
 * Writes citations of records in GB/T 7714-2015 and Chicago style, from what the caller may see; immutable and
 * thread-safe.
 *
 * <p>Parts: the creator (the record's first author, else its first creator, else none), the title proper, the date
 * (a day, month, year or range as precise as the record gives it), the repository (the institution's name in the
 * record's language), the reference code (档号, else the id) and, for Chicago, the fonds the record belongs to.
 * A record whose title is Chinese is cited with the Chinese repository name and Chinese date forms; otherwise
 * English. A record's preferred-citation note, when it has one, is not rewritten: use it as the archive asked.
 *
 * @since 0.1
 */
public final class Citations {
    private final Archive archive;

    private Citations(Archive archive) {
        this.archive = archive;
    }

    /** Citations of {@code archive}'s records. */
    public static Citations of(Archive archive) {
        return new Citations(Objects.requireNonNull(archive, "archive"));
    }

    /**
     * The citation of record {@code id} in {@code style}, as {@code caller} may see it.
     *
     * @throws NotFoundException when the record is missing or hidden from the caller
     */
    public String cite(Principal caller, DescriptionId id, CitationStyle style) {
        RecordView view = archive.view(caller, id);
        Institution repository = archive.institutions().stream()
                .filter(i -> i.code().equals(view.description().institution())).findFirst()
                .orElseThrow(() -> NotFoundException.of("institution", view.description().institution().value()));
        String fonds = view.breadcrumb().isEmpty() ? null : view.breadcrumb().get(0).title();
        return format(view.description(), fonds, repository, style);
    }

    /** The citation of {@code record} in {@code style}; the caller has already decided it may be shown. */
    static String format(Description record, @Nullable String fondsTitle, Institution repository,
            CitationStyle style) {
        boolean zh = isChinese(record);
        String creator = creator(record);
        String title = record.title().text();
        String date = date(record.dateHull(), zh, style);
        String repo = zh || repository.nameEn() == null ? repository.nameZh() : repository.nameEn();
        String code = record.referenceCode() != null ? record.referenceCode().value() : record.id().value();
        List<String> parts = new ArrayList<>();
        switch (style) {
            case GBT7714 -> {
                StringBuilder s = new StringBuilder();
                if (creator != null) s.append(creator).append(". ");
                s.append(title).append("[A]. ").append(repo);
                if (date != null) s.append(", ").append(date);
                s.append(". ").append(zh ? "档号: " : "Reference code: ").append(code).append('.');
                return s.toString();
            }
            case CHICAGO_NOTE -> {
                if (creator != null) parts.add(creator);
                parts.add(quoteEndingWithComma(title, zh));
                if (date != null) parts.add(date);
                parts.add(code);
                if (fondsTitle != null && !fondsTitle.equals(title)) parts.add(fondsTitle);
                parts.add(repo);
                return joinNote(parts) + ".";
            }
            case CHICAGO_BIBLIOGRAPHY -> {
                if (creator != null) parts.add(endWithPeriod(creator));
                parts.add(zh ? "“" + title + ".”" : "\"" + title + ".\"");
                if (date != null) parts.add(endWithPeriod(date));
                parts.add(endWithPeriod(code));
                if (fondsTitle != null && !fondsTitle.equals(title)) parts.add(endWithPeriod(fondsTitle));
                parts.add(endWithPeriod(repo));
                return String.join(" ", parts);
            }
            default -> throw new IllegalArgumentException("unknown style " + style);
        }
    }

    private static boolean isChinese(Description d) {
        return d.title().language().toLowerCase(Locale.ROOT).startsWith("zh");
    }

    private static @Nullable String creator(Description d) {
        for (AgentRole role : List.of(AgentRole.AUTHOR, AgentRole.CREATOR, AgentRole.PHOTOGRAPHER)) {
            for (Agent a : d.agents()) if (a.role() == role) return a.name();
        }
        return null;
    }

    /** The date as precisely as the record gives it: a day, a month, a year or a range of those. */
    static @Nullable String date(@Nullable ArchivalDate d, boolean zh, CitationStyle style) {
        if (d == null || d.begin() == null || d.end() == null) return d == null ? null : d.expression();
        String begin = point(d.begin(), d.end(), true, zh, style);
        String end = point(d.begin(), d.end(), false, zh, style);
        String text = begin.equals(end) ? begin : begin + (zh && style == CitationStyle.GBT7714 ? "—" : "–") + end;
        return d.approximate() ? (zh ? "约" + text : "ca. " + text) : text;
    }

    private static String point(LocalDate begin, LocalDate end, boolean first, boolean zh, CitationStyle style) {
        LocalDate p = first ? begin : end;
        boolean wholeYears = begin.getDayOfYear() == 1 && end.equals(end.withDayOfYear(end.lengthOfYear()));
        boolean wholeMonths = begin.getDayOfMonth() == 1 && end.equals(YearMonth.from(end).atEndOfMonth());
        boolean iso = style == CitationStyle.GBT7714 || zh;
        if (wholeYears) return Integer.toString(p.getYear());
        if (wholeMonths) {
            return iso ? YearMonth.from(p).toString()
                    : p.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + p.getYear();
        }
        return iso ? p.toString()
                : p.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + p.getDayOfMonth() + ", "
                        + p.getYear();
    }

    private static String quoteEndingWithComma(String title, boolean zh) {
        return zh ? "“" + title + "”" : "\"" + title + ",\"";
    }

    /** Joins note parts with ", ", except after an English quoted title, which already ends in a comma. */
    private static String joinNote(List<String> parts) {
        StringBuilder s = new StringBuilder();
        for (String p : parts) {
            if (s.length() > 0) s.append(s.charAt(s.length() - 1) == '"' ? " " : ", ");
            s.append(p);
        }
        return s.toString();
    }

    private static String endWithPeriod(String s) {
        return s.endsWith(".") ? s : s + ".";
    }
}
