package org.archivekit.share.oai.harvest;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The partner answered with OAI-PMH error(s) other than {@code noRecordsMatch} (which is an empty, successful
 * list): {@code badArgument}, {@code badResumptionToken}, {@code cannotDisseminateFormat}, {@code noSetHierarchy}…
 *
 * @since 0.1
 */
public final class OaiErrorException extends HarvestException {
    private static final long serialVersionUID = 1L;

    private final List<OaiError> errors;

    /** One {@code <error>} of a response: its code and the partner's message (may be empty). */
    public record OaiError(String code, String message) {
        @Override
        public String toString() {
            return message.isEmpty() ? code : code + " (" + message + ")";
        }
    }

    OaiErrorException(String request, List<OaiError> errors, @Nullable HarvestReport progress) {
        super("the partner refused " + request + ": " + errors.stream().map(OaiError::toString)
                .reduce((a, b) -> a + ", " + b).orElse("error"), progress, null);
        this.errors = List.copyOf(errors);
    }

    private OaiErrorException(OaiErrorException e, HarvestReport progress) {
        super(e.getMessage(), progress, e.getCause());
        this.errors = e.errors;
    }

    /** The code of the first error, such as {@code badResumptionToken}. */
    public String code() {
        return errors.get(0).code();
    }

    /** Every error of the response, in order. */
    public List<OaiError> errors() {
        return errors;
    }

    @Override
    HarvestException withProgress(HarvestReport report) {
        return new OaiErrorException(this, report);
    }
}
