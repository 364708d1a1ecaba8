package org.archivekit.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.archivekit.core.Archive;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Lineage;
import org.archivekit.core.access.Principal;
import org.archivekit.core.internal.Validators;
import org.archivekit.core.json.ArchiveJson;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Carrier;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.SecrecyMarking;
import org.archivekit.core.spi.HierarchyRules;
import org.archivekit.core.store.InMemoryArchiveStore;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

final class SampleArchiveTest {

    /** The policy the proportions are promised for: a clock in 2026. */
    static final AccessPolicy POLICY = AccessPolicy.builder()
            .clock(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC)).build();

    @Test
    void sameSeedAndSizeGiveIdenticalRecords() throws Exception {
        SampleArchive a = SampleArchive.builder().items(2_000).seed(42).build();
        SampleArchive b = SampleArchive.builder().items(2_000).seed(42).build();
        assertThat(hash(a.iterator())).isEqualTo(hash(a.iterator())).isEqualTo(hash(b.iterator()));
        assertThat(hash(SampleArchive.builder().items(2_000).seed(43).build().iterator()))
                .isNotEqualTo(hash(a.iterator()));
    }

    @Test
    void countsPerLevelMatchWhatTheSampleAnnounces() {
        SampleArchive sample = SampleArchive.builder().items(1_000).build();
        Map<Level, Long> seen = new EnumMap<>(Level.class);
        sample.stream().forEach(d -> seen.merge(d.level(), 1L, Long::sum));

        assertThat(seen).isEqualTo(sample.counts());
        assertThat(seen.get(Level.FONDS)).isEqualTo(7);
        assertThat(seen.get(Level.ITEM)).isEqualTo(1_000);
        assertThat(seen.get(Level.SERIES)).isBetween(7L, 100L);
        assertThat(seen.get(Level.FILE)).isBetween(30L, 150L);
        assertThat(sample.size()).isEqualTo(seen.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void everyRecordIsValidAndComesAfterItsParent() {
        var validator = Validators.defaultValidator();
        Map<DescriptionId, Description> parents = new HashMap<>();
        Set<DescriptionId> ids = new HashSet<>();
        for (Description d : SampleArchive.builder().items(1_000).seed(3).build()) {
            Validators.check(validator, d);
            assertThat(ids.add(d.id())).as("unique id %s", d.id()).isTrue();
            if (d.parent() != null) HierarchyRules.checkParent(d, parents.get(d.parent()), List.of());
            if (d.level() != Level.ITEM) parents.put(d.id(), d);
        }
    }

    @Test
    void importsThroughTheArchiveAndCensusShowsTheSpread() {
        SampleArchive sample = SampleArchive.builder().items(1_000).seed(5).build();
        Principal admin = Principal.admin("admin");
        try (Archive archive = Archive.builder().store(new InMemoryArchiveStore()).policy(POLICY).build()) {
            archive.putInstitution(admin, sample.institution());
            assertThat(archive.importAll(admin, sample.iterator())).isEqualTo(sample.size());

            Map<Level, Map<AccessLevel, Long>> census = archive.census(admin);
            Map<Level, Long> perLevel = new EnumMap<>(Level.class);
            census.forEach((level, byAccess) ->
                    perLevel.put(level, byAccess.values().stream().mapToLong(x -> x).sum()));
            assertThat(perLevel).isEqualTo(sample.counts());
            Map<AccessLevel, Long> items = census.get(Level.ITEM);
            assertThat(share(items, AccessLevel.PUBLIC, 1_000)).isCloseTo(0.70, Offset.offset(0.05));
            assertThat(share(items, AccessLevel.CONFIDENTIAL, 1_000)).isCloseTo(0.05, Offset.offset(0.03));
            assertThat(census.get(Level.FONDS)).containsOnlyKeys(AccessLevel.PUBLIC);

            long publicItems = archive.census(Principal.anonymous()).get(Level.ITEM).values().stream()
                    .mapToLong(x -> x).sum();
            assertThat(publicItems).isLessThan(items.get(AccessLevel.PUBLIC)).isGreaterThan(600);
        }
    }

    @Test
    void recordsSurviveTheJsonForm() {
        for (Description d : SampleArchive.builder().items(100).build()) {
            assertThat(ArchiveJson.readDescription(ArchiveJson.toJson(d))).isEqualTo(d);
        }
    }

    @Test
    void effectiveAccessIsAboutSeventyFifteenTenFivePercent() {
        Map<AccessLevel, Long> items = new EnumMap<>(AccessLevel.class);
        Map<DescriptionId, Lineage> parents = new HashMap<>();
        long total = 0;
        for (Description d : SampleArchive.builder().items(20_000).seed(11).build()) {
            Lineage l = d.parent() == null ? POLICY.root(d, POLICY.now()) : POLICY.child(parents.get(d.parent()), d);
            if (d.level() != Level.ITEM) {
                parents.put(d.id(), l);
                assertThat(l.effectiveLevel()).as("%s %s", d.level(), d.id()).isEqualTo(AccessLevel.PUBLIC);
                continue;
            }
            items.merge(l.effectiveLevel(), 1L, Long::sum);
            total++;
        }
        assertThat(share(items, AccessLevel.PUBLIC, total)).isCloseTo(0.70, within());
        assertThat(share(items, AccessLevel.CAMPUS, total)).isCloseTo(0.15, within());
        assertThat(share(items, AccessLevel.RESTRICTED, total)).isCloseTo(0.10, within());
        assertThat(share(items, AccessLevel.CONFIDENTIAL, total)).isCloseTo(0.05, within());
    }

    @Test
    void holdsMinguoMaterialWithItsOriginalDateExpressions() {
        List<Description> minguo = SampleArchive.builder().items(1_000).build().stream()
                .filter(d -> d.dates().stream().anyMatch(x -> x.expression().contains("民国")
                        && x.begin() != null && x.begin().getYear() >= 1912 && x.end().getYear() <= 1949))
                .toList();
        assertThat(minguo).extracting(Description::level).contains(Level.SERIES, Level.FILE, Level.ITEM);
        assertThat(minguo).anySatisfy(d -> assertThat(d.dates().get(0).expression()).startsWith("民国"));
    }

    @Test
    void mixesCarriersStatusesMarkingsAndDigitalObjects() {
        Set<Carrier> carriers = new HashSet<>();
        Set<LifecycleStatus> statuses = new HashSet<>();
        Set<SecrecyMarking> markings = new HashSet<>();
        long withObjects = 0;
        long withEnglish = 0;
        for (Description d : SampleArchive.builder().items(5_000).build()) {
            carriers.add(d.carrier());
            statuses.add(d.status());
            markings.add(d.access().secrecy());
            if (!d.digitalObjects().isEmpty()) withObjects++;
            if (!d.parallelTitles().isEmpty()) withEnglish++;
        }
        assertThat(carriers).contains(Carrier.PAPER, Carrier.PHOTO, Carrier.AUDIO, Carrier.VIDEO, Carrier.DIGITIZED,
                Carrier.BORN_DIGITAL);
        assertThat(statuses).containsExactlyInAnyOrder(LifecycleStatus.values());
        assertThat(markings).contains(SecrecyMarking.NONE, SecrecyMarking.SECRET, SecrecyMarking.CLASSIFIED);
        assertThat(withObjects).isBetween(100L, 2_500L);
        assertThat(withEnglish).isGreaterThan(1_000L);
    }

    @Test
    void referenceCodesFollowDat13() {
        Iterator<Description> it = SampleArchive.builder().items(100).build().iterator();
        Description fonds = it.next();
        Description series = it.next();
        Description file = it.next();
        Description item = it.next();
        assertThat(fonds.referenceCode()).hasToString("Z001");
        assertThat(fonds.title().text()).isEqualTo("校长办公室");
        assertThat(series.referenceCode().value()).matches("Z001-WS·\\d{4}-(Y|D30|D10)");
        assertThat(series.id().value()).isEqualTo(series.referenceCode().value().replace('·', '.'));
        assertThat(file.referenceCode().value()).matches("Z001-WS·\\d{4}-(Y|D30|D10)-XZB-0001");
        assertThat(item.referenceCode().value()).matches("Z001-WS·\\d{4}-(Y|D30|D10)-XZB-0001-0001");
        assertThat(item.parent()).isEqualTo(file.id());
    }

    @Test
    void streamsTwoHundredThousandItemsWithoutHoldingThem() {
        SampleArchive sample = SampleArchive.builder().items(200_000).build();
        Runtime rt = Runtime.getRuntime();
        long items = 0;
        long peak = 0;
        for (Iterator<Description> it = sample.iterator(); it.hasNext(); ) {
            if (it.next().level() == Level.ITEM) items++;
            if ((items & 0x3fff) == 0) peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
        }
        assertThat(items).isEqualTo(200_000);
        // 200,000 retained descriptions would take several hundred MB; the walk itself holds only its position.
        assertThat(peak).isLessThan(Math.max(256L << 20, rt.maxMemory() / 2));
    }

    @Test
    void rejectsSizesOutsideOneHundredToOneMillion() {
        assertThatThrownBy(() -> SampleArchive.builder().items(99)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100");
        assertThatThrownBy(() -> SampleArchive.builder().items(1_000_001))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Offset<Double> within() {
        return Offset.offset(0.02);
    }

    private static double share(Map<AccessLevel, Long> counts, AccessLevel level, long total) {
        return counts.getOrDefault(level, 0L) / (double) total;
    }

    private static String hash(Iterator<Description> records) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        while (records.hasNext()) md.update(records.next().toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }
}
