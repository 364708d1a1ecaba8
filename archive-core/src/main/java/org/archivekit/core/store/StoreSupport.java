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
import org.archivekit.core.spi.RecordRenderer;
import org.jspecify.annotations.Nullable;

/** What both stores do the same way: sibling order, materialized paths, and the info and audit they store. */
final class StoreSupport {
    private StoreSupport() {}

    /**
     * {@code r}'s rendition of {@code d}, or null when the renderer fails: such a record keeps no rendition, and the
     * exporter renders it itself and meets the failure there.
     */
    static byte @Nullable [] renderOrNull(RecordRenderer r, Description d) {
        try {
            return r.render(d);
        } catch (RuntimeException e) {
            return null;
        }
    }

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

    /** Ends each part of a tree key; below every character a part's text holds once escaped. */
    static final char TREE_END = '\u0001';
    /** Starts an escaped character: {@code \u0000}-{@code \u0002} become ESC followed by '0'-'2'. */
    private static final char TREE_ESC = '\u0002';

    /**
     * The tree key of a record under a parent whose key is {@code parentKey} ({@code ""} for a fonds): the parent's
     * key followed by the record's sibling-order part. Compared by code point (what SQLite's and PostgreSQL's "C"
     * text order is), keys sort in document order: a record before its descendants, siblings by {@code sequence,
     * ref_missing, ref_sort_key, id}, and a record's whole subtree before its next sibling, because a part never
     * is a prefix of another (each text ends with {@link #TREE_END}, which no escaped text holds). So a subtree is
     * the key range {@code [key, key without its last character + '\u0002')}.
     */
    static String treeKey(String parentKey, Description d) {
        return treeKey(parentKey, d.sequence(), d.referenceCode() == null, refSortKey(d), d.id().value());
    }

    /** {@link #treeKey(String, Description)} from the stored sibling-order columns. */
    static String treeKey(String parentKey, int sequence, boolean refMissing, String ref, String id) {
        StringBuilder sb = new StringBuilder(parentKey.length() + ref.length() + id.length() + 12);
        sb.append(parentKey);
        String seq = Integer.toHexString(sequence ^ Integer.MIN_VALUE); // signed order as unsigned hex
        for (int i = seq.length(); i < 8; i++) sb.append('0');
        sb.append(seq);
        sb.append(refMissing ? '1' : '0');
        escapeTreeText(sb, ref);
        sb.append(TREE_END);
        escapeTreeText(sb, id);
        sb.append(TREE_END);
        return sb.toString();
    }

    private static void escapeTreeText(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= TREE_ESC) sb.append(TREE_ESC).append((char) ('0' + c));
            else sb.append(c);
        }
    }

    /** The first key past every key that starts with {@code key} (a tree key, ending with {@link #TREE_END}). */
    static String treeKeyBound(String key) {
        return key.substring(0, key.length() - 1) + (char) (TREE_END + 1);
    }

    /** Whether {@code s} holds a surrogate that is not half of a pair (text UTF-8 cannot carry as it is). */
    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) continue;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            return true;
        }
        return false;
    }
}
