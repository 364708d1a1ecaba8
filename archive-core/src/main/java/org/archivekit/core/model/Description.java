package org.archivekit.core.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One unit of archival description at any level, fonds to item, with the elements of ISAD(G) and DA/T 18.
 *
 * <p>Immutable. Build one with {@link #builder()} or change a copy with {@link #toBuilder()}. The constructor
 * enforces what must always hold (required parts, unmodifiable lists, custom-field keys, fonds are roots); length
 * limits are Jakarta constraints checked once at the public entry point ({@code Archive}), which reports all
 * violations together.
 *
 * @param id the record's id
 * @param institution the institution holding it
 * @param parent the parent record, or {@code null} for a fonds
 * @param level level of description
 * @param referenceCode 档号, or {@code null} when none is assigned
 * @param title the title proper, with its language
 * @param parallelTitles parallel titles in other languages (zh/en)
 * @param dates dates of the material, each with its original expression
 * @param agents creators and other agents with their roles
 * @param extents extent and medium
 * @param scopeAndContent scope and content (ISAD(G) 3.3.1)
 * @param arrangement system of arrangement (3.3.4)
 * @param languages languages of the material, as BCP 47 tags
 * @param subjects subjects and keywords (主题词)
 * @param classification classification number (分类号)
 * @param location physical location and container
 * @param carrier the carrier
 * @param notes the ISAD(G) notes
 * @param customFields fields of the institution's own, by key; sorted by key
 * @param retention retention period (保管期限) and disposal review, or {@code null}
 * @param access the access elements as recorded
 * @param digitalObjects attached digital files
 * @param status draft, published or withdrawn
 * @param sequence position among its siblings; siblings sort by sequence, then reference code, then id
 * @param info version and who/when, kept by the store
 * @since 0.1
 */
public record Description(
        DescriptionId id,
        InstitutionCode institution,
        @Nullable DescriptionId parent,
        Level level,
        @Nullable ReferenceCode referenceCode,
        @Valid Title title,
        @Valid @Size(max = 20) List<Title> parallelTitles,
        @Size(max = 50) List<ArchivalDate> dates,
        @Valid @Size(max = 500) List<Agent> agents,
        @Valid @Size(max = 50) List<Extent> extents,
        @Size(max = 1_000_000) @Nullable String scopeAndContent,
        @Size(max = 100_000) @Nullable String arrangement,
        @Size(max = 50) List<String> languages,
        @Size(max = 500) List<String> subjects,
        @Size(max = 200) @Nullable String classification,
        @Valid Location location,
        Carrier carrier,
        @Valid Notes notes,
        @Size(max = 200) Map<String, String> customFields,
        @Nullable Retention retention,
        Access access,
        @Valid @Size(max = 10_000) List<DigitalObjectRef> digitalObjects,
        LifecycleStatus status,
        int sequence,
        RecordInfo info) {

    private static final Pattern CUSTOM_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    public Description {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(info, "info");
        parallelTitles = List.copyOf(parallelTitles);
        dates = List.copyOf(dates);
        agents = List.copyOf(agents);
        extents = List.copyOf(extents);
        languages = List.copyOf(languages);
        subjects = List.copyOf(subjects);
        digitalObjects = List.copyOf(digitalObjects);
        for (String k : customFields.keySet()) {
            if (!CUSTOM_KEY.matcher(k).matches()) {
                throw new IllegalArgumentException("custom field key '" + k
                        + "' must be 1-64 characters of A-Z a-z 0-9 _ . - starting with a letter");
            }
        }
        customFields = Collections.unmodifiableMap(new TreeMap<>(customFields));
        if (parent != null && parent.equals(id)) {
            throw new IllegalArgumentException("record '" + id + "' cannot be its own parent");
        }
        if (parent == null && !level.mayBeRoot()) {
            throw new IllegalArgumentException("record '" + id + "' is a " + level + " without a parent; only a fonds"
                    + " may be a root");
        }
        if (parent != null && level == Level.FONDS) {
            throw new IllegalArgumentException("fonds '" + id + "' cannot have a parent");
        }
    }

    /** Starts a new description; id, institution, level and title are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this description's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.institution = institution;
        b.parent = parent;
        b.level = level;
        b.referenceCode = referenceCode;
        b.title = title;
        b.parallelTitles = parallelTitles;
        b.dates = dates;
        b.agents = agents;
        b.extents = extents;
        b.scopeAndContent = scopeAndContent;
        b.arrangement = arrangement;
        b.languages = languages;
        b.subjects = subjects;
        b.classification = classification;
        b.location = location;
        b.carrier = carrier;
        b.notes = notes;
        b.customFields = customFields;
        b.retention = retention;
        b.access = access;
        b.digitalObjects = digitalObjects;
        b.status = status;
        b.sequence = sequence;
        b.info = info;
        return b;
    }

    /** The version, a shortcut for {@code info().version()}. */
    public long version() {
        return info.version();
    }

    /** The first date's begin..end hull over all dates, or {@code null} when undated. */
    public @Nullable ArchivalDate dateHull() {
        java.time.LocalDate begin = null;
        java.time.LocalDate end = null;
        boolean openBegin = false;
        boolean openEnd = false;
        for (ArchivalDate d : dates) {
            if (d.begin() == null) openBegin = true;
            else if (begin == null || d.begin().isBefore(begin)) begin = d.begin();
            if (d.end() == null) openEnd = true;
            else if (end == null || d.end().isAfter(end)) end = d.end();
        }
        if (dates.isEmpty()) return null;
        if (dates.size() == 1) return dates.get(0);
        return new ArchivalDate(dates.get(0).expression(), openBegin ? null : begin, openEnd ? null : end,
                dates.stream().anyMatch(ArchivalDate::approximate));
    }

    /**
     * Collects the parts of a {@link Description}; not thread-safe. Optional parts default to empty values.
     */
    public static final class Builder {
        private @Nullable DescriptionId id;
        private @Nullable InstitutionCode institution;
        private @Nullable DescriptionId parent = null;
        private @Nullable Level level;
        private @Nullable ReferenceCode referenceCode = null;
        private @Nullable Title title;
        private List<Title> parallelTitles = List.of();
        private List<ArchivalDate> dates = List.of();
        private List<Agent> agents = List.of();
        private List<Extent> extents = List.of();
        private @Nullable String scopeAndContent = null;
        private @Nullable String arrangement = null;
        private List<String> languages = List.of();
        private List<String> subjects = List.of();
        private @Nullable String classification = null;
        private Location location = Location.NONE;
        private Carrier carrier = Carrier.PAPER;
        private Notes notes = Notes.NONE;
        private Map<String, String> customFields = Map.of();
        private @Nullable Retention retention = null;
        private Access access = Access.PUBLIC;
        private List<DigitalObjectRef> digitalObjects = List.of();
        private LifecycleStatus status = LifecycleStatus.PUBLISHED;
        private int sequence = 0;
        private RecordInfo info = RecordInfo.NEW;

        private Builder() {}

        /** Sets the record's id. */
        public Builder id(DescriptionId id) {
            this.id = id;
            return this;
        }

        /** Sets the institution holding it. */
        public Builder institution(InstitutionCode institution) {
            this.institution = institution;
            return this;
        }

        /** Sets the parent record, or {@code null} for a fonds. */
        public Builder parent(@Nullable DescriptionId parent) {
            this.parent = parent;
            return this;
        }

        /** Sets level of description. */
        public Builder level(Level level) {
            this.level = level;
            return this;
        }

        /** Sets 档号, or {@code null} when none is assigned. */
        public Builder referenceCode(@Nullable ReferenceCode referenceCode) {
            this.referenceCode = referenceCode;
            return this;
        }

        /** Sets the title proper, with its language. */
        public Builder title(Title title) {
            this.title = title;
            return this;
        }

        /** Sets parallel titles in other languages (zh/en). */
        public Builder parallelTitles(List<Title> parallelTitles) {
            this.parallelTitles = parallelTitles;
            return this;
        }

        /** Sets dates of the material, each with its original expression. */
        public Builder dates(List<ArchivalDate> dates) {
            this.dates = dates;
            return this;
        }

        /** Sets creators and other agents with their roles. */
        public Builder agents(List<Agent> agents) {
            this.agents = agents;
            return this;
        }

        /** Sets extent and medium. */
        public Builder extents(List<Extent> extents) {
            this.extents = extents;
            return this;
        }

        /** Sets scope and content (ISAD(G) 3.3.1). */
        public Builder scopeAndContent(@Nullable String scopeAndContent) {
            this.scopeAndContent = scopeAndContent;
            return this;
        }

        /** Sets system of arrangement (3.3.4). */
        public Builder arrangement(@Nullable String arrangement) {
            this.arrangement = arrangement;
            return this;
        }

        /** Sets languages of the material, as BCP 47 tags. */
        public Builder languages(List<String> languages) {
            this.languages = languages;
            return this;
        }

        /** Sets subjects and keywords (主题词). */
        public Builder subjects(List<String> subjects) {
            this.subjects = subjects;
            return this;
        }

        /** Sets classification number (分类号). */
        public Builder classification(@Nullable String classification) {
            this.classification = classification;
            return this;
        }

        /** Sets physical location and container. */
        public Builder location(Location location) {
            this.location = location;
            return this;
        }

        /** Sets the carrier. */
        public Builder carrier(Carrier carrier) {
            this.carrier = carrier;
            return this;
        }

        /** Sets the ISAD(G) notes. */
        public Builder notes(Notes notes) {
            this.notes = notes;
            return this;
        }

        /** Sets fields of the institution's own, by key; sorted by key. */
        public Builder customFields(Map<String, String> customFields) {
            this.customFields = customFields;
            return this;
        }

        /** Sets retention period (保管期限) and disposal review, or {@code null}. */
        public Builder retention(@Nullable Retention retention) {
            this.retention = retention;
            return this;
        }

        /** Sets the access elements as recorded. */
        public Builder access(Access access) {
            this.access = access;
            return this;
        }

        /** Sets attached digital files. */
        public Builder digitalObjects(List<DigitalObjectRef> digitalObjects) {
            this.digitalObjects = digitalObjects;
            return this;
        }

        /** Sets draft, published or withdrawn. */
        public Builder status(LifecycleStatus status) {
            this.status = status;
            return this;
        }

        /** Sets position among its siblings; siblings sort by sequence, then reference code, then id. */
        public Builder sequence(int sequence) {
            this.sequence = sequence;
            return this;
        }

        /** Sets version and who/when, kept by the store. */
        public Builder info(RecordInfo info) {
            this.info = info;
            return this;
        }

        /** Sets a Chinese title proper. */
        public Builder titleZh(String text) {
            return title(Title.zh(text));
        }

        /** Sets one custom field, keeping the others. */
        public Builder customField(String key, String value) {
            Map<String, String> m = new TreeMap<>(customFields);
            m.put(key, value);
            customFields = m;
            return this;
        }

        /**
         * Builds the description.
         *
         * @throws NullPointerException when id, institution, level or title is missing
         * @throws IllegalArgumentException when an invariant of the record is broken
         */
        public Description build() {
            return new Description(
                    Objects.requireNonNull(id, "id"),
                    Objects.requireNonNull(institution, "institution"),
                    parent,
                    Objects.requireNonNull(level, "level"),
                    referenceCode,
                    Objects.requireNonNull(title, "title"),
                    parallelTitles,
                    dates,
                    agents,
                    extents,
                    scopeAndContent,
                    arrangement,
                    languages,
                    subjects,
                    classification,
                    location,
                    carrier,
                    notes,
                    customFields,
                    retention,
                    access,
                    digitalObjects,
                    status,
                    sequence,
                    info);
        }
    }
}
