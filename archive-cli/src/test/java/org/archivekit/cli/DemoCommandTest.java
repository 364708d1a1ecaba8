package org.archivekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DemoCommandTest {
    @TempDir
    Path home;

    @Test
    void printsCountsPerLevelAndPerEffectiveAccessLevel() {
        Cli.Result r = Cli.run(home, "demo", "--items", "200", "--seed", "3");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("示范大学档案馆 Demo University Archives (CN-DEMO-U)")
                .containsPattern("全宗 Fonds +7\\n")
                .containsPattern("件 Item +200\\n")
                .containsPattern("公开 Public +\\d+ +\\d+\\n")
                .contains("校内 Campus", "限制 Restricted", "机密 Confidential")
                .containsPattern("Stored [\\d,]+ records in \\d+\\.\\d s");
        assertThat(home.resolve("archive.db")).isRegularFile();
    }

    @Test
    void refusesAnArchiveWithDataUnlessForced() {
        assertThat(Cli.run(home, "demo", "--items", "100").exitCode()).isZero();

        Cli.Result refused = Cli.run(home, "demo", "--items", "100");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).startsWith("archivekit: ").contains("archive.db", "already holds", "--force");

        Cli.Result forced = Cli.run(home, "demo", "--items", "150", "--force");
        assertThat(forced.exitCode()).isZero();
        assertThat(forced.out()).containsPattern("件 Item +150\\n");
    }

    @Test
    void fillsAHomeThatInitLeftEmpty() {
        Cli.Result init = Cli.run(home, "init");
        assertThat(init.exitCode()).isZero();
        assertThat(init.out()).contains("Initialized an empty archive");
        assertThat(Cli.run(home, "init").out()).contains("already initialized");

        assertThat(Cli.run(home, "demo", "--items", "100").exitCode()).isZero();
    }

    @Test
    void rejectsItemCountsOutOfRange() {
        Cli.Result r = Cli.run(home, "demo", "--items", "5");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("archivekit: --items must be 100 to 1,000,000, got 5" + System.lineSeparator());
    }
}
