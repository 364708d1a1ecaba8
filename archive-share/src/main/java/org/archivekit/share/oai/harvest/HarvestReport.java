package org.archivekit.share.oai.harvest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.archivekit.core.model.InstitutionCode;
import org.jspecify.annotations.Nullable;

/**
 * What one harvest did: pages read, records created, updated, left unchanged and withdrawn, and those skipped with
 * the reason.
 *
 * @param baseUrl the partner's base URL
 * @param institution the institution the records went into
 * @param from the lower bound asked for, or {@code null} for everything
 * @param responseDate the partner's clock at the start of the harvest (the next incremental harvest starts there),
 *     or {@code null} when no response was read
 * @param pages list responses applied
 * @param created records stored for the first time
 * @param updated records whose content changed (including re-published ones the partner had deleted before)
 * @param unchanged records harvested again with the same content (not rewritten)
 * @param withdrawn records set to WITHDRAWN because the partner reports them deleted
 * @param skippedCount records not stored, in all
 * @param skipped the first {@value #MAX_SKIPPED_LISTED} of them with the reason
 * @param retries requests repeated after a timeout, a 5xx or a 503
 * @param complete whether the partner's list was read to its end (the incremental state then moved on)
 * @since 0.1
 */
public record HarvestReport(URI baseUrl, InstitutionCode institution, @Nullable String from,
        @Nullable Instant responseDate, int pages, long created, long updated, long unchanged, long withdrawn,
        long skippedCount, List<Skipped> skipped, int retries, boolean complete) {

    /** How many skipped records are listed one by one. */
    public static final int MAX_SKIPPED_LISTED = 1000;

    public HarvestReport {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(institution, "institution");
        skipped = List.copyOf(skipped);
    }

    /**
     * A record that was not stored, and why.
     *
     * @param identifier the partner's OAI identifier
     * @param reason why it was skipped
     */
    public record Skipped(String identifier, String reason) {
        @Override
        public String toString() {
            return identifier + ": " + reason;
        }
    }

    /** One line for people: {@code 3 pages: 10 created, 2 updated, 0 unchanged, 1 withdrawn, 0 skipped}. */
    public String summary() {
        return pages + (pages == 1 ? " page" : " pages") + ": " + created + " created, " + updated + " updated, "
                + unchanged + " unchanged, " + withdrawn + " withdrawn, " + skippedCount + " skipped"
                + (retries > 0 ? ", " + retries + (retries == 1 ? " retry" : " retries") : "")
                + (complete ? "" : " (incomplete)");
    }
}
