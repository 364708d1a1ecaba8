package org.archivekit.search.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Lineage;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.Notes;
import org.archivekit.core.model.Title;
import org.archivekit.search.spi.AccessFacts;
import org.archivekit.search.spi.IndexDocument;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link IndexDocument}s from a record and its ancestors, with access facts that stay right as time
 * passes. Thread-safe.
 */
public final class Documents {
    private final AccessPolicy policy;

    /** Builds documents under {@code policy}. */
    public Documents(AccessPolicy policy) {
        this.policy = policy;
    }

    /**
     * The document of the last record of {@code chain} (fonds first, the record last).
     *
     * @throws IllegalArgumentException when the chain is empty
     */
    public IndexDocument of(List<Description> chain) {
        if (chain.isEmpty()) throw new IllegalArgumentException("empty chain");
        Inherited up = null;
        for (int i = 0; i < chain.size() - 1; i++) up = inherit(up, chain.get(i));
        return of(up, chain.get(chain.size() - 1));
    }

    /**
     * What the children of {@code d} inherit, given what {@code d} inherited ({@code null} for a fonds). Walking a
     * tree parents first with these costs one step per record instead of one per ancestor.
     */
    public Inherited inherit(@Nullable Inherited up, Description d) {
        List<DescriptionId> path = new ArrayList<>(up == null ? 1 : up.path.size() + 1);
        List<String> context = new ArrayList<>(up == null ? 4 : up.context.size() + 4);
        if (up != null) {
            path.addAll(up.path);
            context.addAll(up.context);
        }
        path.add(d.id());
        if (d.referenceCode() != null) context.add(d.referenceCode().value());
        context.add(d.title().text());
        for (Title t : d.parallelTitles()) context.add(t.text());
        return new Inherited(List.copyOf(path), List.copyOf(context), step(up, d));
    }

    /** The document of {@code d} whose parent passed on {@code up} ({@code null} for a fonds). */
    public IndexDocument of(@Nullable Inherited up, Description d) {
        Access a = step(up, d);
        AccessFacts facts = new AccessFacts(a.timeless.effectiveLevel(), a.restrictedUntil, a.campusUntil,
                a.timeless.isPublished(), a.timeless.isClassified());
        // each list made once, in the immutable form IndexDocument keeps as it is (no copy in its constructor)
        List<DescriptionId> path = up == null ? List.of(d.id()) : plus(up.path, d.id());
        List<String> context = up == null ? List.of() : up.context;
        List<String> otherTitles = titles(d.parallelTitles());
        List<String> creators = creators(d.agents());
        ArchivalDate hull = d.dateHull();
        Integer from = hull == null || hull.begin() == null ? null : hull.begin().getYear();
        Integer to = hull == null ? null : hull.end() == null ? (hull.begin() == null ? null : Integer.valueOf(9999))
                : Integer.valueOf(hull.end().getYear());
        if (from == null && hull != null && hull.end() != null) from = hull.end().getYear();
        LocalDate day = hull == null ? null : hull.begin() != null ? hull.begin() : hull.end();
        String code = d.referenceCode() == null ? null : d.referenceCode().value();
        String sortKey = d.referenceCode() == null ? null : d.referenceCode().sortKey();
        String notes = notes(d);
        String carrier = d.carrier().name();
        boolean digital = !d.digitalObjects().isEmpty();
        // the checksum of the document's components, taken before the document is made (once)
        Scratch s = SCRATCH.get();
        s.text.setLength(0);
        appendText(s.text, d.id(), d.institution(), d.parent(), path, d.level(), code, sortKey, d.title().text(),
                otherTitles, d.scopeAndContent(), notes, context, creators, d.subjects(), carrier, digital, from, to,
                day, d.sequence(), facts, "");
        return new IndexDocument(d.id(), d.institution(), d.parent(), path, d.level(), code, sortKey,
                d.title().text(), otherTitles, d.scopeAndContent(), notes, context, creators, d.subjects(), carrier,
                digital, from, to, day, d.sequence(), facts, digest(s));
    }

    /** {@code list} and then {@code last}, unmodifiable. */
    private static List<DescriptionId> plus(List<DescriptionId> list, DescriptionId last) {
        DescriptionId[] a = list.toArray(new DescriptionId[list.size() + 1]);
        a[a.length - 1] = last;
        return List.of(a);
    }

