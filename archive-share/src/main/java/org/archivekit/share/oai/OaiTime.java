package org.archivekit.share.oai;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** OAI-PMH dates: the fixed-width keys the ledger sorts by, and the day and second granularities of the protocol. */
final class OaiTime {
    private static final DateTimeFormatter KEY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern DAY_FORM = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SECOND_FORM = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    private OaiTime() {}

    /** The fixed-width key of {@code at}: text order is time order. */
    static String key(Instant at) {
        return KEY.format(at);
    }

    /** The instant of a key. */
    static Instant ofKey(String key) {
        return Instant.parse(key);
    }

    /** {@code at} at second granularity, as OAI-PMH datestamps and responseDate are written. */
    static String seconds(Instant at) {
        return SECONDS.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The granularity of a from/until value: 'd' for a day, 's' for seconds; null when malformed. */
    static @Nullable Character granularity(String value) {
        if (DAY_FORM.matcher(value).matches()) return 'd';
        if (SECOND_FORM.matcher(value).matches()) return 's';
        return null;
    }

    /** The first instant a from/until value covers; null when malformed or impossible (2024-02-30). */
    static @Nullable Instant start(String value) {
        try {
            if (DAY_FORM.matcher(value).matches()) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (SECOND_FORM.matcher(value).matches()) return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
        return null;
    }

    /** The first instant after everything an until value covers: the next day, or the next second. */
    static Instant endExclusive(String value, Instant start) {
        return granularity(value) == Character.valueOf('d') ? start.plus(1, ChronoUnit.DAYS)
                : start.plusSeconds(1);
    }
}
