package org.archivekit.core.spi;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.archivekit.core.ConflictException;
import org.archivekit.core.HierarchyException;
import org.archivekit.core.StorageException;
import org.archivekit.core.model.AuditEvent;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.jspecify.annotations.Nullable;

/**
 * Durable storage of institutions, descriptions and the audit log: what a storage backend implements.
 *
 * <p>A store is trusted and knows nothing of callers: access decisions are made by
 * {@code org.archivekit.core.Archive} with the {@code AccessPolicy}, never here. Implementations must be safe for
 * concurrent use by many threads and must pass {@code ArchiveStoreContract} (archive-core's test-jar).
 *
 * <h2>What every implementation guarantees</h2>
 * <ul>
 *   <li><b>Durability</b>: a method that returned has its write on stable storage.</li>
 *   <li><b>Optimistic concurrency</b>: {@link #create} stores version 1; {@link #update} stores
 *       {@code expectedVersion + 1} only if the stored version equals {@code expectedVersion}, else throws
 *       {@link ConflictException} and changes nothing. No update is ever lost.</li>
 *   <li><b>A valid tree</b>, checked inside the write's transaction with {@link HierarchyRules}: the parent exists,
 *       belongs to the same institution and may hold the child's level; a move never creates a cycle; a record
 *       with children cannot change level so that a child would be above it.</li>
 *   <li><b>Atomic audit</b>: each write appends its audit event in the same transaction.</li>
 *   <li><b>Sibling order</b>: children come back ordered by {@code sequence}, then the reference code's natural
 *       order ({@code ReferenceCode.sortKey()}; records without a code last), then id.</li>
 * </ul>
 *
 * <p>Streams returned here hold resources (a cursor, a connection): close them, with try-with-resources.
 *
 * @since 0.1
 */
public interface ArchiveStore extends AutoCloseable {

    /** Creates or replaces an institution. */
    void putInstitution(Institution institution);

    /** The institution with {@code code}, or empty. */
    Optional<Institution> findInstitution(InstitutionCode code);

    /** Every institution, ordered by code. */
    List<Institution> institutions();

    /**
     * Stores a new description at version 1, with the given info's creator and times, and appends {@code audit}.
     *
     * @return the stored description, version 1
     * @throws ConflictException when the id exists
     * @throws HierarchyException when the parent is missing, in another institution or may not hold the level
     * @throws NullPointerException when an argument is null
     */
    Description create(Description description, AuditEvent audit);

    /**
     * Replaces a description whose stored version is {@code expectedVersion}, moving it if its parent changed, and
     * appends {@code audit} (whose versions the store fills in).
     *
     * @return the stored description, at {@code expectedVersion + 1}
     * @throws org.archivekit.core.NotFoundException when the id is unknown
     * @throws ConflictException when the stored version differs; nothing is written
     * @throws HierarchyException when the change would break the tree (cycle, inversion, other institution)
     */
    Description update(Description description, long expectedVersion, AuditEvent audit);

    /**
     * Stores every description from {@code descriptions} in one atomic transaction: all of them or, if any fails
     * (duplicate, bad parent, I/O), none. Parents may come earlier in the same batch. Reads the iterator once,
     * holding only a bounded window in memory, so 100,000 or more records can be written in one call.
     *
     * @return how many records were stored
     * @throws ConflictException or {@link HierarchyException} for the first bad record; nothing is written
     */
    long createAll(Iterator<Description> descriptions, AuditEvent audit);

    /** The description with {@code id}, or empty. */
    Optional<Description> find(DescriptionId id);

    /**
     * The descriptions with the given ids that exist, by id (unknown ids are absent), read in one transaction;
     * one round trip for a page of ids where the backend allows (the SQL stores send bounded {@code IN} lists).
     * The default calls {@link #find} for each.
     *
     * @since 0.2
     */
    default Map<DescriptionId, Description> findAll(java.util.Collection<DescriptionId> ids) {
        Map<DescriptionId, Description> out = new java.util.HashMap<>();
        for (DescriptionId id : ids) find(id).ifPresent(d -> out.put(id, d));
        return out;
    }

    /**
     * The stored version of each of the given ids that exists, by id (unknown ids are absent), read in one
     * transaction without reading the records themselves: how a reader holding copies of records (a cache keyed
     * by id and version) learns which are still current. Versions only grow and records are never deleted, so a
     * copy with the stored version is the stored record. The default reads the records ({@link #findAll}); the
     * bundled stores read the version alone.
     *
     * @since 0.2
     */
    default Map<DescriptionId, Long> versions(java.util.Collection<DescriptionId> ids) {
        Map<DescriptionId, Long> out = new java.util.HashMap<>();
        findAll(ids).forEach((id, d) -> out.put(id, d.version()));
        return out;
    }

