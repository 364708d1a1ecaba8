package org.archivekit.core.access;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.InstitutionCode;

/**
 * Who is asking: the anonymous public, a campus member, archive staff with a clearance, or an administrator;
 * scoped to institutions, with optional per-record grants.
 *
 * <p>Outside its institutions a campus member or staff member is treated as the public. An administrator with an
 * empty institution set administers every institution.
 *
 * @param id a stable id for the audit log ({@code anonymous} for the public)
 * @param kind what kind of caller
 * @param clearance the most restrictive level the principal may see in its institutions
 * @param institutions the institutions the principal belongs to; empty for the public and for a global admin
 * @param grants per-record grants, each with its own expiry
 * @since 0.1
 */
public record Principal(String id, Kind kind, AccessLevel clearance, Set<InstitutionCode> institutions,
        List<Grant> grants) {

    /** The kinds of caller. */
    public enum Kind {
        /** 公众: anyone, not signed in. */
        PUBLIC,
        /** 校内: a signed-in member of the institution's campus. */
        CAMPUS,
        /** 档案馆工作人员: archive staff. */
        STAFF,
        /** 管理员: administrator. */
        ADMIN
    }

    private static final Principal ANONYMOUS =
            new Principal("anonymous", Kind.PUBLIC, AccessLevel.PUBLIC, Set.of(), List.of());

    public Principal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(clearance, "clearance");
        institutions = Set.copyOf(institutions);
        grants = List.copyOf(grants);
        if (id.isBlank()) throw new IllegalArgumentException("principal id is blank");
        AccessLevel max = switch (kind) {
            case PUBLIC -> AccessLevel.PUBLIC;
            case CAMPUS -> AccessLevel.CAMPUS;
            case STAFF, ADMIN -> AccessLevel.CONFIDENTIAL;
        };
        if (clearance.compareTo(max) > 0) {
            throw new IllegalArgumentException("a " + kind + " principal cannot hold clearance " + clearance);
        }
        if ((kind == Kind.CAMPUS || kind == Kind.STAFF) && institutions.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " principal must belong to at least one institution");
        }
    }

    /** The anonymous public. */
    public static Principal anonymous() {
        return ANONYMOUS;
    }

    /** A campus member of {@code institutions}; sees PUBLIC and CAMPUS records there. */
    public static Principal campus(String id, InstitutionCode... institutions) {
        return new Principal(id, Kind.CAMPUS, AccessLevel.CAMPUS, Set.of(institutions), List.of());
    }

    /** Staff of {@code institutions} cleared up to {@code clearance}; sees drafts and withdrawn records too. */
    public static Principal staff(String id, AccessLevel clearance, InstitutionCode... institutions) {
        return new Principal(id, Kind.STAFF, clearance, Set.of(institutions), List.of());
    }

    /** An administrator of {@code institutions}, or of every institution when none is named; sees everything. */
    public static Principal admin(String id, InstitutionCode... institutions) {
        return new Principal(id, Kind.ADMIN, AccessLevel.CONFIDENTIAL, Set.of(institutions), List.of());
    }

    /** A copy with one more grant. */
    public Principal withGrant(Grant grant) {
        Objects.requireNonNull(grant, "grant");
        List<Grant> more = new java.util.ArrayList<>(grants);
        more.add(grant);
        return new Principal(id, kind, clearance, institutions, more);
    }

    /** Whether the principal belongs to {@code institution} (a global administrator belongs to all). */
    public boolean belongsTo(InstitutionCode institution) {
        return switch (kind) {
            case PUBLIC -> false;
            case ADMIN -> institutions.isEmpty() || institutions.contains(institution);
            case CAMPUS, STAFF -> institutions.contains(institution);
        };
    }

    /** Whether the principal is staff or an administrator (may see drafts and write). */
    public boolean isStaff() {
        return kind == Kind.STAFF || kind == Kind.ADMIN;
    }
}
