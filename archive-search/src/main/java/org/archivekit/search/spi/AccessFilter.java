package org.archivekit.search.spi;

import java.util.Objects;
import java.util.Set;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.InstitutionCode;

/**
 * Which records one caller may see at one instant, in terms of indexed {@link AccessFacts}; a backend applies it
 * inside every query (never as a post-filter), so totals and counts only ever cover visible records.
 *
 * <p>A record is visible when any of these holds, with {@code level(t)} as in {@link AccessFacts#levelAt}:
 * <ol>
 *   <li>it is published and {@code level(now) <= PUBLIC};</li>
 *   <li>its institution is one of {@code members} (any institution when {@code allInstitutions}),
 *       {@code level(now) <= memberClearance}, and it is published or {@code membersSeeUnpublished};</li>
 *   <li>it is published, not classified, and its path (itself and its ancestors) holds one of {@code grants}.</li>
 * </ol>
 * Records matched only through rule 3 must not match on the context of their ancestors (see
 * {@link QueryNode} fields), since a grant does not open the ancestors above the granted record.
 *
 * @param nowMillis the instant of the decision, epoch milliseconds
 * @param members the institutions where the caller has {@code memberClearance}
 * @param allInstitutions whether the caller is a member everywhere (a global administrator)
 * @param memberClearance the caller's clearance in its institutions
 * @param membersSeeUnpublished whether the caller is staff (sees drafts and withdrawn records of its institutions)
 * @param grants records granted to the caller and still active at {@code nowMillis}
 * @param isUnrestricted whether to skip every check (index maintenance only; never for a caller's query)
 * @since 0.1
 */
public record AccessFilter(long nowMillis, Set<InstitutionCode> members, boolean allInstitutions,
        AccessLevel memberClearance, boolean membersSeeUnpublished, Set<DescriptionId> grants,
        boolean isUnrestricted) {
    public AccessFilter {
        members = Set.copyOf(members);
        Objects.requireNonNull(memberClearance, "memberClearance");
        grants = Set.copyOf(grants);
    }

    /** A filter that lets everything through, for index maintenance (consistency checks, counts). */
    public static AccessFilter unrestricted(long nowMillis) {
        return new AccessFilter(nowMillis, Set.of(), true, AccessLevel.CONFIDENTIAL, true, Set.of(), true);
    }

    /**
     * Whether a record with {@code facts}, {@code institution} and {@code path} passes; the reference semantics
     * every backend must reproduce in its query language.
     */
    public boolean admits(AccessFacts facts, InstitutionCode institution, Iterable<DescriptionId> path) {
        if (isUnrestricted) return true;
        AccessLevel level = facts.levelAt(nowMillis);
        if (facts.isPublished() && level == AccessLevel.PUBLIC) return true;
        if ((allInstitutions || members.contains(institution)) && level.compareTo(memberClearance) <= 0
                && (facts.isPublished() || membersSeeUnpublished)) {
            return true;
        }
        return admitsByGrant(facts, path);
    }

    /** Whether rule 3 (a grant) admits the record. */
    public boolean admitsByGrant(AccessFacts facts, Iterable<DescriptionId> path) {
        if (!facts.isPublished() || facts.isClassified() || grants.isEmpty()) return false;
        for (DescriptionId id : path) {
            if (grants.contains(id)) return true;
        }
        return false;
    }
}
