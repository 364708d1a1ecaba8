package org.archivekit.share.feed;

import java.util.Objects;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.InstitutionCode;

/**
 * Which records a feed follows: an institution's, a fonds' (with everything in it), or a subject's.
 *
 * @since 0.1
 */
public sealed interface FeedScope {
    /** All public records of an institution. */
    record Institution(InstitutionCode code) implements FeedScope {
        public Institution {
            Objects.requireNonNull(code, "code");
        }
    }

    /** The public records of a fonds, the fonds included. */
    record Fonds(DescriptionId fonds) implements FeedScope {
        public Fonds {
            Objects.requireNonNull(fonds, "fonds");
        }
    }

    /** The public records of an institution carrying a subject (exact match). */
    record Subject(InstitutionCode code, String subject) implements FeedScope {
        public Subject {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(subject, "subject");
            if (subject.isBlank()) throw new IllegalArgumentException("subject is blank");
        }
    }
}
