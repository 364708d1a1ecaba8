package org.archivekit.core;

import java.util.List;
import java.util.Objects;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.ReferenceCode;
import org.jspecify.annotations.Nullable;

/**
 * A record as one caller sees it: the description, its effective access level now, and its breadcrumb.
 *
 * @param description the record
 * @param effectiveLevel its effective access level at the time of the read
 * @param breadcrumb the ancestors the caller may see, fonds first; an ancestor the caller may not see (possible
 *     only through a grant) is left out
 * @since 0.1
 */
public record RecordView(Description description, AccessLevel effectiveLevel, List<Crumb> breadcrumb) {
    public RecordView {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(effectiveLevel, "effectiveLevel");
        breadcrumb = List.copyOf(breadcrumb);
    }

    /** The record's id. */
    public DescriptionId id() {
        return description.id();
    }

    /**
     * The record's parent if the caller may see it, else {@code null}: {@code null} for a fonds, and for a record
     * the caller reaches only through a grant on it while its parent stays hidden. Outward forms (JSON, CSV,
     * JSON-LD, bags) name the parent only through this, so a hidden parent's id never leaves.
     */
    public @Nullable DescriptionId visibleParent() {
        DescriptionId parent = description.parent();
        if (parent == null || breadcrumb.isEmpty()) return null;
        return breadcrumb.get(breadcrumb.size() - 1).id().equals(parent) ? parent : null;
    }

    /**
     * One step of a breadcrumb.
     *
     * @param id the ancestor's id
     * @param level its level
     * @param referenceCode its reference code, or {@code null}
     * @param title its title text
     */
    public record Crumb(DescriptionId id, Level level, @Nullable ReferenceCode referenceCode, String title) {
        /** The crumb of {@code d}. */
        public static Crumb of(Description d) {
            return new Crumb(d.id(), d.level(), d.referenceCode(), d.title().text());
        }
    }
}
