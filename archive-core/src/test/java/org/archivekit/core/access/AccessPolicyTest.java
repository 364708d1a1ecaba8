package org.archivekit.core.access;

import static org.archivekit.core.access.AccessPolicyMatrixTest.U;
import static org.archivekit.core.access.AccessPolicyMatrixTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.OpenStatus;
import org.archivekit.core.model.SecrecyMarking;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

final class AccessPolicyTest {

    static AccessPolicy at(String instant) {
        return AccessPolicy.builder().clock(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC)).build();
    }

    static final Description FONDS = record("F1", null, Level.FONDS, Access.PUBLIC);

    static Description item(Access access, ArchivalDate date) {
        return record("I1", "F1", Level.ITEM, access).toBuilder().dates(List.of(date)).build();
    }

    @Nested
    final class OpeningDate {
        @Test
        void itemOpensTwentyFiveYearsAfterItsEndDate() {
            Description item = item(Access.PUBLIC, ArchivalDate.ofYears(2000, 2000));
            assertThat(at("2026-01-01T00:00:00Z").openingDate(item)).contains(LocalDate.of(2025, 12, 31));
            assertThat(at("2025-12-30T23:59:59Z").lineage(List.of(FONDS), item).effectiveLevel())
                    .isEqualTo(AccessLevel.CAMPUS);
            assertThat(at("2025-12-31T00:00:00Z").lineage(List.of(FONDS), item).effectiveLevel())
                    .isEqualTo(AccessLevel.PUBLIC);
        }

        @Test
        void openingDateTakesEffectAtMidnightInThePolicyZone() {
            Description item = item(Access.PUBLIC.withOpeningDate(LocalDate.of(2026, 6, 1)),
                    ArchivalDate.ofYears(2020, 2020));
            AccessPolicy shanghai = AccessPolicy.builder().zone(ZoneId.of("Asia/Shanghai"))
                    .clock(Clock.fixed(Instant.parse("2026-05-31T16:00:00Z"), ZoneOffset.UTC)).build();
            assertThat(shanghai.lineage(List.of(FONDS), item).effectiveLevel()).isEqualTo(AccessLevel.PUBLIC);
            assertThat(at("2026-05-31T16:00:00Z").lineage(List.of(FONDS), item).effectiveLevel())
                    .isEqualTo(AccessLevel.CAMPUS);
        }

        @Test
        void explicitEarlyOpeningOverridesTheDefault() {
            Description item = item(Access.PUBLIC.withOpeningDate(LocalDate.of(2021, 1, 1)),
                    ArchivalDate.ofYears(2020, 2020));
            assertThat(at("2026-01-01T00:00:00Z").lineage(List.of(FONDS), item).effectiveLevel())
                    .isEqualTo(AccessLevel.PUBLIC);
        }

        @Test
        void openEndedItemIsNotOpenAndUndatedItemHasNoDefault() {
            Description open = item(Access.PUBLIC,
                    new ArchivalDate("1990-", LocalDate.of(1990, 1, 1), null, false));
            assertThat(at("2090-01-01T00:00:00Z").lineage(List.of(FONDS), open).effectiveLevel())
                    .isEqualTo(AccessLevel.CAMPUS);
            Description undated = record("I2", "F1", Level.ITEM, Access.PUBLIC);
            assertThat(at("2026-01-01T00:00:00Z").openingDate(undated)).isEmpty();
        }

        @Test
        void fondsGetsNoDefaultOpeningDate() {
            Description fonds = FONDS.toBuilder().dates(List.of(ArchivalDate.ofYears(1950, 2025))).build();
            assertThat(at("2026-01-01T00:00:00Z").openingDate(fonds)).isEmpty();
        }

        @Test
        void fileNotYetOpenKeepsItsItemsClosed() {
            Description file = record("FI1", "F1", Level.FILE, Access.PUBLIC).toBuilder()
                    .dates(List.of(ArchivalDate.ofYears(1990, 2010))).build();
            Description item = record("I1", "FI1", Level.ITEM, Access.PUBLIC).toBuilder()
                    .dates(List.of(ArchivalDate.ofYears(1990, 1990))).build();
            assertThat(at("2026-01-01T00:00:00Z").lineage(List.of(FONDS, file), item).effectiveLevel())
                    .isEqualTo(AccessLevel.CAMPUS);
        }
    }

    @Nested
    final class Grants {
        final AccessPolicy policy = at("2026-01-01T00:00:00Z");
        final Description restricted = record("S1", "F1", Level.SERIES, Access.of(AccessLevel.RESTRICTED));
        final Description item = record("I1", "S1", Level.ITEM, Access.PUBLIC);

        @Test
        void liveGrantOnAncestorOpensDescendant() {
            Principal p = Principal.anonymous()
                    .withGrant(new Grant(DescriptionId.of("S1"), Instant.parse("2026-01-01T00:00:01Z")));
            assertThat(policy.canSee(p, policy.lineage(List.of(FONDS, restricted), item))).isTrue();
        }

        @Test
        void expiredGrantOpensNothing() {
            Principal p = Principal.anonymous()
                    .withGrant(new Grant(DescriptionId.of("S1"), Instant.parse("2026-01-01T00:00:00Z")));
            assertThat(policy.canSee(p, policy.lineage(List.of(FONDS, restricted), item))).isFalse();
        }

        @Test
        void grantNeverOpensClassifiedMaterial() {
            Description secret = record("S1", "F1", Level.SERIES,
                    Access.of(AccessLevel.RESTRICTED).withSecrecy(SecrecyMarking.TOP_SECRET));
            Principal p = Principal.campus("c", U)
                    .withGrant(new Grant(DescriptionId.of("S1"), Instant.parse("2030-01-01T00:00:00Z")));
            assertThat(policy.canSee(p, policy.lineage(List.of(FONDS, secret), item))).isFalse();
        }

        @Test
        void grantNeverOpensDrafts() {
            Description draft = restricted.toBuilder().status(LifecycleStatus.DRAFT).build();
            Principal p = Principal.anonymous()
                    .withGrant(new Grant(DescriptionId.of("S1"), Instant.parse("2030-01-01T00:00:00Z")));
            assertThat(policy.canSee(p, policy.lineage(List.of(FONDS, draft), item))).isFalse();
        }

        @Test
        void grantGivesNoWriteAccess() {
            Principal p = Principal.staff("s", AccessLevel.CAMPUS, U)
                    .withGrant(new Grant(DescriptionId.of("S1"), Instant.parse("2030-01-01T00:00:00Z")));
            Lineage l = policy.lineage(List.of(FONDS, restricted), item);
            assertThat(policy.canSee(p, l)).isTrue();
            assertThat(policy.canWrite(p, l)).isFalse();
        }
    }

    @Nested
    final class Lifecycle {
        final AccessPolicy policy = at("2026-01-01T00:00:00Z");

        @Test
        void draftsAndWithdrawnRecordsAreForStaffOnly() {
            for (LifecycleStatus status : List.of(LifecycleStatus.DRAFT, LifecycleStatus.WITHDRAWN)) {
                Description d = record("S1", "F1", Level.SERIES, Access.PUBLIC).toBuilder().status(status).build();
                Lineage l = policy.lineage(List.of(FONDS), d);
                assertThat(policy.canSee(Principal.anonymous(), l)).isFalse();
                assertThat(policy.canSee(Principal.campus("c", U), l)).isFalse();
                assertThat(policy.canSee(Principal.staff("s", AccessLevel.RESTRICTED, U), l)).isTrue();
                assertThat(policy.canSee(Principal.admin("a"), l)).isTrue();
            }
        }

        @Test
        void childOfWithdrawnRecordIsHiddenToo() {
            Description withdrawn = FONDS.toBuilder().status(LifecycleStatus.WITHDRAWN).build();
            Description child = record("S1", "F1", Level.SERIES, Access.PUBLIC);
            assertThat(policy.canSee(Principal.anonymous(), policy.lineage(List.of(withdrawn), child))).isFalse();
        }
    }

    @Nested
    final class InstitutionScope {
        final AccessPolicy policy = at("2026-01-01T00:00:00Z");
        final InstitutionCode other = InstitutionCode.of("CN-OTHER");
        final Description campusOnly = record("S1", "F1", Level.SERIES, Access.of(AccessLevel.CAMPUS));

        @Test
        void campusMemberOfAnotherInstitutionCountsAsPublic() {
            Lineage l = policy.lineage(List.of(FONDS), campusOnly);
            assertThat(policy.canSee(Principal.campus("c", U), l)).isTrue();
            assertThat(policy.canSee(Principal.campus("c", other), l)).isFalse();
            assertThat(policy.canSee(Principal.staff("s", AccessLevel.RESTRICTED, other), l)).isFalse();
            assertThat(policy.canSee(Principal.admin("a", other), l)).isFalse();
            assertThat(policy.canSee(Principal.admin("a", U), l)).isTrue();
        }

        @Test
        void openStatusOnlyEverRestricts() {
            Description notOpen = record("S1", "F1", Level.SERIES, Access.PUBLIC.withOpenStatus(OpenStatus.NOT_OPEN));
            Description controlled = record("S2", "F1", Level.SERIES,
                    Access.PUBLIC.withOpenStatus(OpenStatus.CONTROLLED));
            assertThat(policy.lineage(List.of(FONDS), notOpen).effectiveLevel()).isEqualTo(AccessLevel.RESTRICTED);
            assertThat(policy.lineage(List.of(FONDS), controlled).effectiveLevel()).isEqualTo(AccessLevel.CAMPUS);
        }
    }

    @Test
    void principalsCannotHoldClearanceAboveTheirKind() {
        assertThatThrownBy(() -> new Principal("x", Principal.Kind.CAMPUS, AccessLevel.RESTRICTED,
                java.util.Set.of(U), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Principal("x", Principal.Kind.STAFF, AccessLevel.RESTRICTED,
                java.util.Set.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
