package org.archivekit.share.link;

import jakarta.validation.Validator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.archivekit.core.AccessRestrictedException;
import org.archivekit.core.Archive;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.NotFoundException;
import org.archivekit.core.Page;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.AccessPolicy;
import org.archivekit.core.access.Grant;
import org.archivekit.core.access.Lineage;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.AuditEvent;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.share.spi.ShareLinkRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Signed, expiring share links: one record (or subtree) shown to one caller-less viewer. Immutable and thread-safe.
 *
 * <p>A link never grants more than its issuer could see, and it is checked again at every use: its signature
 * (HMAC-SHA256 under the {@link ShareKeyRing}, compared in constant time), its expiry, revocation and use limit, the
 * issuer as the {@link PrincipalDirectory} knows them now, and the record as the store holds it now. The viewer
 * sees what both the issuer and a grant on the shared record allow: classified (密级), draft and withdrawn
 * material never opens. Every creation, use and refusal is written to the audit log; a refusal of any kind is the
 * one {@link ShareLinkRefusedException}. The token is shown once, at creation; the registry keeps only a hash of the
 * link's secret, and listings never return tokens.
 *
 * <pre>{@code
 * ShareLinks links = ShareLinks.builder().archive(archive).registry(SqliteShareLinkRegistry.open(home.resolve("share.db")))
 *         .keys(ShareKeyRing.loadOrCreate(home.resolve("share-keys.properties"))).directory(users::find).build();
 * IssuedShareLink issued = links.create(staff, ShareLinkRequest.of(id, Duration.ofDays(7)));
 * SharedView view = links.open(issued.token());
 * }</pre>
 *
 * @since 0.1
 */
public final class ShareLinks {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ACTOR = "share-link";

    private final Archive archive;
    private final ShareLinkRegistry registry;
    private final ShareKeyRing keys;
    private final PrincipalDirectory directory;
    private final Duration maxTtl;
    private final Validator validator;

    private ShareLinks(Builder b) {
        this.archive = Objects.requireNonNull(b.archive, "archive");
        this.registry = Objects.requireNonNull(b.registry, "registry");
        this.keys = Objects.requireNonNull(b.keys, "keys");
        this.directory = Objects.requireNonNull(b.directory, "directory");
        this.maxTtl = b.maxTtl;
        this.validator = b.validator != null ? b.validator : archive.validator();
    }

    /** Starts the service; archive, registry, keys and directory are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Issues a link to a record the issuer can see.
     *
     * @throws InvalidRequestException when the request breaks a rule (no or too long a ttl, a use limit below 1)
     * @throws NotFoundException when the record is missing or hidden from the issuer
     * @throws AccessRestrictedException when the issuer is the anonymous public
     */
    public IssuedShareLink create(Principal issuer, ShareLinkRequest request) {
        Objects.requireNonNull(issuer, "issuer");
        var problems = validator.validate(Objects.requireNonNull(request, "request"));
        if (!problems.isEmpty()) throw InvalidRequestException.of(problems);
        if (request.ttl().isNegative() || request.ttl().isZero() || request.ttl().compareTo(maxTtl) > 0) {
            throw new InvalidRequestException("ttl", "must be positive and at most " + maxTtl.toDays() + " days");
        }
        archive.get(issuer, request.record()); // NotFoundException when the issuer cannot see it
        if (issuer.kind() == Principal.Kind.PUBLIC) {
            throw new AccessRestrictedException("the anonymous public cannot issue share links; sign in first");
        }
        Instant now = now();
        byte[] secret = new byte[ShareToken.SECRET_BYTES];
        RANDOM.nextBytes(secret);
        ShareToken token = new ShareToken(keys.currentId(), secret, request.record(), request.scope(),
                request.downloads(), now.plus(request.ttl()).truncatedTo(ChronoUnit.SECONDS), request.maxUses());
        ShareLink link = new ShareLink(token.handle(), request.record(), request.scope(), request.downloads(),
                issuer.id(), now, token.expiresAt(), request.maxUses(), 0, null);
        registry.insert(link);
        audit(issuer.id(), "share-create", request.record(), "link " + shortHandle(link.handle()) + " until "
                + link.expiresAt() + (link.maxUses() == null ? "" : ", " + link.maxUses() + " uses"));
        return new IssuedShareLink(link, token.sign(keys));
    }

    /**
     * Opens a link on its record, counting one use.
     *
     * @throws ShareLinkRefusedException for any reason the link does not open
     */
    public SharedView open(String token) {
        Checked c = check(token, null, true);
        return new SharedView(c.link, c.view, c.link.downloads());
    }

