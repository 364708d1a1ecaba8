package org.archivekit.share.csv;

import java.util.List;
import org.archivekit.core.InvalidRequestException.Violation;

/**
 * What a CSV import did: how many rows became records, and the rows skipped (only when skipping was asked), each
 * naming its row and column.
 *
 * @param imported records stored
 * @param skipped the problems of the rows not imported, in row order
 * @since 0.1
 */
public record CsvImportResult(long imported, List<Violation> skipped) {
    public CsvImportResult {
        skipped = List.copyOf(skipped);
    }
}