    private static List<String> titles(List<Title> titles) {
        if (titles.isEmpty()) return List.of();
        String[] a = new String[titles.size()];
        for (int i = 0; i < a.length; i++) a[i] = titles.get(i).text();
        return List.of(a);
    }

    /** The agents' names, each once, in order of first appearance. */
    private static List<String> creators(List<Agent> agents) {
        int n = agents.size();
        if (n == 0) return List.of();
        if (n == 1) return List.of(agents.get(0).name());
        if (n > 16) { // a set, not the quadratic scan below
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            for (Agent agent : agents) names.add(agent.name());
            return List.copyOf(names);
        }
        String[] a = new String[n];
        int k = 0;
        outer:
        for (Agent agent : agents) {
            String name = agent.name();
            for (int i = 0; i < k; i++) if (a[i].equals(name)) continue outer;
            a[k++] = name;
        }
        return List.of(k == n ? a : java.util.Arrays.copyOf(a, k));
    }

    private Access step(@Nullable Inherited up, Description a) {
        // at the end of time every embargo has ended and every reachable opening date is reached
        Lineage timeless = up == null ? policy.root(a, Instant.MAX) : policy.child(up.access.timeless, a);
        long restrictedUntil = up == null ? Long.MIN_VALUE : up.access.restrictedUntil;
        long campusUntil = up == null ? Long.MIN_VALUE : up.access.campusUntil;
        Instant embargo = a.access().embargoUntil();
        if (embargo != null) restrictedUntil = Math.max(restrictedUntil, ceilMillis(embargo));
        Optional<LocalDate> opening = policy.openingDate(a);
        if (opening.isPresent()) {
            long at = opening.get().equals(LocalDate.MAX) ? Long.MAX_VALUE
                    : opening.get().atStartOfDay(policy.zone()).toInstant().toEpochMilli();
            campusUntil = Math.max(campusUntil, at);
        }
        return new Access(timeless, restrictedUntil, campusUntil);
    }

    private record Access(Lineage timeless, long restrictedUntil, long campusUntil) {}

    /** What a record passes on to its children: the ids and text of its chain, and its timeless access state. */
    public static final class Inherited {
        private final List<DescriptionId> path;
        private final List<String> context;
        private final Access access;

        private Inherited(List<DescriptionId> path, List<String> context, Access access) {
            this.path = path;
            this.context = context;
            this.access = access;
        }
    }

    private static long ceilMillis(Instant i) {
        long ms = i.toEpochMilli();
        return i.getNano() % 1_000_000 == 0 ? ms : ms + 1;
    }

    private static String notes(Description d) {
        StringBuilder b = new StringBuilder();
        append(b, d.arrangement());
        append(b, d.classification());
        Notes n = d.notes();
        append(b, n.accessConditions());
        append(b, n.useConditions());
        append(b, n.custodialHistory());
        append(b, n.acquisition());
        append(b, n.relatedMaterial());
        append(b, n.preferredCitation());
        d.customFields().values().forEach(v -> append(b, v));
        return b.toString();
    }

