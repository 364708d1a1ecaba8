package org.archivekit.cli;

import org.archivekit.core.HierarchyException;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.NotFoundException;
import org.archivekit.share.link.ShareLinkRefusedException;
import picocli.CommandLine;

/** The exit codes of {@code archivekit} and the one place that maps a failure to its code. */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;
    /** Anything not covered by another code: storage failures, refused or conflicting writes, bugs. */
    static final int FAILURE = 1;
    /** Bad input: an unknown option or value, a malformed id, an invalid record. */
    static final int BAD_INPUT = 2;
    /** No such record, or one the caller may not see: the two are never told apart. */
    static final int NOT_FOUND = 3;

    private ExitCodes() {}

    /** The exit code for {@code failure}. */
    static int of(Throwable failure) {
        if (failure instanceof CliException e) return e.exitCode();
        if (failure instanceof NotFoundException || failure instanceof ShareLinkRefusedException) return NOT_FOUND;
        if (failure instanceof InvalidRequestException || failure instanceof HierarchyException
                || failure instanceof CommandLine.ParameterException) {
            return BAD_INPUT;
        }
        return FAILURE;
    }

    /** The message to print after {@code archivekit: }; never empty. */
    static String message(Throwable failure) {
        String m = failure.getMessage();
        if (m == null || m.isBlank()) return failure.getClass().getName();
        return m;
    }
}
