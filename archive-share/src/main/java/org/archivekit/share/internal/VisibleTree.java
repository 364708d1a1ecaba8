package org.archivekit.share.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.archivekit.core.Archive;
import org.archivekit.core.ExportException;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Lineage;
import org.archivekit.core.access.Principal;
import org.archivekit.core.internal.LineageResolver;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.spi.RenderedEntry;
import org.jspecify.annotations.Nullable;

/**
 * Walks a record and its descendants that a caller may see, depth first and in sibling order, from one streamed
 * {@link ArchiveStore#subtree} read: memory holds the open lineage (one frame per open level), never the tree.
 *
 * <p>The root goes through {@link Archive#view} (a hidden root looks missing and the refusal is audited); below it
 * each record is shown only when the archive's {@link AccessPolicy} lets the caller see it, decided exactly as
 * {@link Archive#children} decides (lineage from the parent's, then {@code canSee}); a hidden record's whole subtree
 * is passed over, however the caller's clearance would judge the records in it.
 *
 * <p>{@link #walkAhead} does the same walk on a second thread (store read, decoding and access decisions) while the
 * visitor runs on the caller's thread, handing records over in small batches through a bounded queue.
 */
public final class VisibleTree {

    private VisibleTree() {}

    /** What the walk reports. Exceptions thrown by a visitor end the walk. */
    public interface Visitor<E extends Exception> {
        /** A visible record, before its children; {@code depth} is 0 for the root. */
        void enter(Description record, int depth) throws E;

        /**
         * A visible record with its stored rendition (when the walk was asked for a format and the record has a
         * current one), before its children: {@code record} then holds only its access facts (see {@link
         * org.archivekit.core.spi.RenderedEntry}). Without a rendition this is {@link #enter(Description, int)}.
         */
        default void enter(Description record, int depth, byte @Nullable [] rendition) throws E {
            if (rendition != null) throw new IllegalStateException("this visitor takes no renditions");
            enter(record, depth);
        }

        /** After the record's children. */
        void exit(Description record, int depth) throws E;

        /** {@code hidden} children of {@code parent} were not shown; called after its visible children. */
        default void withheld(Description parent, long hidden, int depth) throws E {}
    }

    /** One open, visible record: its access facts and how many of its children were hidden so far. */
    private static final class Frame {
        final Lineage lineage;
        final int depth;
        long hidden;

        Frame(Lineage lineage, int depth) {
            this.lineage = lineage;
            this.depth = depth;
        }
    }

    /**
     * Walks {@code id} and its visible descendants.
     *
     * @return how many records were visited
     * @throws org.archivekit.core.NotFoundException when {@code id} is missing or hidden from {@code caller}
     */
    public static <E extends Exception> long walk(Archive archive, Principal caller, DescriptionId id,
            Visitor<E> visitor) throws E {
        return walk(archive, caller, id, visitor, null, 0);
    }

    /**
     * {@link #walk(Archive, Principal, DescriptionId, Visitor)}, handing each visible record below the root with
     * its stored rendition in {@code format} and {@code formatVersion} where it has a current one (through {@link
     * Visitor#enter(Description, int, byte[])}); a null format reads no renditions. Access is decided from the
     * record's stored access facts exactly as from the whole record, so the same records are shown; a hidden
     * record's rendition is read with the row but never handed on, and nothing below it is.
     */
    public static <E extends Exception> long walk(Archive archive, Principal caller, DescriptionId id,
            Visitor<E> visitor, @Nullable String format, int formatVersion) throws E {
        Objects.requireNonNull(visitor, "visitor");
        RecordView root = archive.view(caller, id);
        AccessPolicy policy = archive.policy();
        Lineage rootLineage = new LineageResolver(archive.store(), policy).lineage(root.description());
        Deque<Frame> open = new ArrayDeque<>();
        visitor.enter(root.description(), 0);
        open.push(new Frame(rootLineage, 0));
        long n = 1;
        int hiddenBelow = Integer.MAX_VALUE; // the depth of the hidden record whose subtree is being passed over
        try (Stream<RenderedEntry> tree = format == null
                ? archive.store().subtree(id).map(t -> new RenderedEntry(t.description(), t.depth(), null))
                : archive.store().renderedSubtree(id, format, formatVersion)) {
            Iterator<RenderedEntry> it = tree.iterator();
            if (it.hasNext()) it.next(); // the root itself, already shown from the view
            while (it.hasNext()) {
                RenderedEntry e = it.next();
                int depth = e.depth();
                if (depth > hiddenBelow) continue;
                hiddenBelow = Integer.MAX_VALUE;
                while (open.peek().depth >= depth) close(open.pop(), visitor);
                Frame parent = open.peek();
                if (depth != parent.depth + 1) {
                    throw new IllegalStateException("the store's subtree of '" + id + "' skipped a level at '"
                            + e.description().id() + "'");
                }
                Lineage l = policy.child(parent.lineage, e.description());
                if (!policy.canSee(caller, l)) {
                    parent.hidden++;
                    hiddenBelow = depth;
                    continue;
                }
                visitor.enter(e.description(), depth, e.rendition());
                open.push(new Frame(l, depth));
                n++;
            }
        }
        while (!open.isEmpty()) close(open.pop(), visitor);
        return n;
    }

    /** Records per hand-off of {@link #walkAhead}. */
    static final int BATCH = 128;
    /** Batches in flight at most: with the one being filled and the one being written, memory stays flat. */
    static final int QUEUE = 3;

