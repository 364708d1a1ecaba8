package org.archivekit.core.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.archivekit.core.model.AuditEvent;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.RecordInfo;
import org.archivekit.core.model.ReferenceCode;

/** What both stores do the same way: sibling order, materialized paths, and the info and audit they store. */
final class StoreSupport {
    private StoreSupport() {}

    /** Sibling order: sequence, then the reference code's sort key (records without a code last), then id. */
    static final Comparator<Description> SIBLING_ORDER = Comparator
            .comparingInt(Description::sequence)
            .thenComparing(d -> d.referenceCode() == null ? 1 : 0)
            .thenComparing(StoreSupport::refSortKey)
            .thenComparing(Description::id);

    private static final DateTimeFormatter CHANGE_KEY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * The fixed-width text of an update instant (nanoseconds always written), whose text order is time order for
     * years 0000-9999; {@code Instant.toString()} drops zero fractions, so its text order is not.
     */
    static String changeKey(Instant at) {
        return CHANGE_KEY.format(at);
    }

    /** The sort key stored for {@code d}'s reference code, empty when it has none. */
    static String refSortKey(Description d) {
        ReferenceCode code = d.referenceCode();
        return code == null ? "" : code.sortKey();
    }

    /** The path a child of a record with {@code path} and {@code id} gets: {@code /F1/S1/} under S1. */
    static String childPath(String parentPath, DescriptionId parentId) {
        return parentPath + parentId.value() + "/";
    }

    /** The ancestor ids in a path, root first. */
    static List<DescriptionId> idsOf(String path) {
        List<DescriptionId> ids = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) ids.add(DescriptionId.of(part));
        }
        return ids;
    }

    /** {@code d} as first stored: version 1, keeping the creator and times it came with. */
    static Description asCreated(Description d) {
        RecordInfo i = d.info();
        return d.toBuilder().info(new RecordInfo(1, i.createdBy(), i.createdAt(), i.updatedBy(), i.updatedAt()))
                .build();
    }

    /** {@code d} as stored over {@code stored}: the next version, the original creation, the new writer and time. */
    static Description asUpdated(Description d, Description stored) {
        RecordInfo was = stored.info();
        RecordInfo now = d.info();
        return d.toBuilder().info(new RecordInfo(was.version() + 1, was.createdBy(), was.createdAt(),
                now.updatedBy(), now.updatedAt())).build();
    }

    /** The audit event of a single-record write, with the target and versions filled in. */
    static AuditEvent auditOf(AuditEvent given, DescriptionId target, long oldVersion, long newVersion) {
        return new AuditEvent(0, given.at(), given.actor(), given.action(), target, oldVersion, newVersion,
                given.detail());
    }
}
