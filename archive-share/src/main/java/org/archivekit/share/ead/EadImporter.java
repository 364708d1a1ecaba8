package org.archivekit.share.ead;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import org.archivekit.core.Archive;
import org.archivekit.core.StorageException;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.share.ImportException;
import org.archivekit.share.internal.xml.SecureXml;
import org.jspecify.annotations.Nullable;

/**
 * Imports EAD finding aids (EAD 2002 with or without namespace, EAD3, EAD3 "undeprecated") as one fonds each.
 *
 * <p>The file is streamed with a hardened StAX parser straight into {@link Archive#importAll}, so a finding aid
 * of any size imports in flat memory and atomically: a refused file stores nothing. DTDs are never loaded,
 * entities other than the predefined five are refused, and nothing is fetched over the network. Records get
 * stable ids derived from the file: the fonds from {@code eadid}/{@code recordid} (or the option), each
 * component from its {@code @id} or {@code unitid} under the fonds id, sanitized to the id form and made unique
 * in document order. The mapping, element by element, is in {@code docs/interop.md}.
 *
 * <pre>{@code
 * EadImporter importer = EadImporter.builder().institution(InstitutionCode.of("US-NcRS")).build();
 * EadImportResult r = importer.importFile(archive, staff, Path.of("mc00042.xml"));
 * System.out.println(r.summary());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class EadImporter {
    private final InstitutionCode institution;
    private final @Nullable DescriptionId fondsId;
    private final int maxDepth;

    private EadImporter(Builder b) {
        this.institution = Objects.requireNonNull(b.institution, "institution: call Builder.institution(...)");
        this.fondsId = b.fondsId;
        this.maxDepth = b.maxDepth;
    }

    /** Starts an importer; the institution is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Imports {@code file} as one fonds on behalf of {@code actor}, all or nothing.
     *
     * @throws ImportException naming file, line and column when the XML is malformed or hostile or a component
     *     cannot become a record
     * @throws org.archivekit.core.InvalidRequestException when a record breaks a model rule
     * @throws org.archivekit.core.ConflictException when a derived id is already taken in the store
     * @throws StorageException when the file cannot be read
     */
    public EadImportResult importFile(Archive archive, Principal actor, Path file) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(actor, "actor");
        try (InputStream in = open(file)) {
            EadReader reader = reader(in, file.toString(), stem(file), reopener(file));
            archive.importAll(actor, reader);
            return reader.result();
        } catch (IOException e) {
            throw StorageException.from(e);
        }
    }

    /**
     * Imports one EAD document read from {@code in}; {@code source} names it in messages and {@code fallbackId}
     * is the fonds id when the document carries none.
     */
    public EadImportResult importStream(Archive archive, Principal actor, InputStream in, String source,
            String fallbackId) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(actor, "actor");
        EadReader reader = reader(in, source, fallbackId, null);
        archive.importAll(actor, reader);
        return reader.result();
    }

    /**
     * Reads {@code file} without storing anything, handing each record to {@code sink} in document order (parents
     * first): a dry run, or a feed into another store.
     */
    public EadImportResult read(Path file, Consumer<Description> sink) {
        try (InputStream in = open(file)) {
            EadReader reader = reader(in, file.toString(), stem(file), reopener(file));
            while (reader.hasNext()) sink.accept(reader.next());
            return reader.result();
        } catch (IOException e) {
            throw StorageException.from(e);
        }
    }

    /** Reads one EAD document from {@code in} without storing it; see {@link #read(Path, Consumer)}. */
    public EadImportResult read(InputStream in, String source, String fallbackId, Consumer<Description> sink) {
        EadReader reader = reader(in, source, fallbackId, null);
        while (reader.hasNext()) sink.accept(reader.next());
        return reader.result();
    }

    private EadReader reader(InputStream in, String source, String fallbackId,
            @Nullable Callable<XMLStreamReader> reopen) {
        Objects.requireNonNull(in, "in");
        try {
            XMLStreamReader xml = SecureXml.open(in, maxDepth);
            return new EadReader(xml, source, institution, fondsId, EadReader.sanitize(fallbackId), reopen);
        } catch (XMLStreamException e) {
            throw SecureXml.refusal(source, e);
        }
    }

    /** Opens {@code file} again, as hardened as the first time; closing the reader closes the file. */
    private Callable<XMLStreamReader> reopener(Path file) {
        return () -> {
            InputStream again = open(file);
            try {
                return new StreamReaderDelegate(SecureXml.open(again, maxDepth)) {
                    @Override
                    public void close() throws XMLStreamException {
                        try {
                            super.close();
                        } finally {
                            try {
                                again.close();
                            } catch (IOException e) {
                                throw new XMLStreamException("cannot close " + file + ": " + e.getMessage(), e);
                            }
                        }
                    }
                };
            } catch (XMLStreamException | RuntimeException e) {
                again.close();
                throw e;
            }
        };
    }

    private static InputStream open(Path file) throws IOException {
        try {
            return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        } catch (NoSuchFileException e) {
            throw new ImportException(file.toString(), -1, -1, "no such file", e);
        }
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Collects the options of an {@link EadImporter}; not thread-safe. */
    public static final class Builder {
        private @Nullable InstitutionCode institution;
        private @Nullable DescriptionId fondsId;
        private int maxDepth = SecureXml.DEFAULT_MAX_DEPTH;

        private Builder() {}

        /** The institution holding the imported records (required). */
        public Builder institution(InstitutionCode institution) {
            this.institution = Objects.requireNonNull(institution, "institution");
            return this;
        }

        /** The fonds id to use instead of the one derived from {@code eadid}/{@code recordid}. */
        public Builder fondsId(@Nullable DescriptionId fondsId) {
            this.fondsId = fondsId;
            return this;
        }

        /** The deepest element nesting accepted; default {@value SecureXml#DEFAULT_MAX_DEPTH}. */
        public Builder maxDepth(int maxDepth) {
            if (maxDepth < 10) throw new IllegalArgumentException("maxDepth must be at least 10, got " + maxDepth);
            this.maxDepth = maxDepth;
            return this;
        }

        /**
         * The importer.
         *
         * @throws IllegalStateException when no institution was given
         */
        public EadImporter build() {
            if (institution == null) throw new IllegalStateException("an EadImporter needs institution(...)");
            return new EadImporter(this);
        }
    }

}
