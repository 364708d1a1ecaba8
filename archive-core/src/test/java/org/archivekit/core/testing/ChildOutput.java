package org.archivekit.core.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Follows what a child JVM prints, line by line, for the crash tests that kill it: wait for a line, then read what
 * is left once it is gone. Every line read is kept in {@link #seen()}.
 */
public final class ChildOutput {
    /** Marks the end of the child's output; compared by identity. */
    private static final String END = new String("<end>");

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Path stderr;
    private final Thread reader;

    private ChildOutput(Process child, Path stderr) {
        this.stderr = stderr;
        this.reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) lines.add(line);
            } catch (IOException closedByTheKill) {
                // the pipe goes away with the process
            } finally {
                lines.add(END);
            }
        }, "crash-child-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts following {@code child}, whose standard error goes to the file {@code stderr}. */
    public static ChildOutput follow(Process child, Path stderr) {
        return new ChildOutput(child, stderr);
    }

    /** Waits (two minutes at most) for a line starting with {@code prefix}; fails, with the child's stderr, if it ends first. */
    public void await(String prefix) throws Exception {
        while (true) {
            String line = lines.poll(2, TimeUnit.MINUTES);
            if (line == null || line == END) {
                fail("the child did not print " + prefix + "; its stderr:\n" + Files.readString(stderr));
            }
            seen.add(line);
            if (line.startsWith(prefix)) return;
        }
    }

    /** After the child is gone: reads the rest of its output into {@link #seen()}. */
    public void finish() throws InterruptedException {
        reader.join(TimeUnit.SECONDS.toMillis(30));
        for (String l; (l = lines.poll()) != null && l != END; ) seen.add(l);
    }

    /** Every line read so far, in order. A line printed just before a kill may be lost with the pipe. */
    public List<String> seen() {
        return seen;
    }
}