    /**
     * {@link #walk}, with the walk itself (the store's read, decoding each record, the access decisions) on a
     * second thread and {@code visitor} on the calling thread, so that an export keeps two cores busy. Records go
     * over in batches of {@value #BATCH} through a queue of {@value #QUEUE}, so memory stays flat however large
     * the tree. The visitor sees exactly what {@link #walk} would show it, in the same order.
     *
     * <p>A failure of the walk (a hidden or missing root, a storage error) is rethrown here as it was thrown, after
     * the visits before it. A failure of the visitor stops the walk: the walking thread ends (closing the store's
     * read) before this method rethrows. An interrupt of the calling thread does the same and ends in an {@link
     * ExportException}, with the interrupt status kept. No thread outlives the call.
     *
     * @return how many records were visited
     * @throws org.archivekit.core.NotFoundException when {@code id} is missing or hidden from {@code caller}
     */
    public static <E extends Exception> long walkAhead(Archive archive, Principal caller, DescriptionId id,
            Visitor<E> visitor) throws E {
        return walkAhead(archive, caller, id, visitor, null, 0);
    }

    /**
     * {@link #walkAhead(Archive, Principal, DescriptionId, Visitor)} with renditions, as {@link #walk(Archive,
     * Principal, DescriptionId, Visitor, String, int)} hands them.
     */
    public static <E extends Exception> long walkAhead(Archive archive, Principal caller, DescriptionId id,
            Visitor<E> visitor, @Nullable String format, int formatVersion) throws E {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(visitor, "visitor");
        Ahead ahead = new Ahead();
        Thread walker = new Thread(() -> ahead.run(archive, caller, id, format, formatVersion),
                "archivekit-walk-" + id);
        walker.setDaemon(true);
        walker.start();
        boolean done = false;
        try {
            while (true) {
                Batch b = ahead.queue.take();
                for (int i = 0; i < b.size; i++) {
                    Description d = b.records[i];
                    int depth = b.depths[i];
                    switch (b.kinds[i]) {
                        case ENTER -> visitor.enter(d, depth, b.renditions[i]);
                        case EXIT -> visitor.exit(d, depth);
                        default -> visitor.withheld(d, b.hidden[i], depth);
                    }
                }
                if (b.last) {
                    done = true;
                    if (b.failure instanceof RuntimeException e) throw e;
                    if (b.failure instanceof Error e) throw e;
                    return b.visited;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportException("the walk of '" + id + "' was interrupted", e);
        } finally {
            if (!done) ahead.cancelled = true;
            boolean interrupted = false;
            while (true) {
                try {
                    walker.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the walker ends by itself within one record; wait for it
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private static final byte ENTER = 0;
    private static final byte EXIT = 1;
    private static final byte WITHHELD = 2;

    /** Visits in walk order, or the walk's end (with its count or failure). */
    private static final class Batch {
        final byte[] kinds = new byte[BATCH];
        final Description[] records = new Description[BATCH];
        final int[] depths = new int[BATCH];
        final long[] hidden = new long[BATCH];
        final byte[][] renditions = new byte[BATCH][];
        int size;
        boolean last;
        long visited;
        Throwable failure;
    }

    /** Stops the walking thread's walk when the visitor's side has given up. */
    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super(null, null, false, false);
        }
    }

    /** The walking side of {@link #walkAhead}. */
    private static final class Ahead implements Visitor<RuntimeException> {
        final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE);
        volatile boolean cancelled;
        private Batch batch = new Batch();

        void run(Archive archive, Principal caller, DescriptionId id, @Nullable String format, int formatVersion) {
            Batch end;
            try {
                long n = walk(archive, caller, id, this, format, formatVersion);
                end = batch;
                end.visited = n;
            } catch (Cancelled c) {
                return; // nobody is listening any more
            } catch (RuntimeException | Error e) {
                end = batch;
                end.failure = e;
            }
            end.last = true;
            try {
                hand(end);
            } catch (Cancelled c) {
                // the visitor's side gave up meanwhile
            }
        }

        @Override
        public void enter(Description record, int depth) {
            add(ENTER, record, depth, 0, null);
        }

        @Override
        public void enter(Description record, int depth, byte @Nullable [] rendition) {
            add(ENTER, record, depth, 0, rendition);
        }

        @Override
        public void exit(Description record, int depth) {
            add(EXIT, record, depth, 0, null);
        }

        @Override
        public void withheld(Description parent, long hidden, int depth) {
            add(WITHHELD, parent, depth, hidden, null);
        }

        private void add(byte kind, Description d, int depth, long hidden, byte @Nullable [] rendition) {
            if (cancelled) throw new Cancelled();
            Batch b = batch;
            b.kinds[b.size] = kind;
            b.records[b.size] = d;
            b.depths[b.size] = depth;
            b.hidden[b.size] = hidden;
            b.renditions[b.size] = rendition;
            if (++b.size == BATCH) {
                batch = new Batch();
                hand(b);
            }
        }

        /** Puts {@code b} on the queue, waiting while it is full, until the visitor's side gives up. */
        private void hand(Batch b) {
            try {
                while (!queue.offer(b, 50, TimeUnit.MILLISECONDS)) {
                    if (cancelled) throw new Cancelled();
                }
            } catch (InterruptedException e) {
                throw new Cancelled(); // only this class's owner could interrupt the walker; it means stop
            }
        }
    }

    private static <E extends Exception> void close(Frame f, Visitor<E> visitor) throws E {
        Description d = f.lineage.record();
        if (f.hidden > 0) visitor.withheld(d, f.hidden, f.depth + 1);
        visitor.exit(d, f.depth);
    }
}
