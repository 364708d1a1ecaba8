package org.archivekit.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class LevelTest {

    @ParameterizedTest(name = "{0} may hold {1}: {2}")
    @CsvSource({
        "FONDS, SUBFONDS, true", "FONDS, SERIES, true", "FONDS, FILE, true", "FONDS, ITEM, true",
        "FONDS, FONDS, false", "SUBFONDS, SUBFONDS, true", "SERIES, SUBSERIES, true", "SERIES, SERIES, true",
        "SUBSERIES, FILE, true", "FILE, ITEM, true", "FILE, FILE, true", "ITEM, ITEM, true",
        "ITEM, FILE, false", "FILE, SERIES, false", "FILE, SUBSERIES, false", "SERIES, SUBFONDS, false",
        "ITEM, SERIES, false", "SUBFONDS, FONDS, false"})
    void mayContainFollowsTheLevelOrder(Level parent, Level child, boolean allowed) {
        assertThat(parent.mayContain(child)).isEqualTo(allowed);
    }

    @Test
    void onlyFondsMayBeRoot() {
        for (Level l : Level.values()) assertThat(l.mayBeRoot()).isEqualTo(l == Level.FONDS);
    }

    @Test
    void labelsAreBilingual() {
        assertThat(Level.FILE.labelZh()).isEqualTo("案卷");
        assertThat(Level.ITEM.labelZh()).isEqualTo("件");
        assertThat(AccessLevel.PUBLIC.labelZh()).isEqualTo("公开");
        assertThat(AccessLevel.CAMPUS.labelZh()).isEqualTo("校内");
        assertThat(AccessLevel.RESTRICTED.labelZh()).isEqualTo("限制");
        assertThat(AccessLevel.CONFIDENTIAL.labelZh()).isEqualTo("机密");
    }
}
