package org.archivekit.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Properties;
import org.archivekit.share.permalink.Permalinks;

/**
 * The public-service settings of a home, from {@code HOME/archivekit.properties} (optional):
 * {@code permalink.pattern} (default {@value #DEFAULT_PATTERN}), {@code onthisday.window} in days (default 365) and
 * {@code onthisday.since} (default 2025-01-01); {@code oai.baseUrl}, {@code oai.repositoryName} and
 * {@code oai.adminEmail} for the OAI-PMH provider.
 */
final class SharingSettings {
    static final String FILE = "archivekit.properties";
    static final String DEFAULT_PATTERN = "https://archives.example.edu/{institution}/records/{id}";

    private final Properties p = new Properties();

    SharingSettings(Path home) {
        Path file = home.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw CliException.badInput("cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    /** The trimmed value of {@code key}, or {@code fallback} when unset. */
    String property(String key, String fallback) {
        return p.getProperty(key, fallback).trim();
    }

    Permalinks permalinks() {
        String pattern = p.getProperty("permalink.pattern", DEFAULT_PATTERN).trim();
        try {
            return Permalinks.of(pattern);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(FILE + ", permalink.pattern: " + e.getMessage());
        }
    }

    int onThisDayWindow() {
        String v = p.getProperty("onthisday.window", "365").trim();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw CliException.badInput(FILE + ", onthisday.window: '" + v + "' is not a number of days");
        }
    }

    LocalDate onThisDaySince() {
        String v = p.getProperty("onthisday.since", "2025-01-01").trim();
        try {
            return LocalDate.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw CliException.badInput(FILE + ", onthisday.since: '" + v + "' is not a date like 2025-01-01");
        }
    }
}
