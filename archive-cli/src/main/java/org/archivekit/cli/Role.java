package org.archivekit.cli;

import java.util.List;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;

/** Who a command reads as ({@code --as}): the command line has no sign-in, so it plays one of four roles. */
enum Role {
    /** The anonymous public. */
    PUBLIC,
    /** A campus member of every institution in the store. */
    CAMPUS,
    /** Archive staff of every institution in the store, cleared up to restricted. */
    STAFF,
    /** A global administrator: sees everything. */
    ADMIN;

    /** The principal of this role for a store holding {@code institutions}. */
    Principal principal(List<Institution> institutions) {
        InstitutionCode[] codes = institutions.stream().map(Institution::code).toArray(InstitutionCode[]::new);
        return switch (this) {
            case PUBLIC -> Principal.anonymous();
            // campus members and staff belong somewhere; in an empty store there is nothing to belong to
            case CAMPUS -> codes.length == 0 ? Principal.anonymous() : Principal.campus("cli-campus", codes);
            case STAFF -> codes.length == 0 ? Principal.anonymous()
                    : Principal.staff("cli-staff", AccessLevel.RESTRICTED, codes);
            case ADMIN -> Principal.admin("cli-admin");
        };
    }
}