    /** The ancestors of {@code id}, root (fonds) first, not including the record itself; empty for a fonds. */
    List<Description> ancestors(DescriptionId id);

    /**
     * Up to {@code limit} children of {@code parent} in sibling order, starting after the child {@code after}
     * (keyset paging: a deep page costs what the first does), or from the first child when {@code after} is null.
     */
    List<Description> children(DescriptionId parent, @Nullable DescriptionId after, int limit);

    /** How many children {@code parent} has. */
    long countChildren(DescriptionId parent);

    /** The fonds of {@code institution}, in sibling order. */
    List<Description> roots(InstitutionCode institution);

    /**
     * Every descendant of {@code id} (not the record itself), parents before their children; lazy: close me.
     */
    Stream<Description> descendants(DescriptionId id);

    /**
     * Record {@code id} and every descendant in document order (pre-order: a record, then each child in sibling
     * order followed by that child's own subtree), each with its depth below {@code id}; empty when {@code id} is
     * unknown. Lazy and streamed: a walk of a million records holds a bounded window, so a writer can open and close
     * nesting from the depths alone with memory that grows with the depth, never the size. Close me.
     *
     * <p>The default pages through {@link #children} (one read per record that has children); the bundled stores
     * answer with one query.
     *
     * @since 0.1
     */
    default Stream<TreeEntry> subtree(DescriptionId id) {
        java.util.Objects.requireNonNull(id, "id");
        Optional<Description> root = find(id);
        if (root.isEmpty()) return Stream.empty();
        return java.util.stream.StreamSupport.stream(new PreOrderWalk(this, root.get()), false);
    }

    /**
     * Makes the store keep {@code renderer}'s rendition of every record it writes from now on (create, update and
     * bulk create), in the same transaction as the record, so that {@link #renderedSubtree} can hand it out.
     * Register renderers when the store is opened, before writes. A renderer of a format already registered
     * replaces it. The default keeps nothing: {@link #renderedSubtree} then never finds a rendition and readers
     * render records themselves.
     *
     * @since 0.3
     */
    default void registerRenderer(RecordRenderer renderer) {
        java.util.Objects.requireNonNull(renderer, "renderer");
        RecordRenderer.checkFormat(renderer.format());
    }

    /**
     * {@link #subtree}, with each record's stored rendition in {@code format} when there is one made from the
     * record's current version with {@code formatVersion}, else the whole record (see {@link RenderedEntry}). Same
     * order, depths, laziness and resources as {@link #subtree}: close me. The default finds no renditions.
     *
     * @since 0.3
     */
    default Stream<RenderedEntry> renderedSubtree(DescriptionId id, String format, int formatVersion) {
        RecordRenderer.checkFormat(format);
        return subtree(id).map(e -> new RenderedEntry(e.description(), e.depth(), null));
    }

    /** Every description, optionally only at {@code level}, in id order; lazy: close me. */
    Stream<Description> all(@Nullable Level level);

    /**
     * Every description at one of {@code levels}, each once: in id order within a level, in an order of the store's
     * choosing across levels; lazy: close me. The default reads {@link #all(Level)} level by level; the bundled
     * stores read them in one pass (a bulk reindex reads every level above items this way).
     */
    default Stream<Description> allOf(java.util.Set<Level> levels) {
        java.util.Objects.requireNonNull(levels, "levels");
        if (levels.isEmpty()) return Stream.empty();
        return java.util.EnumSet.copyOf(levels).stream().flatMap(this::all);
    }

    /**
     * Up to {@code limit} descriptions in change order, by {@code info().updatedAt()} then id, starting at a keyset
     * position: every description when {@code since} is null; those updated at or after {@code since} when
     * {@code afterId} is null; those strictly after the position {@code (since, afterId)} otherwise. Backed by an
     * index, so a deep page costs what the first does: what OAI-PMH harvesting and change feeds page over.
     *
     * @throws IllegalArgumentException when {@code limit} is below 1, or {@code afterId} is given without
     *     {@code since}
     * @since 0.2
     */
    List<Description> changes(@Nullable Instant since, @Nullable DescriptionId afterId, int limit);

    /** How many descriptions there are at each level; levels with none are absent. */
    Map<Level, Long> countByLevel();

    /** Appends an event to the audit log on its own (denials, reads worth recording); returns it numbered. */
    AuditEvent appendAudit(AuditEvent event);

    /** The audit log from sequence {@code fromSequence} on (inclusive), oldest first; lazy: close me. */
    Stream<AuditEvent> auditLog(long fromSequence);

    /** Releases the store's resources; idempotent. */
    @Override
    void close() throws StorageException;
}
