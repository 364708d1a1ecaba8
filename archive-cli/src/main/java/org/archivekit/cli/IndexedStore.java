package org.archivekit.cli;

import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.archivekit.core.model.AuditEvent;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.spi.RecordRenderer;
import org.archivekit.core.spi.RenderedEntry;
import org.archivekit.core.spi.TreeEntry;
import org.archivekit.search.ArchiveSearch;
import org.jspecify.annotations.Nullable;

/**
 * The home's store with its search index attached for a write command: closing it first lets the search index
 * everything the command wrote (and commit), then closes the store, so an {@code Archive} built on it and closed by
 * the command leaves the index in step.
 */
final class IndexedStore implements ArchiveStore {
    private final ArchiveStore store;
    private final ArchiveSearch search;

    IndexedStore(ArchiveStore store, ArchiveSearch search) {
        this.store = store;
        this.search = search;
    }

    @Override
    public void putInstitution(Institution institution) {
        store.putInstitution(institution);
    }

    @Override
    public Optional<Institution> findInstitution(InstitutionCode code) {
        return store.findInstitution(code);
    }

    @Override
    public List<Institution> institutions() {
        return store.institutions();
    }

    @Override
    public Description create(Description description, AuditEvent audit) {
        return store.create(description, audit);
    }

    @Override
    public Description update(Description description, long expectedVersion, AuditEvent audit) {
        return store.update(description, expectedVersion, audit);
    }

    @Override
    public long createAll(Iterator<Description> descriptions, AuditEvent audit) {
        return store.createAll(descriptions, audit);
    }

    @Override
    public Optional<Description> find(DescriptionId id) {
        return store.find(id);
    }

    @Override
    public Map<DescriptionId, Description> findAll(Collection<DescriptionId> ids) {
        return store.findAll(ids);
    }

    @Override
    public Map<DescriptionId, Long> versions(Collection<DescriptionId> ids) {
        return store.versions(ids);
    }

    @Override
    public List<Description> ancestors(DescriptionId id) {
        return store.ancestors(id);
    }

    @Override
    public List<Description> children(DescriptionId parent, @Nullable DescriptionId after, int limit) {
        return store.children(parent, after, limit);
    }

    @Override
    public long countChildren(DescriptionId parent) {
        return store.countChildren(parent);
    }

    @Override
    public List<Description> roots(InstitutionCode institution) {
        return store.roots(institution);
    }

    @Override
    public Stream<Description> descendants(DescriptionId id) {
        return store.descendants(id);
    }

    @Override
    public Stream<TreeEntry> subtree(DescriptionId id) {
        return store.subtree(id);
    }

    @Override
    public void registerRenderer(RecordRenderer renderer) {
        store.registerRenderer(renderer);
    }

    @Override
    public Stream<RenderedEntry> renderedSubtree(DescriptionId id, String format, int formatVersion) {
        return store.renderedSubtree(id, format, formatVersion);
    }

    @Override
    public List<Description> changes(@Nullable Instant since, @Nullable DescriptionId afterId, int limit) {
        return store.changes(since, afterId, limit);
    }

    @Override
    public Stream<Description> all(@Nullable Level level) {
        return store.all(level);
    }

    @Override
    public Stream<Description> allOf(java.util.Set<Level> levels) {
        return store.allOf(levels);
    }

    @Override
    public Map<Level, Long> countByLevel() {
        return store.countByLevel();
    }

    @Override
    public AuditEvent appendAudit(AuditEvent event) {
        return store.appendAudit(event);
    }

    @Override
    public Stream<AuditEvent> auditLog(long fromSequence) {
        return store.auditLog(fromSequence);
    }

    @Override
    public void close() {
        try {
            search.close(); // indexes what is queued and commits
        } finally {
            store.close();
        }
    }
}
