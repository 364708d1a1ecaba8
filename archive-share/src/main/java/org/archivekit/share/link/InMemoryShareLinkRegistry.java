package org.archivekit.share.link;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.share.spi.ShareLinkRegistry;

/**
 * A share-link registry in memory, for tests and short-lived embedded uses; thread-safe.
 *
 * @since 0.1
 */
public final class InMemoryShareLinkRegistry implements ShareLinkRegistry {
    private final Map<String, ShareLink> links = new HashMap<>();

    @Override
    public synchronized void insert(ShareLink link) {
        if (links.putIfAbsent(link.handle(), link) != null) {
            throw new IllegalArgumentException("share link " + link.handle() + " exists already");
        }
    }

    @Override
    public synchronized Optional<ShareLink> find(String handle) {
        return Optional.ofNullable(links.get(handle));
    }

    @Override
    public synchronized boolean tryUse(String handle, Instant now) {
        ShareLink l = links.get(handle);
        if (l == null || !l.isLiveAt(now)) return false;
        links.put(handle, new ShareLink(l.handle(), l.record(), l.scope(), l.downloads(), l.issuer(), l.createdAt(),
                l.expiresAt(), l.maxUses(), l.uses() + 1, l.revokedAt()));
        return true;
    }

    @Override
    public synchronized boolean revoke(String handle, Instant at) {
        ShareLink l = links.get(handle);
        if (l == null || l.revokedAt() != null) return false;
        links.put(handle, new ShareLink(l.handle(), l.record(), l.scope(), l.downloads(), l.issuer(), l.createdAt(),
                l.expiresAt(), l.maxUses(), l.uses(), at));
        return true;
    }

    @Override
    public synchronized List<ShareLink> forRecord(DescriptionId record) {
        return links.values().stream().filter(l -> l.record().equals(record))
                .sorted(Comparator.comparing(ShareLink::createdAt).reversed().thenComparing(ShareLink::handle))
                .toList();
    }

    @Override
    public void close() {
        // nothing to release
    }
}
