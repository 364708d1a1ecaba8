package org.archivekit.share.bagit;

import java.util.List;

/**
 * What a bag export wrote.
 *
 * @param records how many records the bag holds
 * @param files how many of their files it holds
 * @param fileBytes the size of those files together
 * @param missingFiles how many files the records list but the digital objects do not hold (records imported with
 *     file lists from elsewhere): the bagged records leave them out, and {@code data/metadata/missing-files.txt}
 *     names each one
 * @param missingExamples the first few of those, as {@code RECORD/FILE}
 * @since 0.2
 */
public record BagExport(long records, long files, long fileBytes, long missingFiles, List<String> missingExamples) {
    public BagExport {
        missingExamples = List.copyOf(missingExamples);
    }
}
