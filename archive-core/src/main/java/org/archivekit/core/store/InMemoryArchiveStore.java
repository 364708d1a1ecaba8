package org.archivekit.core.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.archivekit.core.ConflictException;
import org.archivekit.core.HierarchyException;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.model.AuditEvent;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.spi.HierarchyRules;
import org.archivekit.core.spi.RecordRenderer;
import org.archivekit.core.spi.RenderedEntry;
import org.archivekit.core.spi.TreeEntry;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ArchiveStore} that keeps everything in memory, for tests and small embedded uses; nothing survives
 * {@link #close()} or the JVM, so "durable" here means "visible to every later call".
 *
 * <p>Thread-safe: one read-write lock guards all state, so writes are serialized and reads run together. Streams
 * are snapshots taken when the method is called. {@link #createAll} stages the batch and publishes it only when
 * every record passed, so it is atomic, but it holds the whole batch in memory.
 *
 * @since 0.1
 */
public final class InMemoryArchiveStore implements ArchiveStore {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<InstitutionCode, Institution> institutions = new TreeMap<>();
    private final Map<DescriptionId, Description> records = new TreeMap<>();
    private final Map<DescriptionId, Set<DescriptionId>> childIds = new HashMap<>();
    private final java.util.NavigableSet<ChangeKey> changes = new java.util.TreeSet<>();
    private final List<AuditEvent> audit = new ArrayList<>();
    private volatile boolean closed;

    private record Entry(Description d, int depth, String path) {
        static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::depth)
                .thenComparing(Entry::path)
                .thenComparing(Entry::d, StoreSupport.SIBLING_ORDER);
    }

    private record ChangeKey(java.time.Instant at, DescriptionId id) implements Comparable<ChangeKey> {
        @Override
        public int compareTo(ChangeKey o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    /** Creates an empty store. */
    public InMemoryArchiveStore() {}

    @Override
    public void putInstitution(Institution institution) {
        Objects.requireNonNull(institution, "institution");
        write(() -> institutions.put(institution.code(), institution));
    }

    @Override
    public Optional<Institution> findInstitution(InstitutionCode code) {
        Objects.requireNonNull(code, "code");
        return read(() -> Optional.ofNullable(institutions.get(code)));
    }

    @Override
    public List<Institution> institutions() {
        return read(() -> List.copyOf(institutions.values()));
    }

    @Override
    public Description create(Description description, AuditEvent event) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(event, "audit");
        return write(() -> {
            checkNew(description, records::get, Set.of());
            Description stored = StoreSupport.asCreated(description);
            put(stored);
            append(StoreSupport.auditOf(event, stored.id(), 0, 1));
            return stored;
        });
    }

    @Override
    public Description update(Description description, long expectedVersion, AuditEvent event) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(event, "audit");
        return write(() -> {
            Description stored = records.get(description.id());
            if (stored == null) throw NotFoundException.forId(description.id().value());
            if (stored.version() != expectedVersion) {
                throw ConflictException.versionMismatch(description.id().value(), expectedVersion, stored.version());
            }
            if (description.parent() != null) {
                Description parent = records.get(description.parent());
                HierarchyRules.checkParent(description, parent,
                        parent == null ? List.of() : ancestorIds(parent.id()));
            }
            List<Description> children = children(description.id());
            if (!description.institution().equals(stored.institution()) && !children.isEmpty()) {
                throw new HierarchyException("record '" + description.id() + "' cannot move to institution "
                        + description.institution() + " while it holds records of " + stored.institution());
            }
            HierarchyRules.checkChildren(description, children);
            Description updated = StoreSupport.asUpdated(description, stored);
            remove(stored);
            put(updated);
            append(StoreSupport.auditOf(event, updated.id(), expectedVersion, updated.version()));
            return updated;
        });
    }

    @Override
    public long createAll(Iterator<Description> descriptions, AuditEvent event) {
        Objects.requireNonNull(descriptions, "descriptions");
        Objects.requireNonNull(event, "audit");
        return write(() -> {
            Map<DescriptionId, Description> staged = new LinkedHashMap<>();
            while (descriptions.hasNext()) {
                Description d = Objects.requireNonNull(descriptions.next(), "a description in the batch");
                checkNew(d, id -> {
                    Description s = staged.get(id);
                    return s != null ? s : records.get(id);
                }, staged.keySet());
                staged.put(d.id(), StoreSupport.asCreated(d));
            }
            staged.values().forEach(this::put);
            append(new AuditEvent(0, event.at(), event.actor(), event.action(), event.target(), 0, 1,
                    event.detail()));
            return (long) staged.size();
        });
    }

    @Override
    public Optional<Description> find(DescriptionId id) {
        Objects.requireNonNull(id, "id");
        return read(() -> Optional.ofNullable(records.get(id)));
    }

    @Override
    public Map<DescriptionId, Long> versions(java.util.Collection<DescriptionId> ids) {
        Objects.requireNonNull(ids, "ids");
        return read(() -> {
            Map<DescriptionId, Long> out = new HashMap<>();
            for (DescriptionId id : ids) {
                Description d = records.get(id);
                if (d != null) out.put(id, d.version());
            }
            return out;
        });
    }

    @Override
    public List<Description> ancestors(DescriptionId id) {
        Objects.requireNonNull(id, "id");
        return read(() -> {
            List<Description> out = new ArrayList<>();
            Description d = records.get(id);
            while (d != null && d.parent() != null) {
                d = records.get(d.parent());
                if (d != null) out.add(0, d);
            }
            return List.copyOf(out);
        });
    }

    @Override
    public List<Description> children(DescriptionId parent, @Nullable DescriptionId after, int limit) {
        Objects.requireNonNull(parent, "parent");
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        return read(() -> {
            List<Description> all = children(parent);
            int from = 0;
            if (after != null) {
                Description mark = records.get(after);
                if (mark == null) throw NotFoundException.forId(after.value());
                if (!parent.equals(mark.parent())) {
                    throw new IllegalArgumentException("'" + after + "' is not a child of '" + parent + "'");
                }
                while (from < all.size() && StoreSupport.SIBLING_ORDER.compare(all.get(from), mark) <= 0) from++;
            }
            return List.copyOf(all.subList(from, Math.min(all.size(), from + limit)));
        });
    }

    @Override
    public long countChildren(DescriptionId parent) {
        Objects.requireNonNull(parent, "parent");
        return read(() -> (long) childIds.getOrDefault(parent, Set.of()).size());
    }

    @Override
    public List<Description> roots(InstitutionCode institution) {
        Objects.requireNonNull(institution, "institution");
        return read(() -> records.values().stream()
                .filter(d -> d.parent() == null && d.institution().equals(institution))
                .sorted(StoreSupport.SIBLING_ORDER)
                .collect(Collectors.toUnmodifiableList()));
    }

    @Override
    public Stream<TreeEntry> subtree(DescriptionId id) {
        Objects.requireNonNull(id, "id");
        return read(() -> {
            // a snapshot like every stream here: the entries only point at records the store already holds
            Description root = records.get(id);
            if (root == null) return Stream.<TreeEntry>empty();
            List<TreeEntry> out = new ArrayList<>();
            java.util.Deque<TreeEntry> pending = new java.util.ArrayDeque<>();
            pending.push(new TreeEntry(root, 0));
            while (!pending.isEmpty()) {
                TreeEntry e = pending.pop();
                out.add(e);
                List<Description> kids = children(e.description().id());
                for (int i = kids.size() - 1; i >= 0; i--) pending.push(new TreeEntry(kids.get(i), e.depth() + 1));
            }
            return out.stream();
        });
    }

    // ---- renditions --------------------------------------------------------------------------------------------

    /** A kept rendition: the versions it was made with and its bytes. */
    private record Rendition(int formatVersion, long recordVersion, byte[] body) {}

    private final Map<String, RecordRenderer> renderers = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per record, per format; guarded by {@link #lock} like the records. */
    private final Map<DescriptionId, Map<String, Rendition>> renditions = new HashMap<>();

    @Override
    public void registerRenderer(RecordRenderer renderer) {
        Objects.requireNonNull(renderer, "renderer");
        renderers.put(RecordRenderer.checkFormat(renderer.format()), renderer);
    }

    /** Keeps every registered renderer's rendition of {@code d} (called with the write lock held). */
    private void render(Description d) {
        Map<String, Rendition> mine = renditions.computeIfAbsent(d.id(), k -> new HashMap<>());
        for (RecordRenderer r : renderers.values()) {
            byte[] body = StoreSupport.renderOrNull(r, d);
            if (body == null) mine.remove(r.format());
            else mine.put(r.format(), new Rendition(r.formatVersion(), d.version(), body.clone()));
        }
    }

    @Override
    public Stream<RenderedEntry> renderedSubtree(DescriptionId id, String format, int formatVersion) {
        Objects.requireNonNull(id, "id");
        RecordRenderer.checkFormat(format);
        return read(() -> {
            List<RenderedEntry> out = new ArrayList<>();
            try (Stream<TreeEntry> tree = subtree(id)) {
                tree.forEach(e -> {
                    Map<String, Rendition> mine = renditions.get(e.description().id());
                    Rendition r = mine == null ? null : mine.get(format);
                    boolean valid = r != null && r.formatVersion == formatVersion
                            && r.recordVersion == e.description().version();
                    out.add(new RenderedEntry(e.description(), e.depth(), valid ? r.body.clone() : null));
                });
            }
            return out.stream();
        });
    }

    @Override
    public Stream<Description> descendants(DescriptionId id) {
        Objects.requireNonNull(id, "id");
        return read(() -> {
            // same order as the SQL stores: depth, then the path of ancestor ids, then sibling order
            List<Entry> out = new ArrayList<>();
            Description root = records.get(id);
            if (root == null) return Stream.<Description>empty();
            List<Entry> level = List.of(new Entry(root, 0, ""));
            while (!level.isEmpty()) {
                List<Entry> next = new ArrayList<>();
                for (Entry e : level) {
                    String childPath = e.path + e.d.id().value() + "/";
                    for (Description c : children(e.d.id())) next.add(new Entry(c, e.depth + 1, childPath));
                }
                out.addAll(next);
                level = next;
            }
            out.sort(Entry.ORDER);
            return out.stream().map(Entry::d).collect(Collectors.toList()).stream();
        });
    }

    @Override
    public Stream<Description> all(@Nullable Level level) {
        return read(() -> records.values().stream()
                .filter(d -> level == null || d.level() == level)
                .collect(Collectors.toList()).stream());
    }

    /** In one pass, in id order. */
    @Override
    public Stream<Description> allOf(Set<Level> levels) {
        Objects.requireNonNull(levels, "levels");
        Set<Level> in = levels.isEmpty() ? Set.of() : java.util.EnumSet.copyOf(levels);
        return read(() -> records.values().stream()
                .filter(d -> in.contains(d.level()))
                .collect(Collectors.toList()).stream());
    }

    @Override
    public List<Description> changes(java.time.@Nullable Instant since, @Nullable DescriptionId afterId, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        if (since == null && afterId != null) {
            throw new IllegalArgumentException("a change position needs its instant as well as its id");
        }
        return read(() -> {
            java.util.NavigableSet<ChangeKey> tail = since == null ? changes
                    : afterId == null ? changes.tailSet(new ChangeKey(since, DescriptionId.of("0")), true)
                    : changes.tailSet(new ChangeKey(since, afterId), false);
            List<Description> out = new ArrayList<>();
            for (ChangeKey k : tail) {
                if (out.size() == limit) break;
                out.add(records.get(k.id()));
            }
            return List.copyOf(out);
        });
    }

    @Override
    public Map<Level, Long> countByLevel() {
        return read(() -> {
            Map<Level, Long> counts = new EnumMap<>(Level.class);
            for (Description d : records.values()) counts.merge(d.level(), 1L, Long::sum);
            return Map.copyOf(counts);
        });
    }

    @Override
    public AuditEvent appendAudit(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        return write(() -> append(event));
    }

    @Override
    public Stream<AuditEvent> auditLog(long fromSequence) {
        return read(() -> audit.stream().filter(e -> e.sequence() >= fromSequence)
                .collect(Collectors.toList()).stream());
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkNew(Description d, java.util.function.Function<DescriptionId, @Nullable Description> lookup,
            Set<DescriptionId> staged) {
        if (records.containsKey(d.id()) || staged.contains(d.id())) throw ConflictException.duplicate(d.id().value());
        if (d.parent() != null) HierarchyRules.checkParent(d, lookup.apply(d.parent()), List.of());
    }

    private List<DescriptionId> ancestorIds(DescriptionId id) {
        List<DescriptionId> out = new ArrayList<>();
        Set<DescriptionId> seen = new LinkedHashSet<>();
        Description d = records.get(id);
        while (d != null && d.parent() != null && seen.add(d.parent())) {
            out.add(d.parent());
            d = records.get(d.parent());
        }
        return out;
    }

    private List<Description> children(DescriptionId parent) {
        return childIds.getOrDefault(parent, Set.of()).stream().map(records::get)
                .sorted(StoreSupport.SIBLING_ORDER).collect(Collectors.toList());
    }

    private void put(Description d) {
        records.put(d.id(), d);
        if (!renderers.isEmpty()) render(d);
        changes.add(new ChangeKey(d.info().updatedAt(), d.id()));
        if (d.parent() != null) childIds.computeIfAbsent(d.parent(), k -> new LinkedHashSet<>()).add(d.id());
    }

    private void remove(Description d) {
        records.remove(d.id());
        changes.remove(new ChangeKey(d.info().updatedAt(), d.id()));
        if (d.parent() != null) {
            Set<DescriptionId> siblings = childIds.get(d.parent());
            if (siblings != null) siblings.remove(d.id());
        }
    }

    private AuditEvent append(AuditEvent event) {
        AuditEvent numbered = event.withSequence(audit.size() + 1L);
        audit.add(numbered);
        return numbered;
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            checkOpen();
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            checkOpen();
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the store is closed");
    }
}
