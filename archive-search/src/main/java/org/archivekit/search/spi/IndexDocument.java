package org.archivekit.search.spi;

import java.util.List;
import java.util.Objects;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.jspecify.annotations.Nullable;

/**
 * One record as a backend indexes it: searchable text, filter and sort values, and the access facts; built by
 * the search service from the store (never by a backend), so every backend indexes the same thing.
 *
 * @param id the record's id
 * @param institution its institution
 * @param parent its parent, or {@code null} for a fonds
 * @param path ids from the fonds down to the record itself
 * @param level its level
 * @param referenceCode its reference code (档号) as written, or {@code null}
 * @param referenceSortKey the code's natural-order key ({@code ReferenceCode.sortKey()}), or {@code null}
 * @param title its title
 * @param otherTitles parallel titles
 * @param scope the scope and content note, or {@code null}
 * @param notes other descriptive text (arrangement, classification, notes, custom fields), or {@code null}
 * @param context titles and codes of its ancestors, fonds first (so an item is found by its fonds or series)
 * @param creators names of its creators (形成者) and other agents
 * @param subjects its subject terms
 * @param carrier the carrier's name ({@code PAPER}, ...)
 * @param hasDigitalObject whether digital files are attached
 * @param yearFrom the first year of its dates, or {@code null} when undated
 * @param yearTo the last year of its dates, or {@code null} when undated or open-ended
 * @param dateFrom the first day of its dates (the last when only that is known), or {@code null} when undated;
 *     the date order sorts by it
 * @param sequence its position among siblings
 * @param facts the access facts over the record and its ancestors
 * @param checksum a digest of everything above, for consistency checks
 * @since 0.1
 */
public record IndexDocument(DescriptionId id, InstitutionCode institution, @Nullable DescriptionId parent,
        List<DescriptionId> path, Level level, @Nullable String referenceCode, @Nullable String referenceSortKey,
        String title, List<String> otherTitles, @Nullable String scope, @Nullable String notes, List<String> context,
        List<String> creators, List<String> subjects, String carrier, boolean hasDigitalObject,
        @Nullable Integer yearFrom, @Nullable Integer yearTo, java.time.@Nullable LocalDate dateFrom, int sequence,
        AccessFacts facts, String checksum) {
    public IndexDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(institution, "institution");
        path = List.copyOf(path);
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(title, "title");
        otherTitles = List.copyOf(otherTitles);
        context = List.copyOf(context);
        creators = List.copyOf(creators);
        subjects = List.copyOf(subjects);
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(checksum, "checksum");
        if (path.isEmpty() || !path.get(path.size() - 1).equals(id)) {
            throw new IllegalArgumentException("path of '" + id + "' must end with the record itself");
        }
    }
}
