package org.archivekit.search.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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

    /** Per thread: the checksum text's buffer and its characters, reused from record to record. */
    private static final class Scratch {
        final StringBuilder text = new StringBuilder(2048);
        char[] chars = new char[2048];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** The checksum of {@code draft} (its own checksum ignored), as {@link #of} takes it. */
    static String checksum(IndexDocument draft) {
        Scratch s = SCRATCH.get();
        s.text.setLength(0);
        appendText(s.text, draft, "");
        return digest(s);
    }

    /**
     * The checksum of {@code s.text}: MurmurHash3 (x64, 128 bits, seed 0) of its UTF-16 code units taken as
     * little-endian bytes, the two halves' bytes little-endian in hex. A consistency check needs a digest that is
     * deterministic and changes whenever the document does, not a cryptographic one: SHA-256 of the UTF-8 (layouts
     * 1 to 3) cost more than the rest of building a document, and this reads the characters as they are.
     */
    private static String digest(Scratch s) {
        int len = s.text.length();
        if (s.chars.length < len) s.chars = new char[Math.max(len, 2 * s.chars.length)];
        s.text.getChars(0, len, s.chars, 0);
        return murmur3(s.chars, len);
    }

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    /** MurmurHash3 x64 128 (seed 0) of the UTF-16LE bytes of {@code c[0..len)}, as 32 hex digits. */
    static String murmur3(char[] c, int len) {
        long h1 = 0;
        long h2 = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) { // a 16-byte block: 8 characters
            long k1 = c[i] | (long) c[i + 1] << 16 | (long) c[i + 2] << 32 | (long) c[i + 3] << 48;
            long k2 = c[i + 4] | (long) c[i + 5] << 16 | (long) c[i + 6] << 32 | (long) c[i + 7] << 48;
            h1 ^= mix1(k1);
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mix2(k2);
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int rest = len - i; // 0 to 7 characters: up to 14 bytes
        if (rest > 4) {
            long k2 = 0;
            for (int j = rest - 1; j >= 4; j--) k2 = k2 << 16 | c[i + j];
            h2 ^= mix2(k2);
        }
        if (rest > 0) {
            long k1 = 0;
            for (int j = Math.min(rest, 4) - 1; j >= 0; j--) k1 = k1 << 16 | c[i + j];
            h1 ^= mix1(k1);
        }
        long bytes = 2L * len;
        h1 ^= bytes;
        h2 ^= bytes;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        char[] hex = new char[32];
        hex(h1, hex, 0);
        hex(h2, hex, 16);
        return new String(hex);
    }

    private static long mix1(long k) {
        return Long.rotateLeft(k * C1, 31) * C2;
    }

    private static long mix2(long k) {
        return Long.rotateLeft(k * C2, 33) * C1;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    /** The 8 bytes of {@code h}, least significant first, as 16 hex digits at {@code at}. */
    private static void hex(long h, char[] out, int at) {
        for (int b = 0; b < 8; b++) {
            int v = (int) (h >>> (8 * b)) & 0xff;
            out[at + 2 * b] = DIGITS[v >>> 4];
            out[at + 2 * b + 1] = DIGITS[v & 0xf];
        }
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
