package org.archivekit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class DescriptionTest {

    static Description.Builder base() {
        return Description.builder().id(DescriptionId.of("F1")).institution(InstitutionCode.of("U"))
                .level(Level.FONDS).title(Title.zh("校长办公室"));
    }

    @Test
    void onlyAFondsMayStandWithoutParent() {
        assertThatThrownBy(() -> base().level(Level.SERIES).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only a fonds");
    }

    @Test
    void fondsCannotHaveAParent() {
        assertThatThrownBy(() -> base().id(DescriptionId.of("F2")).parent(DescriptionId.of("F1")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot have a parent");
    }

    @Test
    void recordCannotBeItsOwnParent() {
        assertThatThrownBy(() -> base().level(Level.SERIES).parent(DescriptionId.of("F1")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("own parent");
    }

    @Test
    void listsAreCopiedAndUnmodifiable() {
        List<String> subjects = new ArrayList<>(List.of("教学"));
        Description d = base().subjects(subjects).build();
        subjects.add("科研");
        assertThat(d.subjects()).containsExactly("教学");
        assertThatThrownBy(() -> d.subjects().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void customFieldKeysAreChecked() {
        assertThatThrownBy(() -> base().customField("has space", "v").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("custom field key");
        assertThat(base().customField("b", "2").customField("a", "1").build().customFields().keySet())
                .containsExactly("a", "b");
    }

    @Test
    void missingTitleIsNamed() {
        assertThatThrownBy(() -> Description.builder().id(DescriptionId.of("F1"))
                .institution(InstitutionCode.of("U")).level(Level.FONDS).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("title");
    }

    @Test
    void idsHaveASafeForm() {
        assertThat(DescriptionId.isValid("Z001-2001-Y-0001")).isTrue();
        assertThat(DescriptionId.isValid("../etc")).isFalse();
        assertThat(DescriptionId.isValid("档案")).isFalse();
        assertThat(DescriptionId.isValid("a".repeat(129))).isFalse();
    }

    @Test
    void dateHullSpansAllDates() {
        Description d = base().dates(List.of(ArchivalDate.ofYears(1931, 1931), ArchivalDate.ofYears(1920, 1925)))
                .build();
        assertThat(d.dateHull().begin()).hasYear(1920);
        assertThat(d.dateHull().end()).hasYear(1931);
    }

    @Test
    void permanentRetentionHasNoReviewDate() {
        assertThat(Retention.reviewedAfter(RetentionPeriod.PERMANENT, 2001).disposalReview()).isNull();
        assertThat(Retention.reviewedAfter(RetentionPeriod.YEARS_10, 2001).disposalReview()).hasYear(2012);
    }
}
