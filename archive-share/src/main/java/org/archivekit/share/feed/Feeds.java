package org.archivekit.share.feed;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.ExportException;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.share.permalink.Permalinks;
import org.jspecify.annotations.Nullable;

/**
 * RSS 2.0 and Atom 1.0 feeds of the most recently published or updated public records; immutable and thread-safe.
 *
 * <p>Entries are read as the anonymous public at the moment the feed is made: hidden, draft and withdrawn records
 * never appear, and a record that became hidden drops out of the next feed. An entry's id (Atom {@code id}, RSS
 * {@code guid}) is the record's permalink, stable across edits; its date is when the record was last written.
 * Selecting the newest keeps only {@code limit} records in memory.
 *
 * @since 0.1
 */
public final class Feeds {
    /** RSS 2.0 or Atom 1.0. */
    public enum Format {
        /** RSS 2.0. */
        RSS("rss_2.0"),
        /** Atom 1.0. */
        ATOM("atom_1.0");

        private final String romeType;

        Format(String romeType) {
            this.romeType = romeType;
        }
    }

    /** The most entries a feed may hold. */
    public static final int MAX_ENTRIES = 500;

    private final Archive archive;
    private final Permalinks permalinks;

    private Feeds(Archive archive, Permalinks permalinks) {
        this.archive = archive;
        this.permalinks = permalinks;
    }

    /** Feeds of {@code archive}, linking to its {@code permalinks}. */
    public static Feeds of(Archive archive, Permalinks permalinks) {
        return new Feeds(Objects.requireNonNull(archive, "archive"), Objects.requireNonNull(permalinks, "permalinks"));
    }

    /**
     * Writes the feed of {@code scope} with the {@code limit} newest public records to {@code out} (left open).
     *
     * @throws NotFoundException when the institution is unknown, or the fonds missing or not public
     * @throws org.archivekit.core.InvalidRequestException when a fonds scope names a record of another level
     * @throws ExportException when the feed cannot be written
     */
    public void write(FeedScope scope, Format format, int limit, Writer out) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        if (limit < 1 || limit > MAX_ENTRIES) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_ENTRIES + ", got " + limit);
        }
        Principal pub = Principal.anonymous();
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(format.romeType);
        List<Description> newest;
        if (scope instanceof FeedScope.Institution i) {
            Institution inst = institution(i.code());
            describe(feed, inst, inst.nameZh() + " · 新开放档案", null);
            try (Stream<RecordView> s = archive.list(pub, null)) {
                newest = newest(s.filter(v -> v.description().institution().equals(i.code())), limit);
            }
        } else if (scope instanceof FeedScope.Fonds f) {
            RecordView fonds = archive.view(pub, f.fonds());
            if (fonds.description().level() != Level.FONDS) {
                throw new org.archivekit.core.InvalidRequestException("fonds", "'" + f.fonds() + "' is a "
                        + fonds.description().level() + ", not a fonds");
            }
            Institution inst = institution(fonds.description().institution());
            describe(feed, inst, inst.nameZh() + " · " + fonds.description().title().text(), fonds.description());
            try (Stream<RecordView> s = Stream.concat(Stream.of(fonds), archive.descendants(pub, f.fonds()))) {
                newest = newest(s, limit);
            }
        } else {
            FeedScope.Subject sub = (FeedScope.Subject) scope;
            Institution inst = institution(sub.code());
            describe(feed, inst, inst.nameZh() + " · #" + sub.subject(), null);
            try (Stream<RecordView> all = archive.list(pub, null)) {
                newest = newest(all.filter(v -> v.description().institution().equals(sub.code())
                        && v.description().subjects().contains(sub.subject())), limit);
            }
        }
        List<SyndEntry> entries = new ArrayList<>();
        for (Description d : newest) entries.add(entry(d));
        feed.setEntries(entries);
        feed.setPublishedDate(newest.isEmpty() ? new Date(archive.policy().now().toEpochMilli())
                : Date.from(newest.get(0).info().updatedAt()));
        try {
            new SyndFeedOutput().output(feed, out);
        } catch (IOException | FeedException e) {
            throw new ExportException("feed could not be written: " + e.getMessage(), e);
        }
    }

    private Institution institution(InstitutionCode code) {
        return archive.institutions().stream().filter(i -> i.code().equals(code)).findFirst()
                .orElseThrow(() -> NotFoundException.of("institution", code.value()));
    }

    private void describe(SyndFeed feed, Institution inst, String title, @Nullable Description fonds) {
        feed.setTitle(title);
        feed.setDescription((inst.nameEn() == null ? inst.nameZh() : inst.nameZh() + " / " + inst.nameEn())
                + ": newly published and updated public records");
        feed.setLanguage("zh-CN");
        String link = fonds != null ? permalinks.permalink(fonds).toString()
                : inst.contact() != null && inst.contact().website() != null ? inst.contact().website()
                : permalinks.base();
        feed.setLink(link);
        feed.setUri(fonds != null ? link : permalinks.base() + "#feed-" + inst.code().value());
    }

    private static List<Description> newest(Stream<RecordView> views, int limit) {
        Comparator<Description> byUpdate = Comparator.comparing((Description d) -> d.info().updatedAt())
                .thenComparing(d -> d.id().value());
        PriorityQueue<Description> keep = new PriorityQueue<>(byUpdate);
        views.forEach(v -> {
            keep.add(v.description());
            if (keep.size() > limit) keep.poll();
        });
        List<Description> out = new ArrayList<>(keep);
        out.sort(byUpdate.reversed());
        return out;
    }

    private SyndEntry entry(Description d) {
        SyndEntry e = new SyndEntryImpl();
        String link = permalinks.permalink(d).toString();
        e.setTitle(d.title().text());
        e.setLink(link);
        e.setUri(link);
        e.setPublishedDate(Date.from(d.info().createdAt()));
        e.setUpdatedDate(Date.from(d.info().updatedAt()));
        for (Agent a : d.agents()) {
            e.setAuthor(a.name());
            break;
        }
        SyndContent body = new SyndContentImpl();
        body.setType("text/plain");
        String ref = d.referenceCode() == null ? "" : d.referenceCode().value() + " · ";
        String scope = d.scopeAndContent() == null ? "" : " — " + d.scopeAndContent().strip();
        body.setValue(ref + label(d.level()) + scope);
        e.setDescription(body);
        List<SyndCategory> categories = new ArrayList<>();
        for (String s : d.subjects()) {
            SyndCategory c = new SyndCategoryImpl();
            c.setName(s);
            categories.add(c);
        }
        e.setCategories(categories);
        return e;
    }

    private static String label(Level level) {
        return level.labelZh() + " " + level.labelEn().toLowerCase(Locale.ROOT);
    }
}
