package org.archivekit.core.objects;

import java.util.List;

/**
 * The outcome of a fixity audit ({@link DigitalObjects#verify}), in Archivematica's words: files whose bytes
 * {@code changed}, files that are {@code missing}, files that are {@code untracked}; plus objects that break the
 * OCFL specification and disagreements between the descriptions and their objects.
 *
 * @param objects how many objects were audited
 * @param files how many files were re-hashed
 * @param changed files whose content no longer matches its digests, as {@code record-id/file-name: detail}
 * @param missing files a description lists that its object lacks, or whose content is gone
 * @param untracked files an object holds that its description does not list, and objects without a description
 * @param invalid OCFL validation errors, as {@code record-id: code message}
 * @param mismatched descriptions whose listed size or SHA-256 differs from the object's
 * @since 0.2
 */
public record FixityReport(int objects, long files, List<String> changed, List<String> missing,
        List<String> untracked, List<String> invalid, List<String> mismatched) {
    /** Copies the lists. */
    public FixityReport {
        changed = List.copyOf(changed);
        missing = List.copyOf(missing);
        untracked = List.copyOf(untracked);
        invalid = List.copyOf(invalid);
        mismatched = List.copyOf(mismatched);
    }

    /** Whether the audit found nothing wrong. */
    public boolean isClean() {
        return changed.isEmpty() && missing.isEmpty() && untracked.isEmpty() && invalid.isEmpty()
                && mismatched.isEmpty();
    }

    /** One line: the counts of each finding. */
    public String summary() {
        return objects + " objects, " + files + " files: " + changed.size() + " changed, " + missing.size()
                + " missing, " + untracked.size() + " untracked, " + invalid.size() + " invalid, " + mismatched.size()
                + " mismatched";
    }
}
