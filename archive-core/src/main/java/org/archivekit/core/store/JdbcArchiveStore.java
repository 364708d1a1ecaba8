package org.archivekit.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.archivekit.core.ConflictException;
import org.archivekit.core.HierarchyException;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.StorageException;
import org.archivekit.core.internal.json.JsonCodec;
import org.archivekit.core.json.ArchiveJson;
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
 * What the SQL stores share: every {@link ArchiveStore} operation as SQL over a JDBC connection, in the portable
 * dialect {@link SqlDialect} describes. Subclasses decide how connections and transactions are obtained.
 */
abstract class JdbcArchiveStore implements ArchiveStore {
    private static final int BATCH_SIZE = 1000;
    private static final int PARENT_CACHE_SIZE = 1024;

    private static final String SIBLING_ORDER = "sequence, ref_missing, ref_sort_key, id";
    private static final String SELECT_NODE = "SELECT body, path, depth, tree_key FROM description WHERE id = ?";
    private static final String EXISTS = "SELECT 1 FROM description WHERE id = ?";
    private static final String INSERT = "INSERT INTO description (id, institution, parent_id, level, ref_missing,"
            + " ref_sort_key, sequence, path, depth, status, version, body, updated_at, changed_at, tree_key)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE description SET institution = ?, parent_id = ?, level = ?,"
            + " ref_missing = ?, ref_sort_key = ?, sequence = ?, path = ?, depth = ?, status = ?, version = ?, body = ?,"
            + " updated_at = ?, changed_at = ?, tree_key = ? WHERE id = ? AND version = ?";
    // the range makes the path index usable on every database; LIKE states the intent and guards the range
    private static final String SUBTREE = "path >= ? AND path < ? AND path LIKE ? ESCAPE '\\'";
    private static final String MOVE_SUBTREE = "UPDATE description SET path = ? || substr(path, ?),"
            + " depth = depth + ? WHERE " + SUBTREE;
    /** Rewrites the start of the tree keys of a record's descendants: new prefix, old prefix's length + 1. */
    private static final String REKEY_SUBTREE = "UPDATE description SET tree_key = ? || substr(tree_key, ?)"
            + " WHERE tree_key > ? AND tree_key < ?";
    /** A subtree in document order: one range of the tree-key index. */
    private static final String TREE_RANGE = " FROM description d WHERE d.tree_key >= ? AND d.tree_key < ?"
            + " ORDER BY d.tree_key";
    private static final String RENDITION_UPSERT = "INSERT INTO tree_rendition (tree_key, format, format_version,"
            + " record_version, depth, facts, body) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tree_key, format,"
            + " format_version) DO UPDATE SET record_version = excluded.record_version,"
            + " depth = excluded.depth, facts = excluded.facts, body = excluded.body";
    /** Every rendition of one record: a write drops them all before storing what it renders (so each is current). */
    private static final String RENDITIONS_DELETE = "DELETE FROM tree_rendition WHERE tree_key = ?";
    /** {@link #REKEY_SUBTREE} for the renditions, which also carry the depth: new prefix, its length + 1, delta. */
    private static final String REKEY_RENDITIONS = "UPDATE tree_rendition SET tree_key = ? || substr(tree_key, ?),"
            + " depth = depth + ? WHERE tree_key > ? AND tree_key < ?";
    private static final String CHILD_LEVELS = "SELECT level, MIN(id) FROM description WHERE parent_id = ?"
            + " GROUP BY level";

    private static final int FETCH_SIZE = 256;

    private final SqlDialect dialect;

