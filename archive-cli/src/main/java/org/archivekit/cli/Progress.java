package org.archivekit.cli;

import java.io.PrintWriter;
import java.util.Iterator;

/**
 * A progress bar on stderr for long work, drawn only when a person watches (a terminal); otherwise it prints
 * nothing, so piped and captured output stays clean. Not thread-safe.
 */
final class Progress {
    private static final int BAR = 30;

    private final PrintWriter err;
    private final boolean visible;
    private final String label;
    private final long total;
    private long done;
    private int lastPermille = -1;

    Progress(CliContext context, String label, long total) {
        this.err = context.err();
        this.visible = context.isInteractive() && total > 0;
        this.label = label;
        this.total = total;
    }

    /** {@code source}, advancing the bar by one for each element taken. */
    <T> Iterator<T> track(Iterator<T> source) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public T next() {
                T t = source.next();
                step();
                return t;
            }
        };
    }

    void step() {
        done++;
        if (!visible) return;
        int permille = (int) Math.min(1000, done * 1000 / total);
        if (permille == lastPermille) return;
        lastPermille = permille;
        int filled = permille * BAR / 1000;
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] "
                + String.format(java.util.Locale.ROOT, "%3d%%", permille / 10) + " " + Text.count(done) + "/"
                + Text.count(total));
        err.flush();
    }

    /** Clears the bar's line. */
    void finish() {
        if (!visible || lastPermille < 0) return;
        err.print("\r" + " ".repeat(label.length() + BAR + 40) + "\r");
        err.flush();
    }
}
