package org.archivekit.core;

/**
 * A date expression could not be read; the message quotes the expression and says why.
 *
 * @since 0.1
 */
public final class InvalidDateException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    private final String expression;

    /** Creates the exception for {@code expression}, with the reason it was refused. */
    public InvalidDateException(String expression, String reason) {
        super("date", "invalid date '" + expression + "': " + reason);
        this.expression = expression;
    }

    /** The expression as given. */
    public String expression() {
        return expression;
    }
}
