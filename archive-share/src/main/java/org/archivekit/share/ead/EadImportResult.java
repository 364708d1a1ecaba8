package org.archivekit.share.ead;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Level;

/**
 * What one EAD file became: its format, the fonds created, components per level, and every element that was not
 * imported or was imported only partly, with counts and reasons.
 *
 * @param source the file or source name
 * @param format the detected EAD flavour
 * @param fonds the id of the fonds created
 * @param records how many records were created (the fonds included)
 * @param perLevel records per level of description
 * @param skipped elements skipped or kept only as text, with counts and reasons; sorted by element
 * @since 0.1
 */
public record EadImportResult(String source, EadFormat format, DescriptionId fonds, long records,
        Map<Level, Long> perLevel, List<Skipped> skipped) {

    public EadImportResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(fonds, "fonds");
        perLevel = Collections.unmodifiableMap(new EnumMap<>(perLevel.isEmpty() ? new EnumMap<>(Level.class)
                : perLevel));
        skipped = List.copyOf(skipped);
    }

    /** How many occurrences were skipped in total. */
    public long skippedCount() {
        return skipped.stream().mapToLong(Skipped::count).sum();
    }

    /**
     * One kind of element not imported (or imported only as text), how often, and why.
     *
     * @param element the element's local name, or a path such as {@code unitdate}
     * @param reason why, and where the content went if it was kept
     * @param count occurrences in the file
     */
    public record Skipped(String element, String reason, long count) {
        public Skipped {
            Objects.requireNonNull(element, "element");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return element + " ×" + count + " (" + reason + ")";
        }
    }

    /** A one-line summary: {@code source: format, N records (fonds 1, series 3, …), K skipped}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(source).append(": ").append(format.label()).append(", ").append(records).append(" records (");
        boolean first = true;
        for (Map.Entry<Level, Long> e : perLevel.entrySet()) {
            if (!first) sb.append(", ");
            first = false;
            sb.append(e.getKey().name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(e.getValue());
        }
        return sb.append("), ").append(skippedCount()).append(" skipped").toString();
    }
}
