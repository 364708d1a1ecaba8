package org.archivekit.core.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.ReferenceCodeScheme;
import org.archivekit.core.model.RetentionPeriod;

/**
 * A deterministic, realistic sample archive of a Chinese university: one institution (示范大学档案馆, Demo University
 * Archives) with seven fonds (校长办公室, 教务处, 学生处, 科研处, 人事处, 基建处, 校史照片), series by year and retention
 * period, files (案卷) and items (件), for demos, tests and benchmarks. Immutable and thread-safe.
 *
 * <pre>{@code
 * SampleArchive sample = SampleArchive.builder().items(10_000).seed(7).build();
 * archive.putInstitution(admin, sample.institution());
 * archive.importAll(admin, sample.iterator());
 * }</pre>
 *
 * <h2>What it holds</h2>
 * {@link #items()} records are items; fonds, series and files come in addition ({@link #counts()}). Records come
 * parents first: each fonds, then for each of its series the series, then each file followed by its items. They
 * are generated lazily, one at a time, so a million items stream through in constant memory. The same seed and
 * size give the same records, byte for byte; every random choice is drawn from the seed and the record's id.
 *
 * <p>The material is bilingual (Chinese titles and scope notes, English parallel titles for some), with reference
 * codes (档号) from the {@linkplain Builder#referenceScheme scheme} ({@code Z001}, {@code Z001-WS·2001-Y},
 * {@code Z001-WS·2001-Y-XZB-0003-0012} by default), and ids that follow them in ASCII ({@code Z001},
 * {@code Z001-WS.2001-Y}, {@code Z001-WS.2001-Y-0003-0012}). It mixes carriers (mostly paper; photographs in
 * 校史照片; some audio, video, digitized and born-digital items with digital-object references whose SHA-256 is
 * derived from the id), retention periods (永久, 定期30年 and 定期10年 with disposal review dates), creators and
 * photographers, 民国-era material (1928–1948, with dates such as 民国二十年 kept as written), a few drafts and
 * withdrawn items.
 *
 * <h2>Access</h2>
 * Items are given access so that their <em>effective</em> levels, under the standard
 * {@code AccessPolicy} between 2025 and 2030, come out about 70% 公开 public, 15% 校内 campus, 10% 限制 restricted
 * and 5% 机密 confidential; fonds, series and files are public. The policy keeps a file or item closed (at least
 * campus) until 25 years after its end date; the 2020 Archives Law lets education and science records open
 * earlier, so every file, and every item meant to be public, ending in 1990 or later carries an explicit opening
 * date just after its end date. Some campus items instead rely on that default (items from 2005 on). Restricted
 * items use an assigned level, 不开放 or an embargo until 2045 or later; confidential ones an assigned level or a
 * secrecy marking (密级). Some public items carry an embargo that ended between 2018 and 2022. The dates are fixed,
 * so the data does not change with the clock, and the proportions hold for clocks from 2025 to 2030.
 *
 * @since 0.1
 */
public final class SampleArchive implements Iterable<Description> {

    /** The default institution code, {@code CN-DEMO-U}. */
    public static final InstitutionCode DEFAULT_INSTITUTION = InstitutionCode.of("CN-DEMO-U");

    /** The fewest items a sample may have. */
    public static final long MIN_ITEMS = 100;
    /** The most items a sample may have. */
    public static final long MAX_ITEMS = 1_000_000;

    /** The last year of the sample's records. */
    static final int LAST_YEAR = 2024;
    private static final int ITEMS_PER_YEAR = 60;

    private final long items;
    private final long seed;
    private final InstitutionCode institutionCode;
    private final SampleRecords records;
    private final List<SeriesPlan> plan;
    private final Map<Level, Long> counts;

    /** One series: its fonds, year, retention, items, and how many items go in each file. */
    private record SeriesPlan(SampleFonds fonds, int year, RetentionPeriod retention, int items, int files,
            int sequence) {
        /** How many items file {@code fileNo} (1-based) holds: an even share, the first files taking the rest. */
        int itemsIn(int fileNo) {
            return items / files + (fileNo <= items % files ? 1 : 0);
        }

        /** How many items come before file {@code fileNo} in this series. */
        int itemsBefore(int fileNo) {
            int k = fileNo - 1;
            return k * (items / files) + Math.min(k, items % files);
        }
    }

