package org.archivekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar as a user would: a separate JVM, stdout and stderr piped. */
final class CliJarIT {
    private static final Path JAR = Path.of("target", "archivekit.jar");

    @TempDir
    Path work;

    record Run(int exitCode, String out, String err) {}

    private Run archivekit(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "--home", work.resolve("home").toString()));
        command.addAll(List.of(args));
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("archivekit %s finished", command).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void demoThenShowThroughTheShadedJar() throws Exception {
        assertThat(JAR).as("the shaded jar (built by package)").isRegularFile();

        Run demo = archivekit("demo", "--items", "200");
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.err()).as("quiet when piped: no progress bar, no library logging").isEmpty();
        assertThat(demo.out()).containsPattern("件 Item +200").contains("公开 Public");

        Run show = archivekit("show", "Z001");
        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).startsWith("Z001  全宗 Fonds  公开 Public").contains("校长办公室");

        Run missing = archivekit("show", "Z999");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).isEqualTo("archivekit: no record with id 'Z999'" + System.lineSeparator());

        Run bad = archivekit("list", "--level", "box");
        assertThat(bad.exitCode()).isEqualTo(2);
    }
}
