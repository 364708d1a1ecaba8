package org.archivekit.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.archivekit.search.spi.SearchBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SearchBackendsTest {
    @TempDir
    Path dir;

    @Test
    void findsLuceneByName() {
        try (SearchBackend b = SearchBackends.load("lucene", Map.of("lucene.directory", dir.toString())::get)) {
            assertThat(b.name()).isEqualTo("lucene");
            assertThat(b.health().isHealthy()).isTrue();
        }
    }

    @Test
    void anUnknownNameListsTheAvailableOnes() {
        assertThatThrownBy(() -> SearchBackends.load("solr", Map.<String, String>of()::get))
                .isInstanceOf(SearchException.class).hasMessageContaining("available: lucene");
    }

    @Test
    void missingSettingsAreNamed() {
        assertThatThrownBy(() -> SearchBackends.load("lucene", Map.<String, String>of()::get))
                .isInstanceOf(SearchException.class).hasMessageContaining("lucene.directory");
    }
}
