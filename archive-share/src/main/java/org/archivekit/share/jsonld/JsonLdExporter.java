package org.archivekit.share.jsonld;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.archivekit.core.Archive;
import org.archivekit.core.access.Principal;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.AgentRole;
import org.archivekit.core.model.AgentType;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.Extent;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.Title;
import org.archivekit.core.ExportException;
import org.archivekit.share.internal.VisibleTree;

/**
 * Writes a record and its visible descendants as one JSON-LD document in the schema.org vocabulary, streamed:
 * an {@code @graph} whose first node is the holding institution ({@code ArchiveOrganization}) and whose other
 * nodes are the records ({@code ArchiveComponent}, with {@code name} and {@code alternateName} in their languages,
 * {@code identifier}, {@code temporalCoverage} as ISO 8601 intervals, {@code creator} / {@code contributor} /
 * {@code about} as {@code Person} or {@code Organization} (families are organizations), {@code materialExtent},
 * {@code inLanguage}, {@code description}, {@code isPartOf} and {@code holdingArchive}).
 *
 * <p>Node ids are {@code base + record id}; the default base is {@code urn:archivekit:}. Immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public final class JsonLdExporter {
    private final String base;

    private JsonLdExporter(String base) {
        this.base = base;
    }

    /** An exporter whose node ids are {@code base + id}, for example {@code https://archives.example.edu/r/}. */
    public static JsonLdExporter withBase(String base) {
        return new JsonLdExporter(Objects.requireNonNull(base, "base"));
    }

    /** An exporter with node ids {@code urn:archivekit:<id>}. */
    public static JsonLdExporter standard() {
        return new JsonLdExporter("urn:archivekit:");
    }

    /**
     * Writes record {@code id} and what lies below it, as {@code caller} may see it, to {@code out} (UTF-8, left
     * open).
     *
     * @return how many records were written
     * @throws org.archivekit.core.NotFoundException when {@code id} is missing or hidden from {@code caller}
     */
    public long export(Archive archive, Principal caller, DescriptionId id, OutputStream out) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(out, "out");
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write("{\"@context\":\"https://schema.org/\",\"@graph\":[");
            // the root's parent is named only when the caller may see it; below the root every parent is shown
            boolean rootParentShown = archive.view(caller, id).visibleParent() != null;
            long n = VisibleTree.walk(archive, caller, id, new VisibleTree.Visitor<IOException>() {
                @Override
                public void enter(Description d, int depth) throws IOException {
                    if (depth == 0) {
                        institution(w, archive.institutions().stream()
                                .filter(i -> i.code().equals(d.institution())).findFirst()
                                .orElse(new Institution(d.institution(), d.institution().value(), null, null)));
                    }
                    w.write(",\n");
                    record(w, d, depth > 0 || rootParentShown);
                }

                @Override
                public void exit(Description d, int depth) {}
            });
            w.write("\n]}\n");
            w.flush();
            return n;
        } catch (IOException e) {
            throw new ExportException("JSON-LD export of '" + id + "' failed: " + e.getMessage(), e);
        }
    }

    private String institutionId(Institution i) {
        return base + "institution:" + i.code().value();
    }

    private void institution(Writer w, Institution i) throws IOException {
        w.write("\n{\"@type\":\"ArchiveOrganization\",\"@id\":" + str(institutionId(i)) + ",\"identifier\":"
                + str(i.code().value()) + ",\"name\":[" + lang(i.nameZh(), "zh"));
        if (i.nameEn() != null) w.write("," + lang(i.nameEn(), "en"));
        w.write("]");
        if (i.contact() != null && i.contact().website() != null) w.write(",\"url\":" + str(i.contact().website()));
        w.write("}");
    }

    private void record(Writer w, Description d, boolean parentShown) throws IOException {
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\"@type\":\"ArchiveComponent\",\"@id\":").append(str(base + d.id().value()));
        sb.append(",\"additionalType\":").append(str(d.level().labelEn()));
        List<String> ids = new ArrayList<>();
        ids.add(str(d.id().value()));
        if (d.referenceCode() != null) ids.add(str(d.referenceCode().value()));
        sb.append(",\"identifier\":[").append(String.join(",", ids)).append(']');
        sb.append(",\"name\":").append(lang(d.title().text(), d.title().language()));
        if (!d.parallelTitles().isEmpty()) {
            List<String> alt = new ArrayList<>();
            for (Title t : d.parallelTitles()) alt.add(lang(t.text(), t.language()));
            sb.append(",\"alternateName\":[").append(String.join(",", alt)).append(']');
        }
        if (d.scopeAndContent() != null) sb.append(",\"description\":").append(str(d.scopeAndContent()));
        list(sb, "temporalCoverage", d.dates().stream().map(ArchivalDate::normalized).map(JsonLdExporter::str)
                .toList());
        list(sb, "creator", agents(d, true));
        list(sb, "contributor", agents(d, false));
        List<String> about = new ArrayList<>();
        for (String s : d.subjects()) about.add(str(s));
        for (Agent a : d.agents()) if (a.role() == AgentRole.SUBJECT) about.add(agent(a));
        list(sb, "about", about);
        list(sb, "materialExtent", d.extents().stream().map(Extent::toString).map(JsonLdExporter::str).toList());
        list(sb, "inLanguage", d.languages().stream().map(JsonLdExporter::str).toList());
        if (parentShown && d.parent() != null) sb.append(",\"isPartOf\":{\"@id\":").append(str(base + d.parent().value())).append('}');
        sb.append(",\"holdingArchive\":{\"@id\":").append(str(base + "institution:" + d.institution().value()))
                .append("}}");
        w.write(sb.toString());
    }

    private static List<String> agents(Description d, boolean creators) {
        List<String> out = new ArrayList<>();
        for (Agent a : d.agents()) {
            if (a.role() == AgentRole.SUBJECT) continue;
            boolean creator = a.role() == AgentRole.CREATOR || a.role() == AgentRole.AUTHOR
                    || a.role() == AgentRole.PHOTOGRAPHER;
            if (creator == creators) out.add(agent(a));
        }
        return out;
    }

    private static String agent(Agent a) {
        String type = a.type() == AgentType.PERSON ? "Person" : "Organization";
        String s = "{\"@type\":\"" + type + "\",\"name\":" + str(a.name());
        if (a.authorityId() != null) s += ",\"identifier\":" + str(a.authorityId());
        return s + "}";
    }

    private static void list(StringBuilder sb, String key, List<String> values) {
        if (values.isEmpty()) return;
        sb.append(",\"").append(key).append("\":[").append(String.join(",", values)).append(']');
    }

    private static String lang(String text, String language) {
        return "{\"@value\":" + str(text) + ",\"@language\":" + str(language) + "}";
    }

    /** A JSON string literal. */
    static String str(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
