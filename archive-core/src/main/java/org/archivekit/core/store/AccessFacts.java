package org.archivekit.core.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
        List<String> f = new ArrayList<>(FIXED + 4);
        int from = 0;
        while (true) {
            int tab = s.indexOf('\t', from);
            if (tab < 0) {
                f.add(s.substring(from));
                break;
            }
            f.add(s.substring(from, tab));
            from = tab + 1;
        }
        int count = f.size() >= FIXED && FORM.equals(f.get(0)) ? Integer.parseInt(f.get(16)) : -1;
        if (count < 0 || f.size() != FIXED + 4 * count) {
            throw new IllegalArgumentException("not access facts of form " + FORM + ": " + f.size() + " fields");
        }
        Access access = new Access(AccessLevel.valueOf(f.get(8)), SecrecyMarking.valueOf(f.get(9)),
                Disclosure.valueOf(f.get(10)), OpenStatus.valueOf(f.get(11)),
                f.get(12).isEmpty() ? null : date(f.get(12)), f.get(13).isEmpty() ? null : Instant.parse(f.get(13)));
        List<ArchivalDate> dates = new ArrayList<>(count);
        for (int i = FIXED; i < f.size(); i += 4) {
            dates.add(new ArchivalDate(untext(f.get(i + 3)), f.get(i + 1).isEmpty() ? null : date(f.get(i + 1)),
                    f.get(i + 2).isEmpty() ? null : date(f.get(i + 2)), f.get(i).equals("1")));
        }
        return Description.builder().id(DescriptionId.of(untext(f.get(1))))
                .institution(InstitutionCode.of(untext(f.get(2))))
                .parent(f.get(3).isEmpty() ? null : DescriptionId.of(untext(f.get(3))))
                .level(Level.valueOf(f.get(4))).status(LifecycleStatus.valueOf(f.get(5)))
                .sequence(Integer.parseInt(f.get(6)))
                .info(new RecordInfo(Long.parseLong(f.get(7)), "-", Instant.EPOCH, "-", Instant.EPOCH))
                .access(access).dates(dates)
                .title(new Title(untext(f.get(15)), untext(f.get(14))))
                .build();
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
