package org.archivekit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs every example, so that each keeps compiling and working. */
final class ExamplesIT {

    @Test
    void quickStartRunsAndHidesTheCampusRecordFromThePublic() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        QuickStart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out).contains("Public sees Z001-WS.2001-Y-0001-0001: 校长办公会议纪要（第1次） [公开 Public]")
                .contains("Public sees 1 of the file's 2 items; campus sees 2")
                .contains("Campus sees Z001-WS.2001-Y-0001-0002: Campus")
                .contains("gets NotFoundException: no record with id 'Z001-WS.2001-Y-0001-0002'")
                .contains("A missing id gets the same exception:        no record with id");
    }

    @Test
    void quickStartMainRuns() throws Exception {
        QuickStart.main(new String[0]);
    }
}
