package org.archivekit.search.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.spi.ChangeListener;
import org.archivekit.search.spi.IndexDocument;
import org.archivekit.search.spi.SearchBackend;

/**
 * Keeps a backend in step with the store: a {@link ChangeListener} that queues changed ids and one daemon thread
 * that indexes them in batches and refreshes the backend (near-real-time, no commit per write). Also the bulk
 * reindex. Thread-safe.
 */
public final class IndexSync implements ChangeListener, AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IndexSync.class);
    private static final int BATCH = 1000;
    /**
     * The reindex hands records from its reader to its workers in batches of this many, at most four batches per
     * worker waiting: a fraction of a second of work, so that few records live long enough to be copied by the
     * garbage collector (with batches of 1,000 and the same queue, about two seconds of records were in flight).
     */
    private static final int REINDEX_BATCH = 100;

    private final ArchiveStore store;
    private final Documents documents;
    private final SearchBackend backend;
    private final Object lock = new Object();
    private final Map<DescriptionId, Boolean> pending = new LinkedHashMap<>();
    private long queued;
    private long done;
    private boolean closed;
    private final Thread worker;

    /** Starts the worker thread. */
    public IndexSync(ArchiveStore store, Documents documents, SearchBackend backend) {
        this.store = store;
        this.documents = documents;
        this.backend = backend;
        this.worker = new Thread(this::run, "archivekit-index-sync");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void changed(Set<DescriptionId> ids, boolean withDescendants) {
        synchronized (lock) {
            if (closed) return;
            for (DescriptionId id : ids) {
                pending.merge(id, withDescendants, Boolean::logicalOr);
                queued++;
            }
            lock.notifyAll();
        }
    }

    /** Blocks until every change queued before this call is indexed and visible to searches. */
    public void awaitIdle() {
        synchronized (lock) {
            long target = queued;
            while (done < target && !closed) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void run() {
        while (true) {
            Map<DescriptionId, Boolean> work;
            synchronized (lock) {
                while (pending.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed && pending.isEmpty()) return;
                work = new LinkedHashMap<>(pending);
                pending.clear();
            }
            try {
                apply(work);
            } catch (RuntimeException e) {
                LOG.warn("indexing {} changed record(s) failed; run check-index to repair", work.size(), e);
            }
            synchronized (lock) {
                done += work.size();
                lock.notifyAll();
            }
        }
    }

    private void apply(Map<DescriptionId, Boolean> work) {
        List<IndexDocument> batch = new ArrayList<>();
        List<DescriptionId> gone = new ArrayList<>();
        Chains chains = new Chains(store);
        for (Map.Entry<DescriptionId, Boolean> e : work.entrySet()) {
            Optional<List<Description>> chain = chains.chain(e.getKey());
            if (chain.isEmpty()) {
                gone.add(e.getKey());
                continue;
            }
            batch.add(documents.of(chain.get()));
            if (e.getValue()) {
                try (Stream<Description> below = store.descendants(e.getKey())) {
                    below.forEach(d -> {
                        chains.chain(d).ifPresent(c -> batch.add(documents.of(c)));
                        if (batch.size() >= BATCH) {
                            backend.index(batch);
                            batch.clear();
                        }
                    });
                }
            }
            if (batch.size() >= BATCH) {
                backend.index(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) backend.index(batch);
        if (!gone.isEmpty()) backend.delete(gone);
        backend.refresh();
    }

    /**
     * Rebuilds the whole index from the store, telling {@code progress} how many records are done. The store is read
     * once: first every record above item level (kept in memory, a small share of an archive), so that each record's
     * inheritance (ancestor ids and text, access facts) is computed once and handed down; then the items in one
     * stream. A reader thread streams and decodes the store while worker threads (one per core) build documents and
     * index them concurrently, through a bounded queue (flat memory).
     */
    public long reindex(LongConsumer progress) {
        int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.BlockingQueue<List<Task>> queue = new java.util.concurrent.ArrayBlockingQueue<>(
                workers * 4);
        List<Task> end = List.of();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
        Object reported = new Object();
        long[] lastReported = {0};
        backend.bulk(true);
        try {
            backend.deleteAll();
            Thread reader = new Thread(() -> {
                try {
                    read(queue, stop);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    for (int i = 0; i < workers; i++) {
                        try {
                            queue.put(end);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }, "archivekit-reindex-reader");
            reader.setDaemon(true);
            // every worker waits for the others to run out of work before flushing its share of the buffer, so
            // that no worker flushes the buffer another one is still filling (which would make tiny segments)
            java.util.concurrent.CountDownLatch drained = new java.util.concurrent.CountDownLatch(workers);
            Runnable work = () -> {
                try {
                    while (true) {
                        List<Task> batch = queue.take();
                        if (batch == end) break;
                        if (stop.get()) continue; // drain, so that the reader never blocks
                        try {
                            List<IndexDocument> docs = new ArrayList<>(batch.size());
                            for (Task t : batch) docs.add(documents.of(t.up(), t.record()));
                            backend.add(docs);
                            long n = count.addAndGet(docs.size());
                            synchronized (reported) {
                                if (n > lastReported[0]) {
                                    lastReported[0] = n;
                                    progress.accept(n);
                                }
                            }
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                            stop.set(true);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.set(true);
                } finally {
                    drained.countDown();
                }
                try {
                    drained.await();
                    // this thread's share of the final flush, in parallel with the other workers'
                    if (!stop.get()) backend.flushAdded();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.set(true);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    stop.set(true);
                }
            };
            reader.start();
            List<Thread> helpers = new ArrayList<>();
            for (int i = 1; i < workers; i++) {
                Thread t = new Thread(work, "archivekit-reindex-" + i);
                t.setDaemon(true);
                t.start();
                helpers.add(t);
            }
            work.run(); // the calling thread is a worker too
            try {
                for (Thread t : helpers) t.join();
                reader.join();
            } catch (InterruptedException e) {
                stop.set(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("reindex interrupted after " + count.get() + " records", e);
            }
            if (failure.get() != null) throw failure.get();
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("reindex interrupted after " + count.get() + " records");
            }
            backend.commit();
        } finally {
            backend.bulk(false);
        }
        progress.accept(count.get());
        return count.get();
    }

    /** One record to index and what its parent passes on. */
    private record Task(Documents.@org.jspecify.annotations.Nullable Inherited up, Description record) {}

    /** Streams the store into {@code queue}: records above item level first (parents first), then the items. */
    private void read(java.util.concurrent.BlockingQueue<List<Task>> queue,
            java.util.concurrent.atomic.AtomicBoolean stop) throws InterruptedException {
        Map<DescriptionId, Description> upper = new java.util.HashMap<>();
        // in one read, not one per level (each of which walks the whole table of a SQLite store)
        try (Stream<Description> s = store.allOf(java.util.EnumSet.complementOf(java.util.EnumSet.of(
                org.archivekit.core.model.Level.ITEM)))) {
            s.forEach(d -> upper.put(d.id(), d));
        }
        Map<DescriptionId, Optional<Documents.Inherited>> inherited = new java.util.HashMap<>();
        Chains chains = new Chains(store);
        List<Task> batch = new ArrayList<>(REINDEX_BATCH);
        for (Description d : upper.values()) {
            if (stop.get()) return;
            batch = offer(queue, batch, task(d, upper, inherited, chains));
        }
        try (Stream<Description> items = store.all(org.archivekit.core.model.Level.ITEM)) {
            for (Description d : (Iterable<Description>) items::iterator) {
                if (stop.get()) return;
                batch = offer(queue, batch, task(d, upper, inherited, chains));
            }
        }
        if (!batch.isEmpty()) queue.put(batch);
    }

    /** Adds {@code task} (if any) to {@code batch}; a full batch goes to the queue and a new one is returned. */
    private static List<Task> offer(java.util.concurrent.BlockingQueue<List<Task>> queue, List<Task> batch,
            Optional<Task> task) throws InterruptedException {
        if (task.isEmpty()) return batch;
        batch.add(task.get());
        if (batch.size() < REINDEX_BATCH) return batch;
        queue.put(batch);
        return new ArrayList<>(REINDEX_BATCH);
    }

    /** The task of {@code d}, or empty for an orphan (nothing to show: fail closed). */
    private Optional<Task> task(Description d, Map<DescriptionId, Description> upper,
            Map<DescriptionId, Optional<Documents.Inherited>> inherited, Chains chains) {
        if (d.parent() == null) return Optional.of(new Task(null, d));
        Optional<Documents.Inherited> up = inheritance(d.parent(), upper, inherited, chains, 0);
        return up.map(u -> new Task(u, d));
    }

    /** What {@code id} passes on to its children, computed once per parent. */
    private Optional<Documents.Inherited> inheritance(DescriptionId id, Map<DescriptionId, Description> upper,
            Map<DescriptionId, Optional<Documents.Inherited>> inherited, Chains chains, int depth) {
        Optional<Documents.Inherited> known = inherited.get(id);
        if (known != null) return known;
        Description d = upper.get(id);
        Optional<Documents.Inherited> out;
        if (d == null || depth > 64) {
            // a parent at item level (or a very deep chain): read its chain from the store
            out = chains.chain(id).map(c -> {
                Documents.Inherited u = null;
                for (Description a : c) u = documents.inherit(u, a);
                return u;
            });
        } else if (d.parent() == null) {
            out = Optional.of(documents.inherit(null, d));
        } else {
            out = inheritance(d.parent(), upper, inherited, chains, depth + 1).map(u -> documents.inherit(u, d));
        }
        inherited.put(id, out);
        return out;
    }

    /** Reindexes {@code ids} (deleting those gone from the store) now, on the calling thread. */
    public void reindex(Set<DescriptionId> ids) {
        Map<DescriptionId, Boolean> work = new LinkedHashMap<>();
        ids.forEach(id -> work.put(id, false));
        apply(work);
    }

    /** The document the store's current state gives for {@code id}, or empty when the record is gone. */
    public Optional<IndexDocument> document(DescriptionId id) {
        return new Chains(store).chain(id).map(documents::of);
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ancestor chains read from the store, caching the chains of parents (bounded). */
    static final class Chains {
        private static final int CACHE = 4096;
        private final ArchiveStore store;
        private final Map<DescriptionId, List<Description>> cache = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<DescriptionId, List<Description>> eldest) {
                return size() > CACHE;
            }
        };

        Chains(ArchiveStore store) {
            this.store = store;
        }

        Optional<List<Description>> chain(DescriptionId id) {
            List<Description> c = cache.get(id);
            if (c != null) return Optional.of(c);
            return store.find(id).flatMap(this::chain);
        }

        Optional<List<Description>> chain(Description d) {
            List<Description> c;
            if (d.parent() == null) {
                c = List.of(d);
            } else {
                Optional<List<Description>> p = chain(d.parent());
                if (p.isEmpty()) return Optional.empty(); // an orphan: nothing to show, fail closed
                List<Description> l = new ArrayList<>(p.get().size() + 1);
                l.addAll(p.get());
                l.add(d);
                c = List.copyOf(l);
            }
            if (d.level() != org.archivekit.core.model.Level.ITEM) cache.put(d.id(), c);
            return Optional.of(c);
        }
    }
}
