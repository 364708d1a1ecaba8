package org.archivekit.core.internal.dates;

import org.archivekit.core.InvalidDateException;
import org.archivekit.core.model.ArchivalDate;

/** Reads date expressions; see {@link ArchivalDate#parse(String)}. Placeholder until the parser lands. */
public final class DateExpressionParser {
    private DateExpressionParser() {}

    /** Parses {@code expression}; see {@link ArchivalDate#parse(String)}. */
    public static ArchivalDate parse(String expression) {
        throw new InvalidDateException(expression, "date parsing is not implemented yet");
    }
}
