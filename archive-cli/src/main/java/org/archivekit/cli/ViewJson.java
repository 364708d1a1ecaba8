package org.archivekit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.archivekit.core.RecordView;
import org.archivekit.core.json.ArchiveJson;

/**
 * The stable JSON form of a record as one caller sees it, {@value #SCHEMA}: the effective level, the visible
 * breadcrumb and the record in its {@link ArchiveJson} form. Documented in {@code docs/cli.md}.
 */
final class ViewJson {
    /** The schema marker of a view object. */
    static final String SCHEMA = "archivekit/view@1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ViewJson() {}

    /** The view as one line of JSON (for JSON Lines). */
    static String line(RecordView view) {
        return write(view, false);
    }

    /** The view as indented JSON for people. */
    static String pretty(RecordView view) {
        return write(view, true);
    }

    private static String write(RecordView view, boolean pretty) {
        try {
            ObjectNode node = node(view);
            return pretty ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node)
                    : MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the view of '" + view.id() + "' as JSON", e);
        }
    }

    static ObjectNode node(RecordView view) throws JsonProcessingException {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("schema", SCHEMA);
        n.put("effectiveLevel", view.effectiveLevel().name());
        ArrayNode crumbs = n.putArray("breadcrumb");
        for (RecordView.Crumb c : view.breadcrumb()) {
            ObjectNode o = crumbs.addObject();
            o.put("id", c.id().value());
            o.put("level", c.level().name());
            if (c.referenceCode() == null) o.putNull("referenceCode");
            else o.put("referenceCode", c.referenceCode().value());
            o.put("title", c.title());
        }
        n.set("record", MAPPER.readTree(ArchiveJson.toJson(view)));
        return n;
    }
}
