package org.archivekit.share.link;

import java.util.Optional;
import org.archivekit.core.access.Principal;

/**
 * Finds a principal as it is now, by id, so that a share link is re-checked against its issuer's current rights
 * at every use (a lowered clearance or a departed issuer stops the link). The host implements it over its own
 * user directory.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface PrincipalDirectory {
    /** The principal {@code id} as it is now, or empty when it no longer exists. */
    Optional<Principal> find(String id);
}
