package org.archivekit.share.today;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.archivekit.core.Archive;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.Title;
import org.archivekit.core.sample.SampleArchive;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.archivekit.share.permalink.Permalinks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class OnThisDayTest {
    static final Principal ADMIN = Principal.admin("admin");
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    final Permalinks permalinks = Permalinks.of("https://archives.example.edu/{institution}/records/{id}");
    Archive archive;
    DescriptionId series;

    @BeforeEach
    void fill() {
        archive = Archive.builder().store(new InMemoryArchiveStore()).policy(AccessPolicy.builder()
                .clock(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC)).build()).build();
        SampleArchive sample = SampleArchive.builder().items(2000).seed(31).build();
        archive.putInstitution(ADMIN, sample.institution());
        archive.importAll(ADMIN, sample.iterator());
        try (var s = archive.list(Principal.anonymous(), Level.SERIES)) {
            series = s.map(v -> v.id()).findFirst().orElseThrow();
        }
    }

    @AfterEach
    void close() {
        archive.close();
    }

    Description dated(String id, LocalDate day, AccessLevel level, boolean image, String scope) {
        return archive.create(ADMIN, Description.builder().id(DescriptionId.of(id))
                .institution(SampleArchive.DEFAULT_INSTITUTION).parent(series).level(Level.ITEM)
                .title(Title.zh("测试 " + id)).dates(List.of(ArchivalDate.ofDay(day))).scopeAndContent(scope)
                .access(Access.of(level).withOpeningDate(LocalDate.of(2000, 1, 1)))
                .digitalObjects(image ? List.of(new DigitalObjectRef(id + ".jpg", "image/jpeg", 10, "a".repeat(64)))
                        : List.of()).build());
    }

    @Test
    void aYearOfPicksHasNoRepeatInsideTheWindowAndNothingHidden() {
        OnThisDay picker = OnThisDay.of(archive, permalinks, 60, START);
        List<OnThisDay.Pick> year = new ArrayList<>();
        for (int m = 1; m <= 12; m++) year.addAll(picker.calendar(YearMonth.of(2026, m)));
        assertThat(year).hasSizeGreaterThan(300);
        Map<DescriptionId, LocalDate> last = new HashMap<>();
        long sameDay = 0;
        for (OnThisDay.Pick p : year) {
            LocalDate before = last.put(p.record(), p.day());
            if (before != null) assertThat(ChronoUnit.DAYS.between(before, p.day())).isGreaterThan(60);
            assertThat(archive.find(Principal.anonymous(), p.record())).as(p.record().value()).isPresent();
            Description d = archive.get(ADMIN, p.record());
            LocalDate dated = d.dates().stream().filter(x -> x.expression().equals(p.dateExpression()))
                    .findFirst().orElseThrow().begin();
            long off = Math.abs(ChronoUnit.DAYS.between(dated.withYear(2000), p.day().withYear(2000)));
            if (p.match() == OnThisDay.Match.SAME_DAY) {
                sameDay++;
                assertThat(MonthDay.from(dated)).isEqualTo(MonthDay.from(p.day()));
            } else {
                assertThat(Math.min(off, 366 - off)).isBetween(1L, 3L);
            }
        }
        assertThat(sameDay).isGreaterThan(year.size() / 2);
        System.out.printf("on this day 2026, window 60: %d picks, %d same day, %d same week, 0 repeats, 0 hidden%n",
                year.size(), sameDay, year.size() - sameDay);
    }

    @Test
    void hiddenRecordsAreNeverPickedAndBetterRecordsComeFirstThenRotate() {
        LocalDate day = LocalDate.of(1931, 2, 29 - 1);
        dated("SECRET-1", day, AccessLevel.CONFIDENTIAL, true, "机密 " + "长".repeat(80));
        dated("PLAIN-1", day, AccessLevel.PUBLIC, false, null);
        dated("GOOD-1", day, AccessLevel.PUBLIC, true, "一段足够长的内容提要，".repeat(8));
        // a window longer than a year (leap years included): the same day never repeats from one year to the next
        OnThisDay picker = OnThisDay.of(archive, permalinks, 400, START);
        List<DescriptionId> picks = new ArrayList<>();
        for (int year = 2026; year <= 2029; year++) {
            picker.pick(LocalDate.of(year, 2, 28)).ifPresent(p -> picks.add(p.record()));
        }
        assertThat(picks).doesNotContain(DescriptionId.of("SECRET-1"));
        assertThat(picks.get(0)).isEqualTo(DescriptionId.of("GOOD-1"));
        for (int i = 1; i < picks.size(); i++) assertThat(picks.get(i)).isNotEqualTo(picks.get(i - 1));
    }

    @Test
    void theCalendarExportsAsCsvAndJson() throws Exception {
        dated("FORMULA-1", LocalDate.of(1950, 3, 14), AccessLevel.PUBLIC, true, "=HYPERLINK(\"http://x\")".repeat(4));
        Description d = archive.get(ADMIN, DescriptionId.of("FORMULA-1"));
        archive.update(ADMIN, d.toBuilder().title(Title.zh("=SUM(A1:A9),\"引号\"")).build());
        List<OnThisDay.Pick> march = OnThisDay.of(archive, permalinks, 30, START).calendar(YearMonth.of(2026, 3));
        StringWriter csv = new StringWriter();
        OnThisDay.writeCsv(march, csv);
        List<String> lines = csv.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("day,match,record,title,date,score,permalink");
        assertThat(lines).hasSize(march.size() + 1);
        assertThat(csv.toString()).contains("\"'=SUM(A1:A9),\"\"引号\"\"\"").doesNotContain(",=SUM");
        StringWriter json = new StringWriter();
        OnThisDay.writeJson(march, json);
        JsonNode parsed = new ObjectMapper().readTree(json.toString());
        assertThat(parsed.size()).isEqualTo(march.size());
        assertThat(parsed.get(0).get("day").asText()).startsWith("2026-03-");
    }
}
