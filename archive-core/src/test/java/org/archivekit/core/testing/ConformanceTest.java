package org.archivekit.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

final class ConformanceTest {

    @Test
    void conformanceSuiteIsFoundFromEveryModuleDirectory() {
        assertThat(Files.isRegularFile(Conformance.require("PROVENANCE.md"))).isTrue();
        assertThat(Files.isDirectory(Conformance.require("schemas"))).isTrue();
    }
}
