package org.archivekit.search;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.archivekit.core.RecordView;

/**
 * One search hit as the caller may see it: the record (with reference code, title, dates, level), its effective
 * level and its visible breadcrumb (fonds › series › file), plus highlighted fragments.
 *
 * @param view the record as the caller sees it now (re-checked against the store)
 * @param score relevance score (0 unless sorted by relevance)
 * @param highlights fragments of the record's own fields by name ({@code title}, {@code scope}, {@code creator},
 *     {@code subject}, {@code notes}), matches between 【 and 】
 * @since 0.1
 */
public record SearchHit(RecordView view, float score, Map<String, List<String>> highlights) {
    public SearchHit {
        Objects.requireNonNull(view, "view");
        highlights = Map.copyOf(highlights);
    }
}
