package org.archivekit.search;

/**
 * What a consistency check between store and index found and repaired.
 *
 * @param storeRecords records in the store
 * @param indexedRecords records in the index before repair
 * @param missing records in the store but not in the index
 * @param extra records in the index but not in the store
 * @param stale records sampled whose indexed checksum differed from the store's current state
 * @param sampled how many records had their checksums compared
 * @param repaired how many records were reindexed or deleted
 * @since 0.1
 */
public record IndexReport(long storeRecords, long indexedRecords, long missing, long extra, long stale, long sampled,
        long repaired) {

    /** Whether store and index agreed. */
    public boolean isConsistent() {
        return missing == 0 && extra == 0 && stale == 0;
    }
}
