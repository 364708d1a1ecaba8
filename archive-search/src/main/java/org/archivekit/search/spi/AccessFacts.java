package org.archivekit.search.spi;

import java.util.Objects;
import org.archivekit.core.model.AccessLevel;

/**
 * What a backend indexes per record so that visibility can be decided inside a query at any later instant, with
 * no reindexing when time passes.
 *
 * <p>The effective level at instant {@code t} is the strictest of {@code staticLevel}, RESTRICTED when
 * {@code t < restrictedUntil} and CAMPUS when {@code t < campusUntil} (times in epoch milliseconds, rounded up so
 * a sub-millisecond difference fails closed; {@link Long#MIN_VALUE} when nothing applies, {@link Long#MAX_VALUE}
 * for "never"). All are taken over the record and its ancestors.
 *
 * @param staticLevel the effective level once every embargo has ended and every opening date is reached
 * @param restrictedUntil the latest embargo end over the chain
 * @param campusUntil the latest opening instant over the chain
 * @param isPublished whether the record and every ancestor are published
 * @param isClassified whether the record or an ancestor carries a secrecy marking (no grant opens it)
 * @since 0.1
 */
public record AccessFacts(AccessLevel staticLevel, long restrictedUntil, long campusUntil, boolean isPublished,
        boolean isClassified) {
    public AccessFacts {
        Objects.requireNonNull(staticLevel, "staticLevel");
    }

    /** The effective level at {@code nowMillis}. */
    public AccessLevel levelAt(long nowMillis) {
        AccessLevel l = staticLevel;
        if (nowMillis < restrictedUntil) l = AccessLevel.strictest(l, AccessLevel.RESTRICTED);
        if (nowMillis < campusUntil) l = AccessLevel.strictest(l, AccessLevel.CAMPUS);
        return l;
    }
}
