package org.archivekit.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The fast paths agree with the JDK's parsers, and hand everything they do not read exactly to them. */
final class IsoTimesTest {

    @Test
    void agreesWithTheJdkOnWhatToStringWrites() {
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong() % 400_000_000_000L / 10 + 2_000_000_000L,
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> r.nextInt(1000) * 1_000_000;
                        case 2 -> r.nextInt(1_000_000) * 1000;
                        default -> r.nextInt(1_000_000_000);
                    });
            if (t.atZone(java.time.ZoneOffset.UTC).getYear() > 9999 || t.getEpochSecond() < -62_135_596_800L) continue;
            assertThat(IsoTimes.instant(t.toString())).as(t.toString()).isEqualTo(t);
            LocalDate d = t.atZone(java.time.ZoneOffset.UTC).toLocalDate();
            assertThat(IsoTimes.date(d.toString())).isEqualTo(d);
        }
        assertThat(IsoTimes.instant("2024-05-01T08:00:00.5Z")).isEqualTo(Instant.parse("2024-05-01T08:00:00.5Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T23:59:60Z",
        "2024-05-01T08:00:00+01:00", "2024-05-01 08:00:00Z", "2024-05-01T08:00:00.Z", "2024-05-01T08:00:00.1234567890Z",
        "2024-5-01T08:00:00Z", "+12024-05-01T08:00:00Z", "2024-05-01T08:00Z", "２０２４-05-01T08:00:00Z", ""})
    void leavesEverythingElseToTheJdk(String s) {
        assertThat(IsoTimes.instant(s)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29", "2024-13-01", "2024-1-01", "+2024-01-01", "2024/01/01", "20240101", ""})
    void leavesOddDatesToTheJdk(String s) {
        assertThat(IsoTimes.date(s)).isNull();
    }
}