    JdbcArchiveStore(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Runs {@code work} in one write transaction, committed when it returns and rolled back when it throws; work
     * that is {@code repeatable} (it reads nothing but the connection) may be run again after a transient failure.
     */
    abstract <T> T write(SqlWork<T> work, boolean repeatable);

    /** A read connection for the caller's sole use until {@link #releaseReader}; fails when the store is closed. */
    abstract Connection acquireReader();

    /** Gives back a connection from {@link #acquireReader}. */
    abstract void releaseReader(Connection c);

    /** Starts a read-only transaction on {@code c}, so the reads that follow see one snapshot. */
    void beginRead(Connection c) throws SQLException {
        c.setAutoCommit(false);
    }

    // ---- institutions ----------------------------------------------------------------------------------------

    @Override
    public void putInstitution(Institution institution) {
        Objects.requireNonNull(institution, "institution");
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO institution (code, body) VALUES (?, ?)"
                    + " ON CONFLICT (code) DO UPDATE SET body = excluded.body")) {
                ps.setString(1, institution.code().value());
                ps.setString(2, ArchiveJson.toJson(institution));
                ps.executeUpdate();
            }
            return null;
        }, true);
    }

    @Override
    public Optional<Institution> findInstitution(InstitutionCode code) {
        Objects.requireNonNull(code, "code");
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM institution WHERE code = ?")) {
                ps.setString(1, code.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(institutionOf(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Institution> institutions() {
        return read(c -> {
            List<Institution> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM institution ORDER BY code");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(institutionOf(rs.getString(1)));
            }
            return List.copyOf(out);
        });
    }

    // ---- writes ----------------------------------------------------------------------------------------------

    @Override
    public Description create(Description description, AuditEvent audit) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(audit, "audit");
        return write(c -> {
            if (exists(c, description.id())) throw ConflictException.duplicate(description.id().value());
            Node node = placeUnder(description, nodeOf(c, description.parent()));
            Description stored = StoreSupport.asCreated(description);
            String json;
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                json = ArchiveJson.toJson(stored);
                bindInsert(ps, stored, node, StoreSupport.refSortKey(stored), json);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (dialect.isUniqueViolation(e)) throw ConflictException.duplicate(description.id().value());
                throw e;
            }
            writeRenditions(c, List.of(stored), List.of(node), renderers.isEmpty() ? null
                    : List.of(render(stored, json)));
            appendAudit(c, StoreSupport.auditOf(audit, stored.id(), 0, 1));
            return stored;
        }, true);
    }

    @Override
    public Description update(Description description, long expectedVersion, AuditEvent audit) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(audit, "audit");
        DescriptionId id = description.id();
        return write(c -> {
            StoredNode current = storedNode(c, id);
            if (current == null) throw NotFoundException.forId(id.value());
            if (current.d.version() != expectedVersion) {
                throw ConflictException.versionMismatch(id.value(), expectedVersion, current.d.version());
            }
            StoredNode parent = nodeOf(c, description.parent());
            if (description.parent() != null) {
                HierarchyRules.checkParent(description, parent == null ? null : parent.d,
                        parent == null ? List.of() : StoreSupport.idsOf(parent.path));
            }
            Node node = parent == null ? new Node("/", 0, StoreSupport.treeKey("", description))
                    : new Node(StoreSupport.childPath(parent.path, parent.d.id()), parent.depth + 1,
                            StoreSupport.treeKey(parent.treeKey, description));
            boolean levelChanged = description.level() != current.d.level();
            boolean institutionChanged = !description.institution().equals(current.d.institution());
            if (levelChanged || institutionChanged) {
                List<Description> children = childPerLevel(c, id);
                if (institutionChanged && !children.isEmpty()) {
                    throw new HierarchyException("record '" + id + "' cannot move to institution "
                            + description.institution() + " while it holds records of " + current.d.institution());
                }
                HierarchyRules.checkChildren(description, children);
            }
            Description stored = StoreSupport.asUpdated(description, current.d);
            String json = ArchiveJson.toJson(stored);
            try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                bindColumns(ps, 1, stored, node, StoreSupport.refSortKey(stored), json);
                ps.setString(15, id.value());
                ps.setLong(16, expectedVersion);
                if (ps.executeUpdate() != 1) { // only another process writing the same file gets here
                    StoredNode now = storedNode(c, id);
                    if (now == null) throw NotFoundException.forId(id.value());
                    throw ConflictException.versionMismatch(id.value(), expectedVersion, now.d.version());
                }
            }
            if (!node.path.equals(current.path)) moveSubtree(c, id, current, node);
            try (PreparedStatement ps = c.prepareStatement(RENDITIONS_DELETE)) { // any format, registered or not
                ps.setString(1, current.treeKey);
                ps.executeUpdate();
            }
            if (!node.treeKey.equals(current.treeKey)) {
                rekeySubtree(c, REKEY_SUBTREE, current.treeKey, node.treeKey, null);
                rekeySubtree(c, REKEY_RENDITIONS, current.treeKey, node.treeKey, node.depth - current.depth);
            }
            writeRenditions(c, List.of(stored), List.of(node), renderers.isEmpty() ? null
                    : List.of(render(stored, json)));
            appendAudit(c, StoreSupport.auditOf(audit, id, expectedVersion, stored.version()));
            return stored;
        }, true);
    }

    /**
     * Inserts in batches of {@value #BATCH_SIZE} rows. This thread reads the iterator, checks each record against
     * its parent (held in memory when it came earlier in the batch, read from the database otherwise) and executes
     * the inserts; a helper thread meanwhile turns the next batch into its stored form and JSON, the largest single
     * cost per record. Ids already stored are found with one query per batch.
     */
    @Override
    public long createAll(Iterator<Description> descriptions, AuditEvent audit) {
        Objects.requireNonNull(descriptions, "descriptions");
        Objects.requireNonNull(audit, "audit");
        return write(c -> {
            // records of this batch and their parents, most recently used last; bounded, so memory is too
            Map<DescriptionId, StoredNode> nodes = new LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<DescriptionId, StoredNode> eldest) {
                    return size() > PARENT_CACHE_SIZE;
                }
            };
            Set<DescriptionId> unwritten = new HashSet<>(); // ids read but not yet inserted
            java.util.function.BiFunction<Description, String, List<Rendered>> render = renderers.isEmpty() ? null
                    : this::render;
            ArrayDeque<Batch> serializing = new ArrayDeque<>(); // at most two: one written, one serialized
            Batch current = new Batch();
            long count = 0;
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                try {
                    while (descriptions.hasNext()) {
                        Description d = Objects.requireNonNull(descriptions.next(), "a description of the batch");
                        if (!unwritten.add(d.id())) throw ConflictException.duplicate(d.id().value());
                        StoredNode parent = null;
                        if (d.parent() != null) {
                            parent = nodes.get(d.parent());
                            if (parent == null) {
                                // the parent may be waiting to be inserted: insert everything read so far first
                                if (!current.rows.isEmpty()) serializing.add(current.serialize(render));
                                current = new Batch();
                                while (!serializing.isEmpty()) insert(insert, serializing.poll(), unwritten);
                                parent = storedNode(c, d.parent());
                                if (parent != null) nodes.put(parent.d.id(), parent);
                            }
                        }
                        Node node = placeUnder(d, parent);
                        current.rows.add(new Row(d, node));
                        nodes.put(d.id(), new StoredNode(d, node.path, node.depth, node.treeKey)); // as given: only the place counts
                        count++;
                        if (current.rows.size() >= BATCH_SIZE) {
                            serializing.add(current.serialize(render));
                            current = new Batch();
                            if (serializing.size() > 1) insert(insert, serializing.poll(), unwritten);
                        }
                    }
                    if (!current.rows.isEmpty()) serializing.add(current.serialize(render));
                    while (!serializing.isEmpty()) insert(insert, serializing.poll(), unwritten);
                } finally {
                    for (Batch left : serializing) left.cancel();
                }
            }
            appendAudit(c, new AuditEvent(0, audit.at(), audit.actor(), audit.action(), audit.target(), 0, 1,
                    audit.detail()));
            return count;
        }, false);
    }

    /** A record of a {@link #createAll} batch, as given, and where it goes. */
    private record Row(Description given, Node node) {}

    /** Up to {@value #BATCH_SIZE} rows and, once {@link #serialize} ran, their stored forms' JSON. */
    private static final class Batch {
        final List<Row> rows = new ArrayList<>(BATCH_SIZE);
        private @Nullable Future<Description[]> stored;
        private String[] json = new String[0];
        private String[] sortKeys = new String[0];
        private @Nullable List<List<Rendered>> rendered;

        /**
         * Starts turning the rows into their stored form, JSON and renditions ({@code render}, null when no
         * renderer is registered) on the helper thread; returns this.
         */
        Batch serialize(java.util.function.@Nullable BiFunction<Description, String, List<Rendered>> render) {
            stored = Serializer.POOL.submit(() -> {
                Description[] out = new Description[rows.size()];
                json = new String[rows.size()];
                sortKeys = new String[rows.size()];
                List<List<Rendered>> r = render == null ? null : new ArrayList<>(out.length);
                for (int i = 0; i < out.length; i++) {
                    out[i] = StoreSupport.asCreated(rows.get(i).given);
                    json[i] = ArchiveJson.toJson(out[i]);
                    sortKeys[i] = StoreSupport.refSortKey(out[i]);
                    if (r != null) r.add(render.apply(out[i], json[i]));
                }
                rendered = r;
                return out;
            });
            return this;
        }

        /** The stored forms, waiting for the helper; its failure is thrown here as it was thrown there. */
        Description[] stored() {
            try {
                return Objects.requireNonNull(stored, "serialize() first").get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) throw (RuntimeException) cause;
                if (cause instanceof Error) throw (Error) cause;
                throw new StorageException("serializing a batch failed: " + cause, cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while serializing a batch", e);
            }
        }

        void cancel() {
            if (stored != null) stored.cancel(true);
        }
    }

    /** The helper threads of {@link #createAll}: daemons, so an open store never keeps the JVM alive. */
    private static final class Serializer {
        static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "archivekit-store-serializer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks that no id of {@code batch} is stored yet, then inserts it as one JDBC batch. */
    private void insert(PreparedStatement insert, Batch batch, Set<DescriptionId> unwritten)
            throws SQLException {
        Description[] stored = batch.stored(); // the JSON too: the same task fills both
        String marks = String.join(", ", Collections.nCopies(stored.length, "?"));
        try (PreparedStatement ps = insert.getConnection().prepareStatement("SELECT MIN(id) FROM description"
                + " WHERE id IN (" + marks + ")")) {
            for (int i = 0; i < stored.length; i++) ps.setString(i + 1, stored[i].id().value());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1) != null) throw ConflictException.duplicate(rs.getString(1));
            }
        }
        for (int i = 0; i < stored.length; i++) {
            Row row = batch.rows.get(i);
            bindInsert(insert, stored[i], row.node, batch.sortKeys[i], batch.json[i]);
            insert.addBatch();
        }
        insert.executeBatch();
        if (batch.rendered != null) {
            List<Node> nodes = new ArrayList<>(stored.length);
            for (Row row : batch.rows) nodes.add(row.node);
            writeRenditions(insert.getConnection(), List.of(stored), nodes, batch.rendered);
        }
        for (Row row : batch.rows) unwritten.remove(row.given.id());
    }

    @Override
    public AuditEvent appendAudit(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        return write(c -> appendAudit(c, event), true);
    }

    // ---- reads -----------------------------------------------------------------------------------------------

    @Override
    public Optional<Description> find(DescriptionId id) {
        Objects.requireNonNull(id, "id");
        return read(c -> Optional.ofNullable(storedNode(c, id)).map(n -> n.d));
    }

    @Override
    public Map<DescriptionId, Description> findAll(java.util.Collection<DescriptionId> ids) {
        // the stored form, read straight from its bytes
        return byIds(ids, "body", rs -> body(rs), Description::id);
    }

    @Override
    public Map<DescriptionId, Long> versions(java.util.Collection<DescriptionId> ids) {
        Map<DescriptionId, IdVersion> rows = byIds(ids, "id, version",
                rs -> new IdVersion(DescriptionId.of(rs.getString(1)), rs.getLong(2)), IdVersion::id);
        Map<DescriptionId, Long> out = new java.util.HashMap<>(rows.size() * 2);
        rows.forEach((id, row) -> out.put(id, row.version()));
        return java.util.Collections.unmodifiableMap(out);
    }

    private record IdVersion(DescriptionId id, long version) {}

    /**
     * Reads {@code columns} of the rows of the distinct {@code ids} that exist, in one transaction and in chunks of
     * bound ids, each row mapped by {@code mapper} and keyed by {@code key}.
     */
    private <T> Map<DescriptionId, T> byIds(java.util.Collection<DescriptionId> ids, String columns,
            RowMapper<T> mapper, java.util.function.Function<T, DescriptionId> key) {
        Objects.requireNonNull(ids, "ids");
        List<DescriptionId> all = List.copyOf(new java.util.LinkedHashSet<>(ids));
        if (all.isEmpty()) return Map.of();
        return read(c -> {
            Map<DescriptionId, T> out = new java.util.HashMap<>();
            for (int from = 0; from < all.size(); from += BATCH_SIZE / 2) {
                List<DescriptionId> chunk = all.subList(from, Math.min(all.size(), from + BATCH_SIZE / 2));
                String marks = chunk.stream().map(x -> "?").collect(Collectors.joining(", "));
                try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM description WHERE id IN ("
                        + marks + ")")) {
                    for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i).value());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            T row = mapper.map(rs);
                            out.put(key.apply(row), row);
                        }
                    }
                }
            }
            return java.util.Collections.unmodifiableMap(out);
        });
    }

    @Override
    public List<Description> ancestors(DescriptionId id) {
        Objects.requireNonNull(id, "id");
        return read(c -> {
            String path;
            try (PreparedStatement ps = c.prepareStatement("SELECT path FROM description WHERE id = ?")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return List.of();
                    path = rs.getString(1);
                }
            }
            List<DescriptionId> ids = StoreSupport.idsOf(path);
            if (ids.isEmpty()) return List.of();
            String marks = ids.stream().map(x -> "?").collect(Collectors.joining(", "));
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM description WHERE id IN (" + marks
                    + ") ORDER BY depth")) {
                for (int i = 0; i < ids.size(); i++) ps.setString(i + 1, ids.get(i).value());
                return List.copyOf(descriptions(ps));
            }
        });
    }

    @Override
    public List<Description> children(DescriptionId parent, @Nullable DescriptionId after, int limit) {
        Objects.requireNonNull(parent, "parent");
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        return read(c -> {
            if (after == null) {
                try (PreparedStatement ps = c.prepareStatement("SELECT body FROM description WHERE parent_id = ?"
                        + " ORDER BY " + SIBLING_ORDER + " LIMIT ?")) {
                    ps.setString(1, parent.value());
                    ps.setInt(2, limit);
                    return List.copyOf(descriptions(ps));
                }
            }
            try (PreparedStatement key = c.prepareStatement("SELECT parent_id, sequence, ref_missing, ref_sort_key"
                    + " FROM description WHERE id = ?");
                    PreparedStatement page = c.prepareStatement("SELECT body FROM description WHERE parent_id = ?"
                            + " AND (sequence, ref_missing, ref_sort_key, id) > (?, ?, ?, ?)"
                            + " ORDER BY " + SIBLING_ORDER + " LIMIT ?")) {
                key.setString(1, after.value());
                try (ResultSet rs = key.executeQuery()) {
                    if (!rs.next()) throw NotFoundException.forId(after.value());
                    if (!parent.value().equals(rs.getString(1))) {
                        throw new IllegalArgumentException("'" + after + "' is not a child of '" + parent + "'");
                    }
                    page.setString(1, parent.value());
                    page.setInt(2, rs.getInt(2));
                    page.setInt(3, rs.getInt(3));
                    page.setString(4, rs.getString(4));
                }
                page.setString(5, after.value());
                page.setInt(6, limit);
                return List.copyOf(descriptions(page));
            }
        });
    }

    @Override
    public long countChildren(DescriptionId parent) {
        Objects.requireNonNull(parent, "parent");
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM description WHERE parent_id = ?")) {
                ps.setString(1, parent.value());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public List<Description> roots(InstitutionCode institution) {
        Objects.requireNonNull(institution, "institution");
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM description WHERE parent_id IS NULL"
                    + " AND institution = ? ORDER BY " + SIBLING_ORDER)) {
                ps.setString(1, institution.value());
                return List.copyOf(descriptions(ps));
            }
        });
    }

    @Override
    public Stream<Description> descendants(DescriptionId id) {
        Objects.requireNonNull(id, "id");
        return stream(c -> {
            String prefix;
            try (PreparedStatement ps = c.prepareStatement("SELECT path FROM description WHERE id = ?")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return null;
                    prefix = StoreSupport.childPath(rs.getString(1), id);
                }
            }
            PreparedStatement ps = c.prepareStatement("SELECT body FROM description WHERE " + SUBTREE
                    + " ORDER BY depth, path, " + SIBLING_ORDER);
            bindSubtree(ps, 1, prefix);
            return ps;
        }, this::body);
    }

    @Override
    public Stream<TreeEntry> subtree(DescriptionId id) {
        Objects.requireNonNull(id, "id");
        int[] rootDepth = new int[1];
        return stream(c -> {
            String key = treeKeyOf(c, id, rootDepth);
            if (key == null) return null;
            PreparedStatement ps = c.prepareStatement("SELECT d.body, d.depth" + TREE_RANGE);
            ps.setString(1, key);
            ps.setString(2, StoreSupport.treeKeyBound(key));
            return ps;
        }, rs -> new TreeEntry(body(rs), rs.getInt(2) - rootDepth[0]));
    }

    /**
     * One range read in document order. When every record of the subtree has a rendition of the format's version
     * (two counts, each one index range), only the renditions' range is read: facts, depth and bytes, clustered by
     * tree key, with no join; a rendition row is always of its record's current version, as every write replaces or
     * drops a record's renditions. Otherwise the tree-key index's range is joined to the renditions, and a record
     * without one brings its body.
     */
    @Override
    public Stream<RenderedEntry> renderedSubtree(DescriptionId id, String format, int formatVersion) {
        Objects.requireNonNull(id, "id");
        RecordRenderer.checkFormat(format);
        int[] rootDepth = new int[1];
        AccessFacts.Reader facts = new AccessFacts.Reader();
        return stream(c -> {
            String key = treeKeyOf(c, id, rootDepth);
            if (key == null) return null;
            String bound = StoreSupport.treeKeyBound(key);
            PreparedStatement ps;
            if (withoutRendition(c, key, bound, format, formatVersion) == 0) {
                ps = c.prepareStatement("SELECT NULL, depth, facts, body FROM tree_rendition"
                        + " WHERE tree_key >= ? AND tree_key < ? AND format = ? AND format_version = ?"
                        + " ORDER BY tree_key");
                ps.setString(1, key);
                ps.setString(2, bound);
                ps.setString(3, format);
                ps.setInt(4, formatVersion);
            } else {
                ps = c.prepareStatement("SELECT CASE WHEN r.record_version IS NULL THEN d.body END, d.depth,"
                        + " r.facts, r.body FROM description d LEFT JOIN tree_rendition r ON r.tree_key = d.tree_key"
                        + " AND r.format = ? AND r.format_version = ? AND r.record_version = d.version"
                        + " WHERE d.tree_key >= ? AND d.tree_key < ? ORDER BY d.tree_key");
                ps.setString(1, format);
                ps.setInt(2, formatVersion);
                ps.setString(3, key);
                ps.setString(4, bound);
            }
            return ps;
        }, rs -> {
            int depth = rs.getInt(2) - rootDepth[0];
            byte[] rendition = rs.getBytes(4);
            if (rendition == null) return new RenderedEntry(body(rs), depth, null);
            return new RenderedEntry(facts(facts, rs), depth, rendition);
        });
    }

    /** How many records of the tree-key range have no rendition of {@code format} in {@code formatVersion}. */
    private static long withoutRendition(Connection c, String key, String bound, String format, int formatVersion)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT COUNT(*) FROM description"
                + " WHERE tree_key >= ? AND tree_key < ?) - (SELECT COUNT(*) FROM tree_rendition"
                + " WHERE tree_key >= ? AND tree_key < ? AND format = ? AND format_version = ?)")) {
            ps.setString(1, key);
            ps.setString(2, bound);
            ps.setString(3, key);
            ps.setString(4, bound);
            ps.setString(5, format);
            ps.setInt(6, formatVersion);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The tree key of {@code id}, with its depth put into {@code depth[0]}; null when it is unknown. */
    private static @Nullable String treeKeyOf(Connection c, DescriptionId id, int[] depth) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_key, depth FROM description WHERE id = ?")) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                depth[0] = rs.getInt(2);
                return rs.getString(1);
            }
        }
    }

    // ---- renditions --------------------------------------------------------------------------------------------

    private final Map<String, RecordRenderer> renderers = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void registerRenderer(RecordRenderer renderer) {
        Objects.requireNonNull(renderer, "renderer");
        renderers.put(RecordRenderer.checkFormat(renderer.format()), renderer);
    }

    /**
     * What {@link #writeRenditions} stores for one record: per registered format, the bytes (null when the
     * renderer failed) and the facts; made wherever the record's JSON is made (a bulk write's helper thread).
     */
    private record Rendered(RecordRenderer renderer, byte @Nullable [] body, @Nullable String facts) {}

    /**
     * Every registered renderer's rendition of the stored record {@code d} whose JSON is {@code json}; a renderer
     * that fails gives none. A rendition must be what rendering the record as read back gives; text with an unpaired
     * surrogate does not read back as it was given (the drivers' UTF-8 encoding replaces it), so such a record
     * gets no renditions and is rendered from what is read.
     */
    private List<Rendered> render(Description d, String json) {
        if (renderers.isEmpty() || StoreSupport.hasUnpairedSurrogate(json)) return List.of();
        List<Rendered> out = new ArrayList<>(renderers.size());
        String facts;
        try {
            facts = AccessFacts.write(d);
        } catch (RuntimeException e) {
            return List.of(); // no facts, no renditions: the record is read whole and rendered live
        }
        for (RecordRenderer r : renderers.values()) {
            byte[] body = StoreSupport.renderOrNull(r, d);
            out.add(new Rendered(r, body, facts));
        }
        return out;
    }

    /**
     * Stores the renditions {@code done} of the stored records {@code ds} placed at {@code nodes} (none when null),
     * replacing older ones; a record whose renderer failed gets none of that format. The caller has removed any
     * rendition the record had before this write, so every stored rendition is of its record's current version.
     */
    private void writeRenditions(Connection c, List<Description> ds, List<Node> nodes,
            @Nullable List<List<Rendered>> done) throws SQLException {
        if (done == null) return;
        try (PreparedStatement up = c.prepareStatement(RENDITION_UPSERT)) {
            boolean ups = false;
            for (int i = 0; i < ds.size(); i++) {
                Description d = ds.get(i);
                Node node = nodes.get(i);
                for (Rendered r : done.get(i)) {
                    if (r.body == null) continue;
                    up.setString(1, node.treeKey);
                    up.setString(2, r.renderer.format());
                    up.setInt(3, r.renderer.formatVersion());
                    up.setLong(4, d.version());
                    up.setInt(5, node.depth);
                    up.setString(6, r.facts);
                    up.setBytes(7, r.body);
                    up.addBatch();
                    ups = true;
                }
            }
            if (ups) up.executeBatch();
        }
    }

    /** The access facts of a rendition's row (column 3), as a description holding only them. */
    private Description facts(AccessFacts.Reader reader, ResultSet rs) throws SQLException {
        try {
            return reader.read(dialect.readsTextAsUtf8Bytes() ? rs.getBytes(3)
                    : rs.getString(3).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new StorageException("stored access facts are corrupt: " + e.getMessage(), e);
        }
    }

    @Override
    public Stream<Description> all(@Nullable Level level) {
        return stream(c -> {
            PreparedStatement ps = c.prepareStatement("SELECT body FROM description"
                    + (level == null ? "" : " WHERE level = ?") + " ORDER BY id");
            if (level != null) ps.setString(1, level.name());
            return ps;
        }, this::body);
    }

    /** In one pass, in id order (a level scan walks the whole table: one per level costs one pass each). */
    @Override
    public Stream<Description> allOf(Set<Level> levels) {
        Objects.requireNonNull(levels, "levels");
        if (levels.isEmpty()) return Stream.empty();
        if (levels.containsAll(List.of(Level.values()))) return all(null);
        List<Level> in = List.copyOf(java.util.EnumSet.copyOf(levels));
        return stream(c -> {
            PreparedStatement ps = c.prepareStatement("SELECT body FROM description WHERE level IN ("
                    + String.join(", ", Collections.nCopies(in.size(), "?")) + ") ORDER BY id");
            for (int i = 0; i < in.size(); i++) ps.setString(i + 1, in.get(i).name());
            return ps;
        }, this::body);
    }

    @Override
    public List<Description> changes(@Nullable Instant since, @Nullable DescriptionId afterId, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        if (since == null && afterId != null) {
            throw new IllegalArgumentException("a change position needs its instant as well as its id");
        }
        return read(c -> {
            String where = since == null ? "" : afterId == null ? " WHERE changed_at >= ?"
                    : " WHERE (changed_at, id) > (?, ?)";
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM description" + where
                    + " ORDER BY changed_at, id LIMIT ?")) {
                int i = 1;
                if (since != null) ps.setString(i++, StoreSupport.changeKey(since));
                if (afterId != null) ps.setString(i++, afterId.value());
                ps.setInt(i, limit);
                return List.copyOf(descriptions(ps));
            }
        });
    }

    @Override
    public Map<Level, Long> countByLevel() {
        return read(c -> {
            Map<Level, Long> counts = new EnumMap<>(Level.class);
            try (PreparedStatement ps = c.prepareStatement("SELECT level, COUNT(*) FROM description GROUP BY level");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) counts.put(Level.valueOf(rs.getString(1)), rs.getLong(2));
            }
            return Collections.unmodifiableMap(counts);
        });
    }

    @Override
    public Stream<AuditEvent> auditLog(long fromSequence) {
        return stream(c -> {
            PreparedStatement ps = c.prepareStatement("SELECT seq, at, actor, action, target, old_version,"
                    + " new_version, detail FROM audit_log WHERE seq >= ? ORDER BY seq");
            ps.setLong(1, fromSequence);
            return ps;
        }, rs -> {
            String target = rs.getString(5);
            return new AuditEvent(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
                    target == null ? null : DescriptionId.of(target), rs.getLong(6), rs.getLong(7), rs.getString(8));
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Where a record sits: the materialized path of its ancestors and its depth (a fonds: "/" and 0). */
    private record Node(String path, int depth, String treeKey) {}

    /** A stored record with its place in the tree. */
    private record StoredNode(Description d, String path, int depth, String treeKey) {}

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Checks {@code d} against its parent as stored and returns its place; a fonds goes to the root. */
    private static Node placeUnder(Description d, @Nullable StoredNode parent) {
        if (d.parent() == null) return new Node("/", 0, StoreSupport.treeKey("", d));
        // a new id cannot be an ancestor of anything, so no ancestor ids are needed for the cycle check
        HierarchyRules.checkParent(d, parent == null ? null : parent.d, List.of());
        return new Node(StoreSupport.childPath(parent.path, parent.d.id()), parent.depth + 1,
                StoreSupport.treeKey(parent.treeKey, d));
    }

    private static @Nullable StoredNode nodeOf(Connection c, @Nullable DescriptionId id) throws SQLException {
        return id == null ? null : storedNode(c, id);
    }

    private static @Nullable StoredNode storedNode(Connection c, DescriptionId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_NODE)) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                return new StoredNode(descriptionOf(rs.getString(1)), rs.getString(2), rs.getInt(3),
                        rs.getString(4));
            }
        }
    }

    private static boolean exists(Connection c, DescriptionId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(EXISTS)) {
            return exists(ps, id);
        }
    }

    private static boolean exists(PreparedStatement ps, DescriptionId id) throws SQLException {
        ps.setString(1, id.value());
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** One child of {@code id} for each level its children have: enough to check a level change. */
    private static List<Description> childPerLevel(Connection c, DescriptionId id) throws SQLException {
        List<Description> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CHILD_LEVELS)) {
            ps.setString(1, id.value());
            List<DescriptionId> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(DescriptionId.of(rs.getString(2)));
            }
            for (DescriptionId child : ids) {
                StoredNode n = storedNode(c, child);
                if (n != null) out.add(n.d);
            }
        }
        return out;
    }

    /** Rewrites the paths and depths under a record that moved from {@code was} to {@code now}. */
    private static void moveSubtree(Connection c, DescriptionId id, StoredNode was, Node now) throws SQLException {
        String oldPrefix = StoreSupport.childPath(was.path, id);
        String newPrefix = StoreSupport.childPath(now.path, id);
        try (PreparedStatement ps = c.prepareStatement(MOVE_SUBTREE)) {
            ps.setString(1, newPrefix);
            ps.setInt(2, oldPrefix.length() + 1);
            ps.setInt(3, now.depth - was.depth);
            bindSubtree(ps, 4, oldPrefix);
            ps.executeUpdate();
        }
    }

    /**
     * Gives the descendants of a record whose tree key changed from {@code was} to {@code now} (it moved, or its
     * sequence or reference code changed) keys under the new one, so document order follows; {@code sql} is
     * {@link #REKEY_SUBTREE}, or {@link #REKEY_RENDITIONS} with the change of depth.
     */
    private static void rekeySubtree(Connection c, String sql, String was, String now, @Nullable Integer depthDelta)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, now);
            ps.setInt(i++, was.codePointCount(0, was.length()) + 1); // SQL counts characters, not UTF-16 units
            if (depthDelta != null) ps.setInt(i++, depthDelta);
            ps.setString(i++, was);
            ps.setString(i, StoreSupport.treeKeyBound(was));
            ps.executeUpdate();
        }
    }

    /** Binds the subtree condition for paths starting with {@code prefix}, which ends with '/'. */
    private static void bindSubtree(PreparedStatement ps, int first, String prefix) throws SQLException {
        ps.setString(first, prefix);
        // '0' follows '/' in code-point order, so this bound is the first string past every "prefix…"
        ps.setString(first + 1, prefix.substring(0, prefix.length() - 1) + "0");
        ps.setString(first + 2, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }

    private static void bindInsert(PreparedStatement ps, Description d, Node node, String sortKey, String json)
            throws SQLException {
        ps.setString(1, d.id().value());
        bindColumns(ps, 2, d, node, sortKey, json);
    }

    /**
     * Binds the fourteen columns after the id, from {@code institution} to {@code tree_key}; the reference code's
     * sort key and the JSON form come computed.
     */
    private static void bindColumns(PreparedStatement ps, int first, Description d, Node node, String sortKey,
            String json) throws SQLException {
        int i = first;
        ps.setString(i++, d.institution().value());
        if (d.parent() == null) ps.setNull(i++, Types.VARCHAR);
        else ps.setString(i++, d.parent().value());
        ps.setString(i++, d.level().name());
        ps.setInt(i++, d.referenceCode() == null ? 1 : 0);
        ps.setString(i++, sortKey);
        ps.setInt(i++, d.sequence());
        ps.setString(i++, node.path);
        ps.setInt(i++, node.depth);
        ps.setString(i++, d.status().name());
        ps.setLong(i++, d.version());
        ps.setString(i++, json);
        ps.setString(i++, d.info().updatedAt().toString());
        ps.setString(i++, StoreSupport.changeKey(d.info().updatedAt()));
        ps.setString(i, node.treeKey);
    }

    private AuditEvent appendAudit(Connection c, AuditEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.auditInsert())) {
            ps.setString(1, e.at().toString());
            ps.setString(2, e.actor());
            ps.setString(3, e.action());
            if (e.target() == null) ps.setNull(4, Types.VARCHAR);
            else ps.setString(4, e.target().value());
            ps.setLong(5, e.oldVersion());
            ps.setLong(6, e.newVersion());
            ps.setString(7, e.detail());
            if (dialect.auditInsertReturnsSequence()) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return e.withSequence(rs.getLong(1));
                }
            }
            ps.executeUpdate();
        }
        return e.withSequence(dialect.lastGeneratedKey(c));
    }

    private static List<Description> descriptions(PreparedStatement ps) throws SQLException {
        List<Description> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(descriptionOf(rs.getString(1)));
        }
        return out;
    }

    /** The description stored in column 1 of the current row. */
    private Description body(ResultSet rs) throws SQLException {
        if (!dialect.readsTextAsUtf8Bytes()) return descriptionOf(rs.getString(1));
        byte[] utf8 = rs.getBytes(1);
        if (utf8 == null) throw new StorageException("a stored description has no body", null);
        try {
            return JsonCodec.readStoredDescription(utf8);
        } catch (InvalidRequestException e) {
            throw new StorageException("a stored description is corrupt: " + e.getMessage(), e);
        }
    }

    private static Description descriptionOf(String body) {
        try {
            return ArchiveJson.readDescription(body);
        } catch (InvalidRequestException e) {
            throw new StorageException("a stored description is corrupt: " + e.getMessage(), e);
        }
    }

    private static Institution institutionOf(String body) {
        try {
            return ArchiveJson.readInstitution(body);
        } catch (InvalidRequestException e) {
            throw new StorageException("a stored institution is corrupt: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} on a read connection, in one snapshot. */
    private <T> T read(SqlWork<T> work) {
        Connection c = acquireReader();
        try {
            beginRead(c);
            try {
                return work.run(c);
            } finally {
                c.setAutoCommit(true); // ends the read transaction, so the next call sees newer writes
            }
        } catch (SQLException e) {
            throw StorageException.from(e);
        } finally {
            releaseReader(c);
        }
    }

    /**
     * A lazy stream over the rows of the statement {@code prepare} makes (or an empty one when it returns null);
     * the statement and the read connection are released when the stream is closed or runs out.
     */
    private <T> Stream<T> stream(SqlWork<@Nullable PreparedStatement> prepare, RowMapper<T> mapper) {
        Connection c = acquireReader();
        AtomicBoolean released = new AtomicBoolean();
        PreparedStatement[] statement = new PreparedStatement[1];
        Runnable release = () -> {
            if (!released.compareAndSet(false, true)) return;
            try {
                if (statement[0] != null) statement[0].close();
                c.setAutoCommit(true);
            } catch (SQLException e) {
                throw StorageException.from(e);
            } finally {
                releaseReader(c);
            }
        };
        try {
            beginRead(c);
            statement[0] = prepare.run(c);
            if (statement[0] == null) {
                release.run();
                return Stream.empty();
            }
            statement[0].setFetchSize(FETCH_SIZE); // PostgreSQL reads through a cursor, not all rows at once
            ResultSet rs = statement[0].executeQuery();
            Spliterator<T> rows = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED
                    | Spliterator.NONNULL) {
                @Override
                public boolean tryAdvance(Consumer<? super T> action) {
                    if (released.get()) return false;
                    try {
                        if (!rs.next()) {
                            release.run();
                            return false;
                        }
                        action.accept(mapper.map(rs));
                        return true;
                    } catch (SQLException e) {
                        throw StorageException.from(e);
                    }
                }
            };
            return StreamSupport.stream(rows, false).onClose(release);
        } catch (SQLException e) {
            StorageException failure = StorageException.from(e);
            try {
                release.run();
            } catch (RuntimeException suppressed) {
                failure.addSuppressed(suppressed);
            }
            throw failure;
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

}
