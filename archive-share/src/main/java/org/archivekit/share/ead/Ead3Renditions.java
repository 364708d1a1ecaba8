package org.archivekit.share.ead;

import java.io.ByteArrayOutputStream;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import org.archivekit.core.ExportException;
import org.archivekit.core.model.Description;
import org.archivekit.core.spi.ArchiveStore;
import org.archivekit.core.spi.RecordRenderer;
import org.archivekit.share.internal.xml.Utf8XmlWriter;

/**
 * Stored EAD3 component renditions: registered on a store ({@link #register}), they make the store keep, next to
 * every record it writes, the UTF-8 bytes of the record's EAD3 {@code <c>} element as {@link EadExporter} writes it
 * (start tag, {@code did}, notes, access data, digital objects), without its children and end tag. An EAD3 export
 * then copies those bytes instead of decoding and writing the record: the same output, at a fraction of the cost.
 *
 * <p>What a fragment holds depends on the record alone. Everything else stays with the exporter, which decides it
 * at export time: whether the caller may see the record (a hidden record's fragment is never read, nor anything
 * below it), the withheld-material placeholders, the {@code dsc} and the document around. A record written before
 * the renderer was registered, or since changed by a release whose fragments differ ({@link #FORMAT_VERSION}), is
 * written live, exactly as without renditions.
 *
 * @since 0.3
 */
public final class Ead3Renditions {
    /** The rendition format's name. */
    public static final String FORMAT = "ead3-c";
    /** The rendition format's version: raised whenever the EAD3 written for a component changes. */
    public static final int FORMAT_VERSION = 1;

    private static final RecordRenderer RENDERER = new Renderer();

    private Ead3Renditions() {}

    /** The renderer of EAD3 component fragments. */
    public static RecordRenderer renderer() {
        return RENDERER;
    }

    /** Registers {@link #renderer()} with {@code store}: call it when the store is opened, before writes. */
    public static void register(ArchiveStore store) {
        Objects.requireNonNull(store, "store").registerRenderer(RENDERER);
    }

    /** The fragment of {@code d}: what {@link Ead3Writer#startComponent} writes for a {@code c}, as bytes. */
    static byte[] fragment(Description d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        Utf8XmlWriter w = new Utf8XmlWriter(out);
        try {
            Ead3Writer.plainEad3().startComponent(w, d, false);
            w.flush();
        } catch (XMLStreamException e) {
            throw new ExportException("cannot render '" + d.id() + "' as EAD3: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static final class Renderer implements RecordRenderer {
        @Override
        public String format() {
            return FORMAT;
        }

        @Override
        public int formatVersion() {
            return FORMAT_VERSION;
        }

        @Override
        public byte[] render(Description record) {
            return fragment(record);
        }
    }
}
