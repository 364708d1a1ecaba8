package org.archivekit.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.SecrecyMarking;
import org.archivekit.core.model.Title;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access matrix: every AccessLevel × principal kind × embargo before/at/after × restriction on an ancestor ×
 * secrecy marking, checked against a small reference table written independently of the policy.
 */
final class AccessPolicyMatrixTest {

    static final InstitutionCode U = InstitutionCode.of("CN-TEST-U");
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    enum Embargo { BEFORE_END, AT_END, AFTER_END, NONE }

    /** The reference table: which effective levels each kind of principal may see in its own institution. */
    static final Map<Principal.Kind, List<AccessLevel>> SEES = Map.of(
            Principal.Kind.PUBLIC, List.of(AccessLevel.PUBLIC),
            Principal.Kind.CAMPUS, List.of(AccessLevel.PUBLIC, AccessLevel.CAMPUS),
            Principal.Kind.STAFF, List.of(AccessLevel.PUBLIC, AccessLevel.CAMPUS, AccessLevel.RESTRICTED),
            Principal.Kind.ADMIN, List.of(AccessLevel.values()));

    /**
     * The reference rule for the effective level, as a table of floors: an ancestor marked RESTRICTED raises to
     * RESTRICTED, an embargo still running raises to RESTRICTED, a secrecy marking raises to CONFIDENTIAL.
     */
    static AccessLevel referenceEffective(AccessLevel own, boolean ancestorRestricted, Embargo embargo,
            boolean secret) {
        List<AccessLevel> floors = new ArrayList<>(List.of(own));
        if (ancestorRestricted) floors.add(AccessLevel.RESTRICTED);
        if (embargo == Embargo.BEFORE_END) floors.add(AccessLevel.RESTRICTED);
        if (secret) floors.add(AccessLevel.CONFIDENTIAL);
        return floors.stream().max(Enum::compareTo).orElseThrow();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (AccessLevel level : AccessLevel.values())
            for (Principal.Kind kind : Principal.Kind.values())
                for (Embargo embargo : Embargo.values())
                    for (boolean ancestorRestricted : new boolean[] {false, true})
                        for (boolean secret : new boolean[] {false, true})
                            out.add(Arguments.of(level, kind, embargo, ancestorRestricted, secret));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}, embargo {2}, ancestor restricted {3}, secret {4}")
    @MethodSource("matrix")
    void decisionMatchesReferenceTable(AccessLevel level, Principal.Kind kind, Embargo embargo,
            boolean ancestorRestricted, boolean secret) {
        AccessPolicy policy = AccessPolicy.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        Description fonds = record("F1", null, Level.FONDS,
                Access.of(ancestorRestricted ? AccessLevel.RESTRICTED : AccessLevel.PUBLIC));
        Access own = Access.of(level).withSecrecy(secret ? SecrecyMarking.SECRET : SecrecyMarking.NONE)
                .withEmbargoUntil(switch (embargo) {
                    case BEFORE_END -> NOW.plus(Duration.ofSeconds(1));
                    case AT_END -> NOW;
                    case AFTER_END -> NOW.minus(Duration.ofSeconds(1));
                    case NONE -> null;
                });
        Description series = record("S1", "F1", Level.SERIES, own);

        Lineage lineage = policy.lineage(List.of(fonds), series);
        AccessLevel expected = referenceEffective(level, ancestorRestricted, embargo, secret);

        assertThat(lineage.effectiveLevel()).isEqualTo(expected);
        assertThat(policy.canSee(principal(kind), lineage)).isEqualTo(SEES.get(kind).contains(expected));
    }

    static Principal principal(Principal.Kind kind) {
        return switch (kind) {
            case PUBLIC -> Principal.anonymous();
            case CAMPUS -> Principal.campus("c1", U);
            case STAFF -> Principal.staff("s1", AccessLevel.RESTRICTED, U);
            case ADMIN -> Principal.admin("a1");
        };
    }

    static Description record(String id, String parent, Level level, Access access) {
        return Description.builder().id(DescriptionId.of(id)).institution(U)
                .parent(parent == null ? null : DescriptionId.of(parent)).level(level)
                .title(Title.zh("测试 " + id)).access(access).build();
    }
}
