package org.archivekit.share.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.archivekit.core.Archive;
import org.archivekit.core.RecordView;
import org.archivekit.core.access.Principal;
import org.archivekit.core.json.ArchiveJson;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.ExportException;
import org.archivekit.share.internal.VisibleTree;

/**
 * Writes a record and every descendant the caller may see as one JSON document, streamed record by record:
 * <pre>{@code
 * {"schema":"archivekit/export@1","root":"F001","records":[{…description…},{…},…]}
 * }</pre>
 * Each element of {@code records} is a description in the stable form of {@code docs/json-format.md}
 * ({@link ArchiveJson}), parents before children, depth first in sibling order; read each back with
 * {@link ArchiveJson#readDescription(String)}. Memory grows with the tree's depth, not its size.
 *
 * @since 0.1
 */
public final class JsonExporter {
    /** The schema marker of an export document. */
    public static final String SCHEMA = "archivekit/export@1";

    private JsonExporter() {}

    /**
     * Writes record {@code id} and its visible descendants to {@code out} (UTF-8, left open).
     *
     * @return how many records were written
     * @throws org.archivekit.core.NotFoundException when {@code id} is missing or hidden from {@code caller}
     * @throws ExportException when writing fails
     */
    public static long export(Archive archive, Principal caller, DescriptionId id, OutputStream out) {
        Objects.requireNonNull(out, "out");
        try {
            out.write(("{\"schema\":\"" + SCHEMA + "\",\"root\":\"" + id.value() + "\",\"records\":[")
                    .getBytes(StandardCharsets.UTF_8));
            // the root's parent is named only when the caller may see it; below the root every parent is shown
            RecordView top = archive.view(caller, id);
            long[] written = {0};
            VisibleTree.walk(archive, caller, id, new VisibleTree.Visitor<IOException>() {
                @Override
                public void enter(Description record, int depth) throws IOException {
                    if (written[0]++ > 0) out.write(',');
                    out.write('\n');
                    if (depth == 0) ArchiveJson.write(top, out);
                    else ArchiveJson.write(record, out);
                }

                @Override
                public void exit(Description record, int depth) {}
            });
            out.write("\n]}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            return written[0];
        } catch (IOException e) {
            throw new ExportException("JSON export of '" + id + "' failed: " + e.getMessage(), e);
        }
    }
}
