package org.archivekit.share.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Extent;
import org.archivekit.core.ExportException;
import org.archivekit.share.internal.VisibleTree;

/**
 * Writes a record and its visible descendants as CSV (UTF-8, CRLF, one header row), streamed in document order.
 * Cells a spreadsheet would evaluate ({@code = + - @} …) are written with a leading apostrophe so that they open
 * as text; {@link CsvImporter} removes it again. With {@link #withBom} a byte-order mark lets Excel detect UTF-8.
 *
 * @since 0.1
 */
public final class CsvExporter {
    private final boolean bom;

    private CsvExporter(boolean bom) {
        this.bom = bom;
    }

    /** An exporter without a byte-order mark. */
    public static CsvExporter plain() {
        return new CsvExporter(false);
    }

    /** An exporter starting the file with a UTF-8 byte-order mark, for Excel. */
    public static CsvExporter withBom() {
        return new CsvExporter(true);
    }

    /**
     * Writes record {@code id} and what lies below it, as {@code caller} may see it, to {@code out} (left open).
     *
     * @return how many records were written
     * @throws org.archivekit.core.NotFoundException when {@code id} is missing or hidden from {@code caller}
     */
    public long export(Archive archive, Principal caller, DescriptionId id, OutputStream out) {
        Objects.requireNonNull(out, "out");
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            if (bom) w.write('\uFEFF');
            CsvFormat.writeRow(w, CsvFormat.COLUMNS);
            // the root's parent is named only when the caller may see it; below the root every parent is shown
            boolean rootParentShown = archive.view(caller, id).visibleParent() != null;
            long n = VisibleTree.walk(archive, caller, id, new VisibleTree.Visitor<IOException>() {
                @Override
                public void enter(Description d, int depth) throws IOException {
                    CsvFormat.writeRow(w, row(d, depth > 0 || rootParentShown));
                }

                @Override
                public void exit(Description d, int depth) {}
            });
            w.flush();
            return n;
        } catch (IOException e) {
            throw new ExportException("CSV export of '" + id + "' failed: " + e.getMessage(), e);
        }
    }

    static List<String> row(Description d, boolean parentShown) {
        return List.of(d.id().value(), !parentShown || d.parent() == null ? "" : d.parent().value(),
                d.level().name().toLowerCase(Locale.ROOT),
                d.referenceCode() == null ? "" : d.referenceCode().value(), d.title().text(), d.title().language(),
                d.dates().stream().map(ArchivalDate::expression).collect(Collectors.joining(" | ")),
                d.extents().stream().map(Extent::toString).collect(Collectors.joining(" | ")),
                d.scopeAndContent() == null ? "" : d.scopeAndContent(), String.join(" | ", d.subjects()),
                String.join(" | ", d.languages()), nz(d.location().place()), nz(d.location().container()),
                d.access().level().name().toLowerCase(Locale.ROOT),
                d.access().openingDate() == null ? "" : d.access().openingDate().toString());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