    /**
     * Opens a record inside a subtree link (the shared record or a descendant both the issuer and the link may
     * see), counting one use.
     *
     * @throws ShareLinkRefusedException for any reason the link or the record does not open
     */
    public SharedView open(String token, DescriptionId record) {
        Checked c = check(token, Objects.requireNonNull(record, "record"), true);
        return new SharedView(c.link, c.view, c.link.downloads());
    }

    /**
     * One page of the children of {@code parent} inside a subtree link, as the link may show them; paging does not
     * count uses.
     *
     * @throws ShareLinkRefusedException when the link does not open, is not a subtree link, or the parent is not
     *     inside it
     */
    public Page<RecordView> children(String token, DescriptionId parent, @Nullable String cursor, int limit) {
        if (limit < 1 || limit > 1000) throw new IllegalArgumentException("limit must be 1-1000, got " + limit);
        Checked c = check(token, Objects.requireNonNull(parent, "parent"), false);
        if (c.link.scope() != ShareScope.SUBTREE) throw refuse(c.link.record(), c.link.handle(), "not a subtree link");
        AccessPolicy policy = archive.policy();
        DescriptionId scan = null;
        if (cursor != null) {
            if (!DescriptionId.isValid(cursor)) throw new InvalidRequestException("cursor", "malformed page cursor");
            scan = DescriptionId.of(cursor);
        }
        List<RecordView> out = new ArrayList<>();
        int batch = Math.min(1000, limit + 1);
        while (true) {
            List<Description> kids = archive.store().children(parent, scan, batch);
            for (Description k : kids) {
                scan = k.id();
                Lineage l = policy.child(c.lineage, k);
                if (!policy.canSee(c.issuer, l) || !policy.canSee(c.viewer, l)) continue;
                if (out.size() == limit) return new Page<>(out, Optional.of(out.get(limit - 1).id().value()));
                out.add(new RecordView(k, l.effectiveLevel(), List.of()));
            }
            if (kids.size() < batch) return new Page<>(out, Optional.empty());
        }
    }

    /**
     * Revokes a link: its issuer may, and so may staff of the record's institution who can see the record.
     *
     * @throws ShareLinkRefusedException when the token is not a link ArchiveKit issued
     * @throws AccessRestrictedException when {@code actor} may not revoke it
     */
    public void revoke(Principal actor, String token) {
        Objects.requireNonNull(actor, "actor");
        ShareToken t = ShareToken.verify(Objects.requireNonNull(token, "token"), keys)
                .orElseThrow(() -> refuse(null, null, "revoke: token does not verify"));
        ShareLink link = registry.find(t.handle()).orElseThrow(() -> refuse(t.record(), t.handle(),
                "revoke: not in the registry"));
        boolean issuer = link.issuer().equals(actor.id());
        boolean staff = actor.isStaff() && archive.find(actor, link.record()).isPresent();
        if (!issuer && !staff) {
            throw new AccessRestrictedException(actor.id() + " may not revoke share link "
                    + shortHandle(link.handle()));
        }
        registry.revoke(link.handle(), now());
        audit(actor.id(), "share-revoke", link.record(), "link " + shortHandle(link.handle()));
    }

    /**
     * The links of a record, without tokens: all of them for staff who can see the record, otherwise the caller's
     * own.
     *
     * @throws NotFoundException when the record is missing or hidden from the caller
     */
    public List<ShareLink> list(Principal actor, DescriptionId record) {
        Objects.requireNonNull(actor, "actor");
        archive.get(actor, record);
        List<ShareLink> all = registry.forRecord(record);
        return actor.isStaff() ? all : all.stream().filter(l -> l.issuer().equals(actor.id())).toList();
    }

    // ------------------------------------------------------------------ the check at every use

    private record Checked(ShareLink link, Principal issuer, Principal viewer, Lineage lineage, RecordView view) {}

