package org.archivekit.core.store;

import static org.archivekit.core.spi.StoreFixtures.fullyPopulated;
import static org.archivekit.core.spi.StoreFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.Disclosure;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.OpenStatus;
import org.archivekit.core.model.SecrecyMarking;
import org.archivekit.core.model.Title;
import org.junit.jupiter.api.Test;

/** The compact access facts kept next to renditions read back as the record's access-relevant parts. */
final class AccessFactsTest {

    private static void assertSameFacts(Description read, Description d) {
        assertThat(read.id()).isEqualTo(d.id());
        assertThat(read.institution()).isEqualTo(d.institution());
        assertThat(read.parent()).isEqualTo(d.parent());
        assertThat(read.level()).isEqualTo(d.level());
        assertThat(read.status()).isEqualTo(d.status());
        assertThat(read.sequence()).isEqualTo(d.sequence());
        assertThat(read.version()).isEqualTo(d.version());
        assertThat(read.access()).isEqualTo(d.access());
        assertThat(read.dates()).isEqualTo(d.dates());
        assertThat(read.title()).isEqualTo(d.title());
    }

    @Test
    void everyAccessRelevantPartReadsBackIncludingEscapedText() {
        Description d = record("I-1", Level.ITEM, "F1").sequence(-7)
                .title(new Title("题名\twith tab\\back\nline\r, 𠀀 end", "zh-Hant"))
                .access(new Access(AccessLevel.RESTRICTED, SecrecyMarking.CLASSIFIED, Disclosure.WITHHELD,
                        OpenStatus.CONTROLLED, LocalDate.of(2041, 1, 1), Instant.parse("2040-06-30T12:00:01.5Z")))
                .status(LifecycleStatus.DRAFT)
                .dates(List.of(new ArchivalDate("约\t1930年代\\", LocalDate.of(1930, 1, 1), null, true),
                        ArchivalDate.parse("1925")))
                .build();

        String facts = AccessFacts.write(d);

        assertThat(facts.split("\t", -1)).hasSize(17 + 4 * 2);
        assertSameFacts(AccessFacts.read(facts), d);
    }

    @Test
    void aFondsWithoutDatesOrOverridesAndAFullRecordReadBack() {
        Description fonds = record("F1", Level.FONDS, null).build();
        assertSameFacts(AccessFacts.read(AccessFacts.write(fonds)), fonds);
        Description full = fullyPopulated("I9", "F1");
        assertSameFacts(AccessFacts.read(AccessFacts.write(full)), full);
        assertThat(AccessFacts.read(AccessFacts.write(full)).scopeAndContent()).isNull();
    }

    @Test
    void anotherFormOrAWrongFieldCountIsRefused() {
        String facts = AccessFacts.write(record("F1", Level.FONDS, null).build());
        assertThatThrownBy(() -> AccessFacts.read("f2" + facts.substring(2))).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessFacts.read(facts + "\textra")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessFacts.read(facts.substring(0, facts.lastIndexOf('\t'))))
                .isInstanceOf(IllegalArgumentException.class);
        // a date count with no dates after it, or fewer date fields than it says
        assertThatThrownBy(() -> AccessFacts.read(facts.substring(0, facts.length() - 1) + "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessFacts.read(facts.substring(0, facts.length() - 1) + "1\t0\t1950-01-01\t"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Reads {@code ds} in order through one reader and checks each against the record itself. */
    private static void assertReadInTurn(List<Description> ds) {
        AccessFacts.Reader reader = new AccessFacts.Reader();
        for (Description d : ds) {
            Description read = reader.read(AccessFacts.write(d).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertSameFacts(read, d);
            assertThat(read).isEqualTo(AccessFacts.read(AccessFacts.write(d)));
        }
    }

    @Test
    void aReaderOverRowsThatShareValuesGivesEachRowItsOwn() {
        Description fonds = record("F1", Level.FONDS, null).build();
        Description series = record("S1", Level.SERIES, "F1").build();
        Description item = record("I1", Level.ITEM, "S1").dates(List.of(ArchivalDate.parse("1950"))).build();
        assertReadInTurn(List.of(fonds, series, item,
                // a sibling: same parent, another embargo, another date with the same number of dates
                record("I2", Level.ITEM, "S1").dates(List.of(ArchivalDate.parse("1951")))
                        .access(Access.PUBLIC.withEmbargoUntil(Instant.parse("2090-01-01T00:00:00Z"))).build(),
                // only the opening date differs, then only the status, the version, the language, the level
                record("I3", Level.ITEM, "S1").dates(List.of(ArchivalDate.parse("1951")))
                        .access(new Access(AccessLevel.PUBLIC, SecrecyMarking.NONE, Disclosure.PROACTIVE,
                                OpenStatus.OPEN, LocalDate.of(2060, 1, 1), Instant.parse("2090-01-01T00:00:00Z")))
                        .build(),
                record("I4", Level.ITEM, "S1").status(LifecycleStatus.DRAFT).build(),
                record("I5", Level.ITEM, "S1").info(new org.archivekit.core.model.RecordInfo(7, "a",
                        Instant.EPOCH, "a", Instant.EPOCH)).build(),
                record("I6", Level.ITEM, "S1").title(new Title("Title", "en")).build(),
                record("FL1", Level.FILE, "S1").build(),
                // a first child: its parent is the row before; then back up to another parent and a fonds
                record("I7", Level.ITEM, "FL1").dates(List.of(ArchivalDate.parse("1950"),
                        ArchivalDate.parse("1960"))).build(),
                record("S2", Level.SERIES, "F1").dates(List.of(ArchivalDate.parse("1950"))).build(),
                record("F2", Level.FONDS, null).institution(org.archivekit.core.model.InstitutionCode.of("OTHER"))
                        .build(),
                record("S3", Level.SERIES, "F2").institution(org.archivekit.core.model.InstitutionCode.of("OTHER"))
                        .build()));
    }

    @Test
    void aReaderOverASampleArchiveInDocumentOrderGivesWhatEachRowReadAloneGives() {
        List<Description> all = new java.util.ArrayList<>();
        org.archivekit.core.sample.SampleArchive.builder().items(3000).seed(11).build().forEach(all::add);
        assertThat(all).hasSizeGreaterThan(3000);
        assertReadInTurn(all);
    }
}
