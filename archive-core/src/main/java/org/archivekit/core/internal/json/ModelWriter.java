package org.archivekit.core.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.Extent;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.Location;
import org.archivekit.core.model.Notes;
import org.archivekit.core.model.RecordInfo;
import org.archivekit.core.model.Retention;
import org.archivekit.core.model.Title;
import org.jspecify.annotations.Nullable;

/** Writes model records with a streaming generator, leaving out absent and empty optional parts. Stateless. */
final class ModelWriter {
    private ModelWriter() {}

    static void description(Description d, JsonGenerator g) throws IOException {
        description(d, true, g);
    }

    /** Writes {@code d}; {@code parent} is left out unless {@code withParent}. */
    static void description(Description d, boolean withParent, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("schema", JsonCodec.DESCRIPTION_SCHEMA);
        g.writeStringField("id", d.id().value());
        g.writeStringField("institution", d.institution().value());
        if (withParent && d.parent() != null) g.writeStringField("parent", d.parent().value());
        g.writeStringField("level", d.level().name());
        if (d.referenceCode() != null) g.writeStringField("referenceCode", d.referenceCode().value());
        g.writeFieldName("title");
        title(d.title(), g);
        if (!d.parallelTitles().isEmpty()) {
            g.writeArrayFieldStart("parallelTitles");
            for (Title t : d.parallelTitles()) title(t, g);
            g.writeEndArray();
        }
        if (!d.dates().isEmpty()) {
            g.writeArrayFieldStart("dates");
            for (ArchivalDate a : d.dates()) date(a, g);
            g.writeEndArray();
        }
        if (!d.agents().isEmpty()) {
            g.writeArrayFieldStart("agents");
            for (Agent a : d.agents()) agent(a, g);
            g.writeEndArray();
        }
        if (!d.extents().isEmpty()) {
            g.writeArrayFieldStart("extents");
            for (Extent e : d.extents()) extent(e, g);
            g.writeEndArray();
        }
        optional(g, "scopeAndContent", d.scopeAndContent());
        optional(g, "arrangement", d.arrangement());
        strings(g, "languages", d.languages());
        strings(g, "subjects", d.subjects());
        optional(g, "classification", d.classification());
        if (!d.location().isEmpty()) location(d.location(), g);
        g.writeStringField("carrier", d.carrier().name());
        if (!d.notes().isEmpty()) notes(d.notes(), g);
        if (!d.customFields().isEmpty()) {
            g.writeObjectFieldStart("customFields");
            for (Map.Entry<String, String> e : d.customFields().entrySet()) g.writeStringField(e.getKey(), e.getValue());
            g.writeEndObject();
        }
        if (d.retention() != null) retention(d.retention(), g);
        access(d.access(), g);
        if (!d.digitalObjects().isEmpty()) {
            g.writeArrayFieldStart("digitalObjects");
            for (DigitalObjectRef o : d.digitalObjects()) digitalObject(o, g);
            g.writeEndArray();
        }
        g.writeStringField("status", d.status().name());
        g.writeNumberField("sequence", d.sequence());
        info(d.info(), g);
        g.writeEndObject();
    }

    static void institution(Institution i, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("schema", JsonCodec.INSTITUTION_SCHEMA);
        g.writeStringField("code", i.code().value());
        g.writeStringField("nameZh", i.nameZh());
        optional(g, "nameEn", i.nameEn());
        Institution.Contact c = i.contact();
        if (c != null) {
            g.writeObjectFieldStart("contact");
            optional(g, "address", c.address());
            optional(g, "email", c.email());
            optional(g, "telephone", c.telephone());
            optional(g, "website", c.website());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void title(Title t, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("text", t.text());
        g.writeStringField("language", t.language());
        g.writeEndObject();
    }

    private static void date(ArchivalDate a, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("expression", a.expression());
        // begin and end are written even when open (null), so every date has the same four properties
        g.writeFieldName("begin");
        day(a.begin(), g);
        g.writeFieldName("end");
        day(a.end(), g);
        g.writeBooleanField("approximate", a.approximate());
        g.writeEndObject();
    }

    private static void day(@Nullable LocalDate day, JsonGenerator g) throws IOException {
        if (day == null) g.writeNull();
        else g.writeString(day.toString());
    }

    private static void agent(Agent a, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", a.type().name());
        g.writeStringField("name", a.name());
        g.writeStringField("role", a.role().name());
        optional(g, "authorityId", a.authorityId());
        g.writeEndObject();
    }

    private static void extent(Extent e, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeFieldName("quantity");
        g.writeNumber(e.quantity());
        g.writeStringField("unit", e.unit());
        g.writeEndObject();
    }

    private static void location(Location l, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("location");
        optional(g, "place", l.place());
        optional(g, "container", l.container());
        g.writeEndObject();
    }

    private static void notes(Notes n, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("notes");
        optional(g, "accessConditions", n.accessConditions());
        optional(g, "useConditions", n.useConditions());
        optional(g, "custodialHistory", n.custodialHistory());
        optional(g, "acquisition", n.acquisition());
        optional(g, "relatedMaterial", n.relatedMaterial());
        optional(g, "preferredCitation", n.preferredCitation());
        g.writeEndObject();
    }

    private static void retention(Retention r, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("retention");
        g.writeStringField("period", r.period().name());
        if (r.disposalReview() != null) g.writeStringField("disposalReview", r.disposalReview().toString());
        g.writeEndObject();
    }

    private static void access(Access a, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("access");
        g.writeStringField("level", a.level().name());
        g.writeStringField("secrecy", a.secrecy().name());
        g.writeStringField("disclosure", a.disclosure().name());
        g.writeStringField("openStatus", a.openStatus().name());
        if (a.openingDate() != null) g.writeStringField("openingDate", a.openingDate().toString());
        if (a.embargoUntil() != null) g.writeStringField("embargoUntil", instant(a.embargoUntil()));
        g.writeEndObject();
    }

    private static void digitalObject(DigitalObjectRef o, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("fileName", o.fileName());
        g.writeStringField("mediaType", o.mediaType());
        g.writeNumberField("size", o.size());
        g.writeStringField("sha256", o.sha256());
        if (o.sha512() != null) g.writeStringField("sha512", o.sha512());
        g.writeEndObject();
    }

    private static void info(RecordInfo i, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("info");
        g.writeNumberField("version", i.version());
        g.writeStringField("createdBy", i.createdBy());
        g.writeStringField("createdAt", instant(i.createdAt()));
        g.writeStringField("updatedBy", i.updatedBy());
        g.writeStringField("updatedAt", instant(i.updatedAt()));
        g.writeEndObject();
    }

    private static String instant(Instant t) {
        return t.toString(); // ISO-8601 in UTC, with a Z
    }

    private static void optional(JsonGenerator g, String name, @Nullable String value) throws IOException {
        if (value != null) g.writeStringField(name, value);
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values.isEmpty()) return;
        g.writeArrayFieldStart(name);
        for (String s : values) g.writeString(s);
        g.writeEndArray();
    }
}