    private Checked check(String token, @Nullable DescriptionId target, boolean countUse) {
        Objects.requireNonNull(token, "token");
        Instant now = now();
        ShareToken t = ShareToken.verify(token, keys).orElseThrow(() -> refuse(null, null, "token does not verify"));
        ShareLink link = registry.find(t.handle()).orElseThrow(() -> refuse(t.record(), t.handle(),
                "not in the registry"));
        if (!link.record().equals(t.record()) || link.scope() != t.scope() || link.downloads() != t.downloads()
                || !link.expiresAt().equals(t.expiresAt()) || !Objects.equals(link.maxUses(), t.maxUses())) {
            throw refuse(t.record(), t.handle(), "token and registry disagree");
        }
        if (link.revokedAt() != null) throw refuse(link.record(), link.handle(), "revoked");
        if (!now.isBefore(link.expiresAt())) throw refuse(link.record(), link.handle(), "expired");
        if (link.maxUses() != null && link.uses() >= link.maxUses()) {
            throw refuse(link.record(), link.handle(), "use limit reached");
        }
        Principal issuer = directory.find(link.issuer())
                .orElseThrow(() -> refuse(link.record(), link.handle(), "issuer no longer exists"));
        Principal viewer = Principal.anonymous().withGrant(new Grant(link.record(), link.expiresAt()));
        DescriptionId id = target == null ? link.record() : target;
        Optional<Description> record = archive.store().find(id);
        if (record.isEmpty()) throw refuse(id, link.handle(), "record no longer exists");
        AccessPolicy policy = archive.policy();
        List<Description> ancestors = archive.store().ancestors(id);
        Lineage l = policy.lineage(ancestors, record.get());
        int sharedDepth = l.path().indexOf(link.record());
        if (sharedDepth < 0) throw refuse(id, link.handle(), "outside the shared record");
        if (!id.equals(link.record()) && link.scope() != ShareScope.SUBTREE) {
            throw refuse(id, link.handle(), "a record link opens its record only");
        }
        if (!policy.canSee(issuer, l)) throw refuse(id, link.handle(), "issuer can no longer see the record");
        if (!policy.canSee(viewer, l)) throw refuse(id, link.handle(), "the record may not be shared");
        if (countUse && !registry.tryUse(link.handle(), now)) {
            throw refuse(link.record(), link.handle(), "use limit reached");
        }
        // the breadcrumb starts at the shared record: what lies above it is not part of the link
        List<RecordView.Crumb> crumbs = ancestors.subList(sharedDepth, ancestors.size()).stream()
                .map(RecordView.Crumb::of).toList();
        if (countUse) audit(ACTOR, "share-open", id, "link " + shortHandle(link.handle()));
        return new Checked(link, issuer, viewer, l, new RecordView(record.get(), l.effectiveLevel(), crumbs));
    }

    private ShareLinkRefusedException refuse(@Nullable DescriptionId record, @Nullable String handle, String why) {
        audit(ACTOR, "share-refuse", record, (handle == null ? "" : "link " + shortHandle(handle) + ": ") + why);
        return new ShareLinkRefusedException();
    }

    private void audit(String actor, String action, @Nullable DescriptionId target, String detail) {
        archive.store().appendAudit(new AuditEvent(0, now(), actor, action, target, 0, 0, detail));
    }

    private Instant now() {
        return archive.policy().now();
    }

    private static String shortHandle(String handle) {
        return handle.substring(0, 12);
    }

    /** Builds {@link ShareLinks}; not thread-safe, used once. */
    public static final class Builder {
        private @Nullable Archive archive;
        private @Nullable ShareLinkRegistry registry;
        private @Nullable ShareKeyRing keys;
        private @Nullable PrincipalDirectory directory;
        private Duration maxTtl = Duration.ofDays(365);
        private @Nullable Validator validator;

        private Builder() {}

        /** The archive whose records are shared (its clock and policy decide). */
        public Builder archive(Archive archive) {
            this.archive = Objects.requireNonNull(archive, "archive");
            return this;
        }

        /** Where links' bookkeeping is kept. */
        public Builder registry(ShareLinkRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The signing keys. */
        public Builder keys(ShareKeyRing keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** Finds issuers as they are now, for the check at every use. */
        public Builder directory(PrincipalDirectory directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The longest life a link may be given; default 365 days. */
        public Builder maxTtl(Duration maxTtl) {
            if (maxTtl.isNegative() || maxTtl.isZero()) throw new IllegalArgumentException("maxTtl must be positive");
            this.maxTtl = maxTtl;
            return this;
        }

        /** A Jakarta Validator for requests; default the archive's. */
        public Builder validator(Validator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /**
         * The service.
         *
         * @throws IllegalStateException when a required part is missing
         */
        public ShareLinks build() {
            if (archive == null || registry == null || keys == null || directory == null) {
                throw new IllegalStateException("ShareLinks needs archive, registry, keys and directory");
            }
            return new ShareLinks(this);
        }
    }
}
