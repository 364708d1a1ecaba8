package org.archivekit.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.RecordInfo;
import org.junit.jupiter.api.Test;

final class RecordCacheTest {
    private static Description record(String id, long version) {
        return Description.builder().id(DescriptionId.of(id)).institution(InstitutionCode.of("CN-T"))
                .level(Level.FONDS).titleZh("全宗 " + version)
                .info(new RecordInfo(version, "a", Instant.EPOCH, "a", Instant.EPOCH)).build();
    }

    @Test
    void givesARecordOnlyAtTheVersionItHolds() {
        RecordCache cache = new RecordCache(10);
        cache.put(record("F1", 2));
        assertThat(cache.get(DescriptionId.of("F1"), 2)).isEqualTo(record("F1", 2));
        assertThat(cache.get(DescriptionId.of("F1"), 3)).isNull();
        assertThat(cache.get(DescriptionId.of("F1"), 1)).isNull();
        assertThat(cache.get(DescriptionId.of("F2"), 2)).isNull();
    }

    @Test
    void anOlderCopyNeverReplacesANewerOne() {
        RecordCache cache = new RecordCache(10);
        cache.put(record("F1", 3));
        cache.put(record("F1", 2));
        assertThat(cache.get(DescriptionId.of("F1"), 3)).isNotNull();
        cache.put(record("F1", 4));
        assertThat(cache.get(DescriptionId.of("F1"), 4)).isNotNull();
        assertThat(cache.get(DescriptionId.of("F1"), 3)).isNull();
    }

    @Test
    void theLeastRecentlyUsedLeavesFirstAndCapacityZeroKeepsNothing() {
        RecordCache cache = new RecordCache(2);
        cache.put(record("F1", 1));
        cache.put(record("F2", 1));
        cache.get(DescriptionId.of("F1"), 1); // F2 is now the least recently used
        cache.put(record("F3", 1));
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(DescriptionId.of("F2"), 1)).isNull();
        assertThat(cache.get(DescriptionId.of("F1"), 1)).isNotNull();
        assertThat(cache.get(DescriptionId.of("F3"), 1)).isNotNull();

        RecordCache none = new RecordCache(0);
        none.put(record("F1", 1));
        assertThat(none.size()).isZero();
        assertThat(none.get(DescriptionId.of("F1"), 1)).isNull();
        assertThatThrownBy(() -> new RecordCache(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