    private static void append(StringBuilder b, @Nullable String s) {
        if (s == null || s.isBlank()) return;
        if (b.length() > 0) b.append('\n');
        b.append(s);
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    /** Per thread: the checksum text's buffer and its UTF-8 bytes, reused from record to record. */
    private static final class Scratch {
        final StringBuilder text = new StringBuilder(2048);
        byte[] bytes = new byte[4096];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** The checksum of {@code draft} (its own checksum ignored): SHA-256 of the UTF-8 of {@link #text}. */
    static String checksum(IndexDocument draft) {
        Scratch s = SCRATCH.get();
        s.text.setLength(0);
        appendText(s.text, draft, "");
        return digest(s);
    }

    /** SHA-256 of the UTF-8 of {@code s.text}, its first 16 bytes in hex; without making the text a string. */
    private static String digest(Scratch s) {
        int n = utf8(s.text, s);
        MessageDigest md = SHA256.get();
        md.reset();
        md.update(s.bytes, 0, n);
        return HexFormat.of().formatHex(md.digest(), 0, 16);
    }

    /**
     * Encodes {@code text} into {@code s.bytes} as {@code String.getBytes(UTF_8)} does (an unpaired surrogate
     * becomes {@code '?'}); returns the length.
     */
    static int utf8(CharSequence text, Scratch s) {
        int len = text.length();
        if (s.bytes.length < 3 * len) s.bytes = new byte[Math.max(3 * len, 2 * s.bytes.length)];
        byte[] out = s.bytes;
        int p = 0;
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xc0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out[p++] = (byte) (0xf0 | (cp >> 18));
                out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                out[p++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                out[p++] = (byte) '?';
            } else {
                out[p++] = (byte) (0xe0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                out[p++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        return p;
    }

    /** The UTF-8 bytes of {@code text} by {@link #utf8} (DocumentsTest compares them with the JDK's). */
    static byte[] utf8(CharSequence text) {
        Scratch s = new Scratch();
        int n = utf8(text, s); // may replace s.bytes with a larger array
        return java.util.Arrays.copyOf(s.bytes, n);
    }

    /**
     * The text the checksum is taken of: exactly {@code draft.toString()} (the record's generated form, which Java 17
     * builds through {@code String.format} and {@code Formatter} on every call), written directly, component by
     * component in declaration order (DocumentsTest compares the two).
     */
    static String text(IndexDocument d) {
        StringBuilder b = new StringBuilder(1024);
        appendText(b, d, d.checksum());
        return b.toString();
    }

    private static void appendText(StringBuilder b, IndexDocument d, String checksum) {
        appendText(b, d.id(), d.institution(), d.parent(), d.path(), d.level(), d.referenceCode(),
                d.referenceSortKey(), d.title(), d.otherTitles(), d.scope(), d.notes(), d.context(), d.creators(),
                d.subjects(), d.carrier(), d.hasDigitalObject(), d.yearFrom(), d.yearTo(), d.dateFrom(), d.sequence(),
                d.facts(), checksum);
    }

    /** The text of the document of these components, as {@link #text} (so {@link #of} needs no draft document). */
    private static void appendText(StringBuilder b, DescriptionId id, InstitutionCode institution,
            @Nullable DescriptionId parent, List<DescriptionId> path, Level level, @Nullable String referenceCode,
            @Nullable String referenceSortKey, String title, List<String> otherTitles, @Nullable String scope,
            @Nullable String notes, List<String> context, List<String> creators, List<String> subjects,
            String carrier, boolean hasDigitalObject, @Nullable Integer yearFrom, @Nullable Integer yearTo,
            @Nullable LocalDate dateFrom, int sequence, AccessFacts f, String checksum) {
        b.append("IndexDocument[id=").append(id)
                .append(", institution=").append(institution)
                .append(", parent=").append(parent)
                .append(", path=");
        list(b, path);
        b.append(", level=").append(level)
                .append(", referenceCode=").append(referenceCode)
                .append(", referenceSortKey=").append(referenceSortKey)
                .append(", title=").append(title)
                .append(", otherTitles=");
        list(b, otherTitles);
        b.append(", scope=").append(scope)
                .append(", notes=").append(notes)
                .append(", context=");
        list(b, context);
        b.append(", creators=");
        list(b, creators);
        b.append(", subjects=");
        list(b, subjects);
        b.append(", carrier=").append(carrier)
                .append(", hasDigitalObject=").append(hasDigitalObject)
                .append(", yearFrom=").append(yearFrom)
                .append(", yearTo=").append(yearTo)
                .append(", dateFrom=").append(dateFrom)
                .append(", sequence=").append(sequence)
                .append(", facts=AccessFacts[staticLevel=").append(f.staticLevel())
                .append(", restrictedUntil=").append(f.restrictedUntil())
                .append(", campusUntil=").append(f.campusUntil())
                .append(", isPublished=").append(f.isPublished())
                .append(", isClassified=").append(f.isClassified())
                .append("], checksum=").append(checksum).append(']');
    }

    /** {@code list.toString()}: the elements' string forms in brackets, separated by ", ". */
    private static void list(StringBuilder b, List<?> list) {
        b.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) b.append(", ");
            b.append(list.get(i));
        }
        b.append(']');
    }
}