    private SampleArchive(Builder b) {
        this.items = b.items;
        this.seed = b.seed;
        this.institutionCode = b.institution;
        this.records = new SampleRecords(b.seed, b.institution, b.scheme);
        this.plan = plan();
        Map<Level, Long> c = new EnumMap<>(Level.class);
        c.put(Level.FONDS, plan.stream().map(SeriesPlan::fonds).distinct().count());
        c.put(Level.SERIES, (long) plan.size());
        c.put(Level.FILE, plan.stream().mapToLong(SeriesPlan::files).sum());
        c.put(Level.ITEM, items);
        this.counts = Collections.unmodifiableMap(c);
    }

    /** Starts a sample of 10,000 items with seed 1 for {@code CN-DEMO-U} and the DA/T 13 file-based scheme. */
    public static Builder builder() {
        return new Builder();
    }

    /** The institution holding the sample: 示范大学档案馆, Demo University Archives, under the chosen code. */
    public Institution institution() {
        return new Institution(institutionCode, "示范大学档案馆", "Demo University Archives",
                new Institution.Contact("示范市学府路1号 (1 Xuefu Road, Demo City)", "archives@demo-university.example",
                        "+86 10 0000 0000", "https://archives.demo-university.example"));
    }

    /** How many items (件) the sample holds. */
    public long items() {
        return items;
    }

    /** The seed the sample is drawn from. */
    public long seed() {
        return seed;
    }

    /** How many records there are at each level (fonds, series, file, item), known before generating them. */
    public Map<Level, Long> counts() {
        return counts;
    }

    /** How many records there are in all, at every level. */
    public long size() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A fresh, lazy iterator over every record, parents before children; not thread-safe. */
    @Override
    public Iterator<Description> iterator() {
        return new Walk();
    }

