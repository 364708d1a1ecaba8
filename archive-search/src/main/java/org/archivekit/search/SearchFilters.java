package org.archivekit.search;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Carrier;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.jspecify.annotations.Nullable;

/**
 * Filters narrowing a search; values within one filter are alternatives, different filters all apply. Empty means
 * no filter.
 *
 * @param institutions only these institutions
 * @param within only records below (or equal to) one of these records: a fonds, a series, a file
 * @param levels only these levels
 * @param yearFrom only records whose dates reach this year or later, or {@code null}
 * @param yearTo only records whose dates begin this year or earlier, or {@code null}
 * @param creators only records with one of these creators (exact name)
 * @param subjects only records with one of these subject terms (exact)
 * @param carriers only these carriers
 * @param hasDigitalObject only records with (true) or without (false) digital files, or {@code null}
 * @param accessLevels only records whose effective level now is one of these; staff and administrators only
 * @since 0.1
 */
public record SearchFilters(Set<InstitutionCode> institutions, Set<DescriptionId> within, Set<Level> levels,
        @Nullable Integer yearFrom, @Nullable Integer yearTo, Set<String> creators, Set<String> subjects,
        Set<Carrier> carriers, @Nullable Boolean hasDigitalObject, Set<AccessLevel> accessLevels) {

    /** No filter. */
    public static final SearchFilters NONE = builder().build();

    public SearchFilters {
        institutions = Set.copyOf(institutions);
        within = Set.copyOf(within);
        levels = Set.copyOf(levels);
        creators = Set.copyOf(creators);
        subjects = Set.copyOf(subjects);
        carriers = Set.copyOf(carriers);
        accessLevels = Set.copyOf(accessLevels);
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            throw new IllegalArgumentException("yearFrom " + yearFrom + " is after yearTo " + yearTo);
        }
    }

    /** Starts a set of filters. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SearchFilters}; not thread-safe. */
    public static final class Builder {
        private final Set<InstitutionCode> institutions = new LinkedHashSet<>();
        private final Set<DescriptionId> within = new LinkedHashSet<>();
        private final Set<Level> levels = new LinkedHashSet<>();
        private @Nullable Integer yearFrom;
        private @Nullable Integer yearTo;
        private final Set<String> creators = new LinkedHashSet<>();
        private final Set<String> subjects = new LinkedHashSet<>();
        private final Set<Carrier> carriers = new LinkedHashSet<>();
        private @Nullable Boolean hasDigitalObject;
        private final Set<AccessLevel> accessLevels = new LinkedHashSet<>();

        private Builder() {}

        /** Adds an institution. */
        public Builder institution(InstitutionCode code) {
            institutions.add(Objects.requireNonNull(code, "code"));
            return this;
        }

        /** Adds a record (fonds, series, file) to search below. */
        public Builder within(DescriptionId id) {
            within.add(Objects.requireNonNull(id, "id"));
            return this;
        }

        /** Adds a level. */
        public Builder level(Level level) {
            levels.add(Objects.requireNonNull(level, "level"));
            return this;
        }

        /** Sets the year range; either end may be {@code null}. */
        public Builder years(@Nullable Integer from, @Nullable Integer to) {
            this.yearFrom = from;
            this.yearTo = to;
            return this;
        }

        /** Adds a creator name. */
        public Builder creator(String name) {
            creators.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** Adds a subject term. */
        public Builder subject(String term) {
            subjects.add(Objects.requireNonNull(term, "term"));
            return this;
        }

        /** Adds a carrier. */
        public Builder carrier(Carrier carrier) {
            carriers.add(Objects.requireNonNull(carrier, "carrier"));
            return this;
        }

        /** Only records with or without digital files; {@code null} for both. */
        public Builder hasDigitalObject(@Nullable Boolean has) {
            this.hasDigitalObject = has;
            return this;
        }

        /** Adds an effective access level (staff only). */
        public Builder accessLevel(AccessLevel level) {
            accessLevels.add(Objects.requireNonNull(level, "level"));
            return this;
        }

        /** The filters. */
        public SearchFilters build() {
            return new SearchFilters(institutions, within, levels, yearFrom, yearTo, creators, subjects, carriers,
                    hasDigitalObject, accessLevels);
        }
    }
}
