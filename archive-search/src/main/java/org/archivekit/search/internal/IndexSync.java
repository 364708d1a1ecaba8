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
     * Rebuilds the whole index from the store, telling {@code progress} how many records are done. One thread reads
     * the store and builds documents while the calling thread indexes them, so the two overlap.
     */
    public long reindex(LongConsumer progress) {
        backend.deleteAll();
        java.util.concurrent.BlockingQueue<List<IndexDocument>> queue =
                new java.util.concurrent.ArrayBlockingQueue<>(8);
        List<IndexDocument> end = List.of();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> {
            Chains chains = new Chains(store);
            List<IndexDocument> batch = new ArrayList<>(BATCH);
            try (Stream<Description> all = store.all(null)) {
                for (Description d : (Iterable<Description>) all::iterator) {
                    if (stop.get()) return;
                    Optional<List<Description>> c = chains.chain(d);
                    if (c.isEmpty()) continue;
                    batch.add(documents.of(c.get()));
                    if (batch.size() == BATCH) {
                        queue.put(batch);
                        batch = new ArrayList<>(BATCH);
                    }
                }
                if (!batch.isEmpty()) queue.put(batch);
            } catch (RuntimeException e) {
                failure.set(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    queue.put(end);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "archivekit-reindex-reader");
        reader.setDaemon(true);
        reader.start();
        long n = 0;
        try {
            while (true) {
                List<IndexDocument> batch = queue.take();
                if (batch == end) break;
                backend.index(batch);
                n += batch.size();
                progress.accept(n);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reindex interrupted after " + n + " records", e);
        } finally {
            stop.set(true);
            queue.clear();
        }
        if (failure.get() != null) throw failure.get();
        progress.accept(n);
        backend.commit();
        backend.refresh();
        return n;
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
