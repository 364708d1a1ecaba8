package org.archivekit.core.internal.dates;

/**
 * Thrown inside the parser when an expression cannot be read; carries only the reason.
 *
 * <p>{@link DateExpressionParser} turns it into the public {@link org.archivekit.core.InvalidDateException}, which
 * adds the expression as the caller wrote it. No stack trace is captured: it is a control-flow signal, not a bug.
 */
final class UnreadableDateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the signal with a reason that says what is wrong, for example {@code month 13 is out of range}. */
    UnreadableDateException(String reason) {
        super(reason, null, false, false);
    }

    /** The reason, never {@code null}. */
    String reason() {
        String reason = getMessage();
        return reason == null ? "unrecognised date expression" : reason;
    }
}
