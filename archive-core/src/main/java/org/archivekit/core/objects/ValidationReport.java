package org.archivekit.core.objects;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of validating one OCFL object: errors (the object breaks a MUST of the specification) and warnings
 * (it breaks a SHOULD).
 *
 * @param errors the errors, in the order found; empty when the object is valid
 * @param warnings the warnings, in the order found
 * @since 0.2
 */
public record ValidationReport(List<ValidationIssue> errors, List<ValidationIssue> warnings) {
    /** Copies the lists. */
    public ValidationReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** Whether the object has no errors (it may have warnings). */
    public boolean isValid() {
        return errors.isEmpty();
    }

    /** The distinct codes of the errors and warnings, sorted. */
    public Set<String> codes() {
        Set<String> codes = new TreeSet<>();
        errors.forEach(i -> codes.add(i.code()));
        warnings.forEach(i -> codes.add(i.code()));
        return codes;
    }
}
