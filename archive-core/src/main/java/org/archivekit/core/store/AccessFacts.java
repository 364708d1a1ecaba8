package org.archivekit.core.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Disclosure;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.OpenStatus;
import org.archivekit.core.model.RecordInfo;
import org.archivekit.core.model.SecrecyMarking;
import org.archivekit.core.model.Title;
import org.jspecify.annotations.Nullable;

/**
 * The access facts of a record kept next to its renditions, in a compact text form that reads back an order of
 * magnitude faster than the record's JSON: what {@code AccessPolicy} and a walk look at (id, institution, parent,
 * level, status, sequence, version, the access elements, the dates) and the title. One line of fields separated
 * by tabs, the first the form's version; text fields escape backslash, tab, newline and carriage return.
 * Reading gives a description with only these parts; its info has the version and no users or times.
 */
final class AccessFacts {
    private AccessFacts() {}

    private static final String FORM = "f1";
    /** The fields before the dates; each date adds four. */
    private static final int FIXED = 17;

    static String write(Description d) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(FORM).append('\t');
        text(sb, d.id().value()).append('\t');
        text(sb, d.institution().value()).append('\t');
        if (d.parent() != null) text(sb, d.parent().value());
        sb.append('\t').append(d.level().name()).append('\t').append(d.status().name()).append('\t')
                .append(d.sequence()).append('\t').append(d.version()).append('\t');
        Access a = d.access();
        sb.append(a.level().name()).append('\t').append(a.secrecy().name()).append('\t')
                .append(a.disclosure().name()).append('\t').append(a.openStatus().name()).append('\t');
        if (a.openingDate() != null) sb.append(a.openingDate());
        sb.append('\t');
        if (a.embargoUntil() != null) sb.append(a.embargoUntil());
        sb.append('\t');
        text(sb, d.title().language()).append('\t');
        text(sb, d.title().text()).append('\t');
        sb.append(d.dates().size());
        for (ArchivalDate date : d.dates()) {
            sb.append('\t').append(date.approximate() ? '1' : '0').append('\t');
            if (date.begin() != null) sb.append(date.begin());
            sb.append('\t');
            if (date.end() != null) sb.append(date.end());
            sb.append('\t');
            text(sb, date.expression());
        }
        return sb.toString();
    }

    /** The description {@link #write} wrote. */
    static Description read(String s) {
        return new Reader().read(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the facts of one walk's rows, one after another, from their UTF-8 bytes (a tab byte is never part of
     * another character), reusing what a row shares with the row before (institution, parent, level, status,
     * version, access elements, dates, title language) so each is parsed and checked once per run of equal values;
     * the parent of a first child is the row before's id. Not thread-safe.
     */
    static final class Reader {
        private byte[] prev = new byte[0];
        private final int[] prevStart = new int[FIXED + 1];
        private final int[] start = new int[FIXED + 1]; // field i is [start[i], start[i + 1] - 1)
        private int prevEnd;
        private @Nullable InstitutionCode institution;
        private @Nullable DescriptionId parent;
        private @Nullable DescriptionId lastId;
        private @Nullable Level level;
        private @Nullable LifecycleStatus status;
        private @Nullable RecordInfo info;
        private @Nullable Access access;
        private @Nullable String language;
        private List<ArchivalDate> dates = List.of();

        Description read(byte[] b) {
            int n = 0;
            int from = 0;
            start[0] = 0;
            while (n < FIXED) {
                int tab = indexOfTab(b, from);
                from = tab < 0 ? b.length + 1 : tab + 1;
                start[++n] = from;
                if (tab < 0) break;
            }
            if (n != FIXED || !field(b, 0).equals(FORM)) {
                throw new IllegalArgumentException("not access facts of form " + FORM + ": " + n + " fields");
            }
            int count = Integer.parseInt(field(b, 16));
            boolean first = prev.length == 0;
            if (first || !same(b, 2, 2)) institution = InstitutionCode.of(untext(field(b, 2)));
            DescriptionId p = parent;
            if (start[4] - start[3] == 1) {
                p = null;
            } else if (first || !same(b, 3, 3)) {
                // a first child's parent is the row before
                p = lastId != null && sameAsPreviousId(b) ? lastId : DescriptionId.of(untext(field(b, 3)));
            }
            if (first || !same(b, 4, 4)) level = Level.valueOf(field(b, 4));
            if (first || !same(b, 5, 5)) status = LifecycleStatus.valueOf(field(b, 5));
            if (first || !same(b, 7, 7)) {
                info = new RecordInfo(Long.parseLong(field(b, 7)), "-", Instant.EPOCH, "-", Instant.EPOCH);
            }
            if (first || !same(b, 8, 13)) {
                access = new Access(AccessLevel.valueOf(field(b, 8)), SecrecyMarking.valueOf(field(b, 9)),
                        Disclosure.valueOf(field(b, 10)), OpenStatus.valueOf(field(b, 11)),
                        start[13] - start[12] == 1 ? null : date(field(b, 12)),
                        start[14] - start[13] == 1 ? null : Instant.parse(field(b, 13)));
            }
            if (first || !same(b, 14, 14)) language = untext(field(b, 14));
            int datesFrom = start[FIXED];
            if (first || count != dates.size() || datesFrom > b.length || prevStart[FIXED] > prev.length
                    || !Arrays.equals(b, datesFrom, b.length, prev, prevStart[FIXED], prevEnd)) {
                dates = dates(b, datesFrom, count);
            } else if (count == 0 && datesFrom <= b.length) {
                throw new IllegalArgumentException("access facts hold more than 0 dates");
            }
            DescriptionId id = DescriptionId.of(untext(field(b, 1)));
            Description d = Description.builder().id(id).institution(institution).parent(p).level(level)
                    .status(status).sequence(Integer.parseInt(field(b, 6))).info(info).access(access).dates(dates)
                    .title(new Title(untext(field(b, 15)), language)).build();
            parent = p;
            lastId = id;
            prev = b;
            prevEnd = b.length;
            System.arraycopy(start, 0, prevStart, 0, FIXED + 1);
            return d;
        }

        /** Field {@code i} of {@code b} as text (still escaped). */
        private String field(byte[] b, int i) {
            int from = start[i];
            int to = Math.min(start[i + 1] - 1, b.length);
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }

        /** Whether fields {@code first} to {@code last} of {@code b} are those of the row before, byte for byte. */
        private boolean same(byte[] b, int first, int last) {
            int to = Math.min(start[last + 1] - 1, b.length);
            int prevTo = Math.min(prevStart[last + 1] - 1, prev.length);
            return Arrays.equals(b, start[first], to, prev, prevStart[first], prevTo);
        }

        /** Whether this row's parent field is the row before's id field. */
        private boolean sameAsPreviousId(byte[] b) {
            return Arrays.equals(b, start[3], start[4] - 1, prev, prevStart[1], prevStart[2] - 1);
        }

        private static List<ArchivalDate> dates(byte[] b, int from, int count) {
            if (count == 0) {
                if (from <= b.length) throw new IllegalArgumentException("access facts hold more than 0 dates");
                return List.of();
            }
            if (from > b.length) {
                throw new IllegalArgumentException("access facts end before their " + count + " dates");
            }
            String[] p = new String(b, from, b.length - from, StandardCharsets.UTF_8).split("\t", -1);
            if (p.length != 4 * count) {
                throw new IllegalArgumentException("access facts hold " + p.length + " date fields for " + count
                        + " dates");
            }
            ArchivalDate[] out = new ArchivalDate[count];
            for (int i = 0; i < count; i++) {
                int k = 4 * i;
                out[i] = new ArchivalDate(untext(p[k + 3]), p[k + 1].isEmpty() ? null : date(p[k + 1]),
                        p[k + 2].isEmpty() ? null : date(p[k + 2]), p[k].equals("1"));
            }
            return List.of(out);
        }

        private static int indexOfTab(byte[] b, int from) {
            for (int i = from; i < b.length; i++) {
                if (b[i] == '\t') return i;
            }
            return -1;
        }
    }

    /** A date as {@link LocalDate#toString} writes it, read without a formatter. */
    private static LocalDate date(String s) {
        int len = s.length();
        if (len == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            return LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10));
        }
        return LocalDate.parse(s); // years beyond four digits
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new IllegalArgumentException("not a date: " + s);
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static StringBuilder text(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb;
    }

    private static String untext(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            sb.append(switch (e) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> e;
            });
        }
        return sb.toString();
    }
}
