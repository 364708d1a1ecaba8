package org.archivekit.search.internal;

import java.nio.charset.StandardCharsets;
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
        Description d = chain.get(chain.size() - 1);
        AccessFacts facts = facts(chain);
        List<DescriptionId> path = new ArrayList<>(chain.size());
        List<String> context = new ArrayList<>();
        for (Description a : chain) {
            path.add(a.id());
            if (a == d) continue;
            if (a.referenceCode() != null) context.add(a.referenceCode().value());
            context.add(a.title().text());
            for (Title t : a.parallelTitles()) context.add(t.text());
        }
        List<String> otherTitles = d.parallelTitles().stream().map(Title::text).toList();
        List<String> creators = d.agents().stream().map(Agent::name).distinct().toList();
        ArchivalDate hull = d.dateHull();
        Integer from = hull == null || hull.begin() == null ? null : hull.begin().getYear();
        Integer to = hull == null ? null : hull.end() == null ? (hull.begin() == null ? null : Integer.valueOf(9999))
                : Integer.valueOf(hull.end().getYear());
        if (from == null && hull != null && hull.end() != null) from = hull.end().getYear();
        IndexDocument draft = new IndexDocument(d.id(), d.institution(), d.parent(), path, d.level(),
                d.referenceCode() == null ? null : d.referenceCode().value(),
                d.referenceCode() == null ? null : d.referenceCode().sortKey(), d.title().text(), otherTitles,
                d.scopeAndContent(), notes(d), context, creators, d.subjects(), d.carrier().name(),
                !d.digitalObjects().isEmpty(), from, to, d.sequence(), facts, "");
        return new IndexDocument(draft.id(), draft.institution(), draft.parent(), draft.path(), draft.level(),
                draft.referenceCode(), draft.referenceSortKey(), draft.title(), draft.otherTitles(), draft.scope(),
                draft.notes(), draft.context(), draft.creators(), draft.subjects(), draft.carrier(),
                draft.hasDigitalObject(), draft.yearFrom(), draft.yearTo(), draft.sequence(), draft.facts(),
                sha256(draft.toString()));
    }

    /** The access facts of the last record of {@code chain}, valid at every instant. */
    public AccessFacts facts(List<Description> chain) {
        Lineage timeless = null;
        long restrictedUntil = Long.MIN_VALUE;
        long campusUntil = Long.MIN_VALUE;
        for (Description a : chain) {
            // at the end of time every embargo has ended and every reachable opening date is reached
            timeless = timeless == null ? policy.root(a, Instant.MAX) : policy.child(timeless, a);
            Instant embargo = a.access().embargoUntil();
            if (embargo != null) restrictedUntil = Math.max(restrictedUntil, ceilMillis(embargo));
            Optional<LocalDate> opening = policy.openingDate(a);
            if (opening.isPresent()) {
                long at = opening.get().equals(LocalDate.MAX) ? Long.MAX_VALUE
                        : opening.get().atStartOfDay(policy.zone()).toInstant().toEpochMilli();
                campusUntil = Math.max(campusUntil, at);
            }
        }
        return new AccessFacts(timeless.effectiveLevel(), restrictedUntil, campusUntil, timeless.isPublished(),
                timeless.isClassified());
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

    private static String sha256(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