    /** Every record, parents before children, generated lazily and in order; nothing to close. */
    public Stream<Description> stream() {
        Spliterator<Description> s = Spliterators.spliterator(iterator(), size(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT | Spliterator.IMMUTABLE);
        return StreamSupport.stream(s, false);
    }

    // ---------------------------------------------------------------- plan

    /**
     * Splits the items over fonds by weight, over years (about 60 items a year, at most every year the fonds
     * covers, evenly spread from its first year), and over retention periods; a few hundred entries at most.
     */
    private List<SeriesPlan> plan() {
        List<SeriesPlan> out = new ArrayList<>();
        SampleFonds[] all = SampleFonds.values();
        long assigned = 0;
        for (int i = 0; i < all.length; i++) {
            SampleFonds f = all[i];
            long itemsOfFonds = i == all.length - 1 ? items - assigned : Math.round(items * f.weight);
            assigned += itemsOfFonds;
            List<Integer> years = years(f);
            int k = (int) Math.max(1, Math.min(years.size(), itemsOfFonds / ITEMS_PER_YEAR));
            int sequence = 0;
            for (int j = 0; j < k; j++) {
                int year = years.get(k == 1 ? 0 : (int) Math.round((double) j * (years.size() - 1) / (k - 1)));
                int inYear = (int) (itemsOfFonds / k + (j < itemsOfFonds % k ? 1 : 0));
                for (Map.Entry<RetentionPeriod, Integer> e : split(f, year, inYear).entrySet()) {
                    if (e.getValue() == 0) continue;
                    String seriesId = SampleRecords.seriesId(f, year, e.getKey());
                    int min = f.isPhotos() ? 20 : 8;
                    int perFile = min + records.random(seriesId + "#files").nextInt(f.isPhotos() ? 31 : 23);
                    int files = (e.getValue() + perFile - 1) / perFile;
                    out.add(new SeriesPlan(f, year, e.getKey(), e.getValue(), files, ++sequence));
                }
            }
        }
        return List.copyOf(out);
    }

    /** The years a fonds covers: from its first year to 2024, less the war years 1938–1945 and 1949–1951. */
    private static List<Integer> years(SampleFonds f) {
        List<Integer> years = new ArrayList<>();
        for (int y = f.startYear; y <= LAST_YEAR; y++) {
            if ((y >= 1938 && y <= 1945) || (y >= 1949 && y <= 1951)) continue;
            years.add(y);
        }
        return years;
    }

    private static Map<RetentionPeriod, Integer> split(SampleFonds f, int year, int items) {
        Map<RetentionPeriod, Integer> m = new EnumMap<>(RetentionPeriod.class);
        if (f.isPhotos() || SampleText.isMinguo(year) || items < 30) {
            m.put(RetentionPeriod.PERMANENT, items);
            return m;
        }
        int permanent = (int) Math.round(items * 0.55);
        int thirty = (int) Math.round(items * 0.30);
        m.put(RetentionPeriod.PERMANENT, permanent);
        m.put(RetentionPeriod.YEARS_30, thirty);
        m.put(RetentionPeriod.YEARS_10, items - permanent - thirty);
        return m;
    }

    // ---------------------------------------------------------------- walk

    /** Walks the plan: fonds, series, file, items of the file, next file, …; holds only its position. */
    private final class Walk implements Iterator<Description> {
        private int series;
        private int file = 1;
        private int item = 1;
        private Level nextLevel = Level.FONDS;

        @Override
        public boolean hasNext() {
            return series < plan.size();
        }

        @Override
        public Description next() {
            if (!hasNext()) throw new NoSuchElementException();
            SeriesPlan s = plan.get(series);
            switch (nextLevel) {
                case FONDS -> {
                    nextLevel = Level.SERIES;
                    return fonds(s.fonds(), s.fonds().ordinal() + 1);
                }
                case SERIES -> {
                    nextLevel = Level.FILE;
                    file = 1;
                    return records.series(s.fonds(), s.year(), s.retention(), s.files(), s.items(), s.sequence());
                }
                case FILE -> {
                    nextLevel = Level.ITEM;
                    item = 1;
                    return records.file(s.fonds(), s.year(), s.retention(), file, s.itemsIn(file));
                }
                default -> {
                    Description d = records.item(s.fonds(), s.year(), s.retention(), file, item,
                            s.itemsBefore(file) + item);
                    advance(s);
                    return d;
                }
            }
        }

        private void advance(SeriesPlan s) {
            if (++item <= s.itemsIn(file)) return;
            if (++file <= s.files()) {
                nextLevel = Level.FILE;
                return;
            }
            series++;
            if (series < plan.size() && plan.get(series).fonds() != s.fonds()) nextLevel = Level.FONDS;
            else nextLevel = Level.SERIES;
        }
    }

    private Description fonds(SampleFonds f, int sequence) {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        long files = 0;
        long itemsOfFonds = 0;
        for (SeriesPlan s : plan) {
            if (s.fonds() != f) continue;
            first = Math.min(first, s.year());
            last = Math.max(last, s.year());
            files += s.files();
            itemsOfFonds += s.items();
        }
        return records.fonds(f, first, last, files, itemsOfFonds, sequence);
    }

    /** Collects the settings of a {@link SampleArchive}; not thread-safe. */
    public static final class Builder {
        private long items = 10_000;
        private long seed = 1;
        private InstitutionCode institution = DEFAULT_INSTITUTION;
        private ReferenceCodeScheme scheme = ReferenceCodeScheme.DAT13_FILE;

        private Builder() {}

        /**
         * How many items (件) to generate, 100 to 1,000,000; default 10,000.
         *
         * @throws IllegalArgumentException when out of range
         */
        public Builder items(long n) {
            if (n < MIN_ITEMS || n > MAX_ITEMS) {
                throw new IllegalArgumentException("items must be " + MIN_ITEMS + " to " + MAX_ITEMS + ", got " + n);
            }
            this.items = n;
            return this;
        }

        /** The seed; the same seed and size always give the same records. Default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The institution code the records belong to; default {@code CN-DEMO-U}. */
        public Builder institutionCode(InstitutionCode code) {
            this.institution = Objects.requireNonNull(code, "code");
            return this;
        }

        /** How reference codes are built; default {@link ReferenceCodeScheme#DAT13_FILE} (DA/T 13, file-based). */
        public Builder referenceScheme(ReferenceCodeScheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /** The sample; generating records starts only when they are iterated. */
        public SampleArchive build() {
            return new SampleArchive(this);
        }
    }
}
