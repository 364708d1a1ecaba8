package org.archivekit.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Caller input broke one or more rules; carries every violation found, not just the first.
 *
 * @since 0.1
 */
public class InvalidRequestException extends ArchiveException {
    private static final long serialVersionUID = 1L;

    /** One broken rule: where ({@code path}, for example {@code title} or {@code row 12, column date}) and what. */
    public record Violation(String path, String message) {
        public Violation {
            java.util.Objects.requireNonNull(path, "path");
            java.util.Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return path.isEmpty() ? message : path + ": " + message;
        }
    }

    private final List<Violation> violations;

    /** Creates the exception from its violations, at least one. */
    public InvalidRequestException(List<Violation> violations) {
        super(summary(violations));
        this.violations = List.copyOf(violations);
    }

    /** Creates the exception for a single broken rule at {@code path}. */
    public InvalidRequestException(String path, String message) {
        this(List.of(new Violation(path, message)));
    }

    /** Creates the exception for a single broken rule, keeping its cause. */
    public InvalidRequestException(String path, String message, Throwable cause) {
        super(new Violation(path, message).toString(), cause);
        this.violations = List.of(new Violation(path, message));
    }

    /**
     * The exception for Jakarta Validation's {@code problems}, one violation each, sorted by path then message.
     *
     * @throws IllegalArgumentException when {@code problems} is empty
     */
    public static InvalidRequestException of(java.util.Set<? extends jakarta.validation.ConstraintViolation<?>> problems) {
        return new InvalidRequestException(problems.stream()
                .map(v -> new Violation(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Violation::path).thenComparing(Violation::message))
                .toList());
    }

    /** Every violation, in the order found; never empty. */
    public List<Violation> violations() {
        return violations;
    }

    private static String summary(List<Violation> violations) {
        if (violations.isEmpty()) throw new IllegalArgumentException("violations is empty");
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
