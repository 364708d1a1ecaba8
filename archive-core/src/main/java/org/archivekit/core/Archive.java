package org.archivekit.core;

import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Lineage;
import org.archivekit.core.access.Principal;
import org.archivekit.core.internal.LineageResolver;
import org.archivekit.core.internal.Validators;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.AuditEvent;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.RecordInfo;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.spi.ChangeListener;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of ArchiveKit: describes holdings in a store and serves them, through the one
 * {@link AccessPolicy}, to whoever asks. Immutable and thread-safe; build one and share it.
 *
 * <pre>{@code
 * try (Archive archive = Archive.builder().store(SqliteArchiveStore.open(home.resolve("archive.db"))).build()) {
 *     RecordView v = archive.view(Principal.anonymous(), DescriptionId.of("F001"));
 * }
 * }</pre>
 *
 * <p>Every read takes the caller and returns only what the caller may see. A record the caller may not see and a
 * record that does not exist give the same {@link NotFoundException} with the same message; each such refusal is
 * written to the audit log. Writes are for staff and administrators of the record's institution, within their
 * clearance; input is validated once here (Jakarta Validation) and every violation is reported together.
 *
 * @since 0.1
 */
public final class Archive implements AutoCloseable {

    private static final int MAX_PAGE = 1000;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Archive.class);

    private final ArchiveStore store;
    private final AccessPolicy policy;
    private final Validator validator;
    private final List<ChangeListener> listeners;

    private Archive(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store: call Builder.store(...) first");
        this.policy = b.policy;
        this.validator = b.validator != null ? b.validator : Validators.defaultValidator();
        this.listeners = List.copyOf(b.listeners);
    }

    /** Starts an archive; a store is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The access policy in force. */
    public AccessPolicy policy() {
        return policy;
    }

    /** The Jakarta Validator checking input at this archive's entry points (the host's, or the default). */
    public Validator validator() {
        return validator;
    }

    /** The store underneath, for backend-level tools (migration, reindexing); it enforces no access rules. */
    public ArchiveStore store() {
        return store;
    }

    // ---------------------------------------------------------------- institutions

    /**
     * Creates or replaces an institution.
     *
     * @throws AccessRestrictedException unless {@code actor} is an administrator of that institution
     */
    public void putInstitution(Principal actor, Institution institution) {
        Objects.requireNonNull(actor, "actor");
        Validators.check(validator, Objects.requireNonNull(institution, "institution"));
        if (actor.kind() != Principal.Kind.ADMIN || !actor.belongsTo(institution.code())) {
            throw new AccessRestrictedException("only an administrator of " + institution.code()
                    + " may change it");
        }
        store.putInstitution(institution);
        audit(actor, "institution", null, 0, 0, institution.code().value());
    }

    /** Every institution (names and contacts are public), ordered by code. */
    public List<Institution> institutions() {
        return store.institutions();
    }

    // ---------------------------------------------------------------- reads

    /**
     * The record {@code id} if {@code caller} may see it.
     *
     * @throws NotFoundException when it is missing or hidden from the caller (the same exception and message)
     */
    public Description get(Principal caller, DescriptionId id) {
        return view(caller, id).description();
    }

    /** The record {@code id} if it exists and {@code caller} may see it; a refusal is still audited. */
    public Optional<Description> find(Principal caller, DescriptionId id) {
        try {
            return Optional.of(get(caller, id));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The record {@code id} as {@code caller} sees it: with its effective level and visible breadcrumb.
     *
     * @throws NotFoundException when it is missing or hidden from the caller
     */
    public RecordView view(Principal caller, DescriptionId id) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(id, "id");
        LineageResolver resolver = resolver();
        Lineage l = visibleOrThrow(caller, id, resolver);
        return toView(caller, l, resolver);
    }

    /**
     * One page of the children of {@code parent} that {@code caller} may see, in sibling order.
     *
     * @param cursor {@code null} for the first page, else the {@code next} of the previous page
     * @param limit 1 to 1000
     * @throws NotFoundException when the parent is missing or hidden from the caller
     */
    public Page<RecordView> children(Principal caller, DescriptionId parent, @Nullable String cursor, int limit) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(parent, "parent");
        if (limit < 1 || limit > MAX_PAGE) throw new IllegalArgumentException("limit must be 1-1000, got " + limit);
        LineageResolver resolver = resolver();
        Lineage parentLineage = visibleOrThrow(caller, parent, resolver);
        DescriptionId scan = cursor == null ? null : parseCursor(cursor);
        List<RecordView> out = new ArrayList<>(limit);
        int batch = Math.min(MAX_PAGE, limit + 1);
        while (true) {
            List<Description> kids = store.children(parent, scan, batch);
            for (Description k : kids) {
                scan = k.id();
                Lineage l = policy.child(parentLineage, k);
                if (!policy.canSee(caller, l)) continue;
                if (out.size() == limit) {
                    // A visible record beyond this page: the page ends at the last one returned.
                    return new Page<>(out, Optional.of(out.get(limit - 1).id().value()));
                }
                out.add(toView(caller, l, resolver));
            }
            if (kids.size() < batch) return new Page<>(out, Optional.empty());
        }
    }

    private static DescriptionId parseCursor(String cursor) {
        if (!DescriptionId.isValid(cursor)) throw new InvalidRequestException("cursor", "malformed page cursor");
        return DescriptionId.of(cursor);
    }

    /** The fonds of {@code institution} that {@code caller} may see, in sibling order. */
    public List<RecordView> fonds(Principal caller, InstitutionCode institution) {
        Objects.requireNonNull(caller, "caller");
        LineageResolver resolver = resolver();
        List<RecordView> out = new ArrayList<>();
        for (Description d : store.roots(institution)) {
            Lineage l = resolver.lineage(d);
            if (policy.canSee(caller, l)) out.add(toView(caller, l, resolver));
        }
        return out;
    }

    /**
     * Every record {@code caller} may see, optionally only at {@code level}, in id order; lazy: close me.
     */
    public Stream<RecordView> list(Principal caller, @Nullable Level level) {
        Objects.requireNonNull(caller, "caller");
        LineageResolver resolver = resolver();
        Stream<Description> all = store.all(level);
        return all.map(resolver::lineage).filter(l -> policy.canSee(caller, l))
                .map(l -> toView(caller, l, resolver));
    }

    /**
     * The descendants of {@code id} that {@code caller} may see, parents before children; lazy: close me.
     *
     * @throws NotFoundException when {@code id} is missing or hidden from the caller
     */
    public Stream<RecordView> descendants(Principal caller, DescriptionId id) {
        Objects.requireNonNull(caller, "caller");
        LineageResolver resolver = resolver();
        visibleOrThrow(caller, id, resolver);
        return store.descendants(id).map(resolver::lineage).filter(l -> policy.canSee(caller, l))
                .map(l -> toView(caller, l, resolver));
    }

    /**
     * How many records {@code caller} may see, by level and effective access level. Walks the whole store: for
     * reports and demos, not for every request.
     */
    public Map<Level, Map<AccessLevel, Long>> census(Principal caller) {
        Map<Level, Map<AccessLevel, Long>> out = new EnumMap<>(Level.class);
        LineageResolver resolver = resolver();
        try (Stream<Description> all = store.all(null)) {
            all.map(resolver::lineage).filter(l -> policy.canSee(caller, l)).forEach(l -> out
                    .computeIfAbsent(l.record().level(), k -> new EnumMap<>(AccessLevel.class))
                    .merge(l.effectiveLevel(), 1L, Long::sum));
        }
        return out;
    }

    // ---------------------------------------------------------------- writes

    /**
     * Stores a new record at version 1 on behalf of {@code actor}.
     *
     * @throws InvalidRequestException listing every broken rule of the input
     * @throws NotFoundException when the parent is missing or hidden from the actor
     * @throws AccessRestrictedException when the actor may not write there or above its clearance
     * @throws HierarchyException when the tree rules forbid the parent
     * @throws ConflictException when the id is taken
     */
    public Description create(Principal actor, Description description) {
        Objects.requireNonNull(actor, "actor");
        Validators.check(validator, Objects.requireNonNull(description, "description"));
        LineageResolver resolver = resolver();
        checkWritable(actor, description, resolver);
        Instant now = policy.now();
        Description stamped = description.toBuilder()
                .info(new RecordInfo(0, actor.id(), now, actor.id(), now)).build();
        Description stored = store.create(stamped, event(actor, "create", description.id(), 0, 1, ""));
        notifyListeners(Set.of(stored.id()), false);
        return stored;
    }

    /**
     * Replaces the record with {@code description}, whose version must be the stored one (optimistic
     * concurrency); a changed parent moves the record with its subtree.
     *
     * @throws ConflictException when the record changed since it was read
     * @throws NotFoundException when the record or a new parent is missing or hidden from the actor
     * @throws AccessRestrictedException when the actor may not change it
     */
    public Description update(Principal actor, Description description) {
        Objects.requireNonNull(actor, "actor");
        Validators.check(validator, Objects.requireNonNull(description, "description"));
        LineageResolver resolver = resolver();
        Lineage current = visibleOrThrow(actor, description.id(), resolver);
        if (!policy.canWrite(actor, current)) {
            throw new AccessRestrictedException(actor.id() + " may not change record '" + description.id() + "'");
        }
        if (!current.record().institution().equals(description.institution())) {
            throw new HierarchyException("record '" + description.id() + "' cannot move to another institution");
        }
        checkWritable(actor, description, resolver);
        RecordInfo old = current.record().info();
        Description stamped = description.toBuilder().info(new RecordInfo(description.version(), old.createdBy(),
                old.createdAt(), actor.id(), policy.now())).build();
        Description before = current.record();
        boolean moved = !Objects.equals(before.parent(), description.parent());
        Description stored = store.update(stamped, description.version(), event(actor, moved ? "move" : "update",
                description.id(), description.version(), description.version() + 1, ""));
        // what descendants inherit or show: their breadcrumb (parent, title, code) and their access
        boolean inherited = moved || !before.access().equals(stored.access()) || before.status() != stored.status()
                || !before.title().equals(stored.title())
                || !Objects.equals(before.referenceCode(), stored.referenceCode());
        notifyListeners(Set.of(stored.id()), inherited);
        return stored;
    }

    /**
     * Moves record {@code id} (at {@code expectedVersion}) with its subtree under {@code newParent}.
     *
     * @throws HierarchyException when the move would make a cycle or invert levels
     */
    public Description move(Principal actor, DescriptionId id, DescriptionId newParent, long expectedVersion) {
        Description current = get(actor, id);
        Description moved = current.toBuilder().parent(newParent)
                .info(new RecordInfo(expectedVersion, current.info().createdBy(), current.info().createdAt(),
                        current.info().updatedBy(), current.info().updatedAt()))
                .build();
        return update(actor, moved);
    }

    /**
     * Stores every record of {@code descriptions} in one atomic batch: all or, on the first bad record, none.
     * Records are validated one by one as they stream by; parents may come earlier in the batch.
     *
     * @return how many records were stored
     * @throws InvalidRequestException naming the record (by position and id) and every broken rule
     */
    public long importAll(Principal actor, Iterator<Description> descriptions) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(descriptions, "descriptions");
        if (!actor.isStaff()) throw new AccessRestrictedException(actor.id() + " may not import records");
        Instant now = policy.now();
        RecordInfo info = new RecordInfo(0, actor.id(), now, actor.id(), now);
        // the records of the batch whose parent is outside it: with their descendants, the whole batch
        Set<DescriptionId> batchRoots = new HashSet<>();
        Iterator<Description> checked = new Iterator<>() {
            private final LineageResolver resolver = resolver();
            private final Set<DescriptionId> outsideParentsChecked = new HashSet<>();
            private final Set<InstitutionCode> knownInstitutions = new HashSet<>();
            private final Set<DescriptionId> seen = new HashSet<>();
            private long position;

            @Override
            public boolean hasNext() {
                return descriptions.hasNext();
            }

            @Override
            public Description next() {
                if (!hasNext()) throw new NoSuchElementException();
                Description d = descriptions.next();
                position++;
                try {
                    Validators.check(validator, d);
                } catch (InvalidRequestException e) {
                    throw new InvalidRequestException(e.violations().stream()
                            .map(v -> new InvalidRequestException.Violation(
                                    "record " + position + " (" + d.id() + ") " + v.path(), v.message()))
                            .toList());
                }
                if (!actor.belongsTo(d.institution())
                        || policy.root(d, now).effectiveLevel().compareTo(actor.clearance()) > 0) {
                    throw new AccessRestrictedException(actor.id() + " may not write record " + position + " ('"
                            + d.id() + "')");
                }
                if (d.parent() == null && knownInstitutions.add(d.institution())
                        && store.findInstitution(d.institution()).isEmpty()) {
                    throw NotFoundException.of("institution", d.institution().value());
                }
                DescriptionId parent = d.parent();
                if (parent != null && !outsideParentsChecked.contains(parent) && store.find(parent).isPresent()) {
                    Lineage p = resolver.lineage(parent).orElseThrow();
                    if (!policy.canSee(actor, p)) throw NotFoundException.forId(parent.value());
                    if (!policy.canWrite(actor, p)) {
                        throw new AccessRestrictedException(actor.id() + " may not add records under '" + parent
                                + "'");
                    }
                    outsideParentsChecked.add(parent);
                }
                if (!listeners.isEmpty() && (parent == null || !seen.contains(parent))) batchRoots.add(d.id());
                if (!listeners.isEmpty()) seen.add(d.id());
                return d.toBuilder().info(info).build();
            }
        };
        long count = store.createAll(checked, event(actor, "import", null, 0, 1, ""));
        if (!batchRoots.isEmpty()) notifyListeners(batchRoots, true);
        return count;
    }

    // ---------------------------------------------------------------- audit

    /**
     * The audit log from sequence {@code fromSequence} on, oldest first; lazy: close me.
     *
     * @throws AccessRestrictedException unless {@code caller} is an administrator
     */
    public Stream<AuditEvent> auditLog(Principal caller, long fromSequence) {
        if (caller.kind() != Principal.Kind.ADMIN) {
            throw new AccessRestrictedException("only administrators may read the audit log");
        }
        return store.auditLog(fromSequence);
    }

    /** Closes the store. */
    @Override
    public void close() {
        store.close();
    }

    // ---------------------------------------------------------------- internals

    private LineageResolver resolver() {
        return new LineageResolver(store, policy);
    }

    private Lineage visibleOrThrow(Principal caller, DescriptionId id, LineageResolver resolver) {
        Optional<Lineage> l = resolver.lineage(id);
        if (l.isPresent()) {
            AccessPolicy.Decision decision = policy.decide(caller, l.get());
            if (decision.isVisible()) return l.get();
            audit(caller, "deny", id, 0, 0, "hidden: " + decision.reason());
        } else {
            audit(caller, "deny", id, 0, 0, "missing");
        }
        throw NotFoundException.forId(id.value());
    }

    private void checkWritable(Principal actor, Description d, LineageResolver resolver) {
        if (!actor.isStaff() || !actor.belongsTo(d.institution())) {
            throw new AccessRestrictedException(actor.id() + " may not write records of " + d.institution());
        }
        Lineage l;
        if (d.parent() == null) {
            if (store.findInstitution(d.institution()).isEmpty()) {
                throw NotFoundException.of("institution", d.institution().value());
            }
            l = policy.root(d, policy.now());
        } else {
            Lineage parent = visibleOrThrow(actor, d.parent(), resolver);
            if (!policy.canWrite(actor, parent)) {
                throw new AccessRestrictedException(actor.id() + " may not add records under '" + d.parent() + "'");
            }
            l = policy.child(parent, d);
        }
        if (!policy.canWrite(actor, l)) {
            throw new AccessRestrictedException(actor.id() + " may not write record '" + d.id()
                    + "' at effective level " + l.effectiveLevel() + ", above clearance " + actor.clearance());
        }
    }

    private void notifyListeners(Set<DescriptionId> ids, boolean withDescendants) {
        for (ChangeListener l : listeners) {
            try {
                l.changed(ids, withDescendants);
            } catch (RuntimeException e) {
                LOG.warn("change listener {} failed after a committed write of {} record(s); derived data may lag"
                        + " until its consistency check runs", l, ids.size(), e);
            }
        }
    }

    private RecordView toView(Principal caller, Lineage l, LineageResolver resolver) {
        List<RecordView.Crumb> crumbs = new ArrayList<>();
        List<DescriptionId> path = l.path();
        for (int i = 0; i < path.size() - 1; i++) {
            resolver.lineage(path.get(i)).filter(a -> policy.canSee(caller, a))
                    .ifPresent(a -> crumbs.add(RecordView.Crumb.of(a.record())));
        }
        return new RecordView(l.record(), l.effectiveLevel(), crumbs);
    }

    private void audit(Principal actor, String action, @Nullable DescriptionId target, long oldV, long newV,
            String detail) {
        store.appendAudit(event(actor, action, target, oldV, newV, detail));
    }

    private AuditEvent event(Principal actor, String action, @Nullable DescriptionId target, long oldV, long newV,
            String detail) {
        return new AuditEvent(0, policy.now(), actor.id(), action, target, oldV, newV, detail);
    }

    /** Builds an {@link Archive}; not thread-safe, used once. */
    public static final class Builder {
        private @Nullable ArchiveStore store;
        private AccessPolicy policy = AccessPolicy.standard();
        private @Nullable Validator validator;
        private final List<ChangeListener> listeners = new ArrayList<>();

        private Builder() {}

        /** Adds a listener told about every committed write (a search index, a feed); see {@link ChangeListener}. */
        public Builder listener(ChangeListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The store to keep records in (required); the archive closes it on {@link Archive#close()}. */
        public Builder store(ArchiveStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The access policy; default {@link AccessPolicy#standard()}. */
        public Builder policy(AccessPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** A host's own Jakarta Validator; default Hibernate Validator without EL. */
        public Builder validator(Validator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /**
         * The archive.
         *
         * @throws IllegalStateException when no store was given
         */
        public Archive build() {
            if (store == null) throw new IllegalStateException("an Archive needs a store: call store(...)");
            return new Archive(this);
        }
    }
}
