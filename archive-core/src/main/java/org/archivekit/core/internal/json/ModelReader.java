package org.archivekit.core.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.archivekit.core.model.Access;
import org.archivekit.core.model.AccessLevel;
import org.archivekit.core.model.Agent;
import org.archivekit.core.model.AgentRole;
import org.archivekit.core.model.AgentType;
import org.archivekit.core.model.ArchivalDate;
import org.archivekit.core.model.Carrier;
import org.archivekit.core.model.Description;
import org.archivekit.core.model.DescriptionId;
import org.archivekit.core.model.DigitalObjectRef;
import org.archivekit.core.model.Disclosure;
import org.archivekit.core.model.Extent;
import org.archivekit.core.model.Institution;
import org.archivekit.core.model.InstitutionCode;
import org.archivekit.core.model.Level;
import org.archivekit.core.model.LifecycleStatus;
import org.archivekit.core.model.Location;
import org.archivekit.core.model.Notes;
import org.archivekit.core.model.OpenStatus;
import org.archivekit.core.model.RecordInfo;
import org.archivekit.core.model.ReferenceCode;
import org.archivekit.core.model.Retention;
import org.archivekit.core.model.RetentionPeriod;
import org.archivekit.core.model.SecrecyMarking;
import org.archivekit.core.model.Title;
import org.jspecify.annotations.Nullable;

/** Turns a parsed JSON tree into model records, strictly; see {@link JsonFields}. Stateless. */
final class ModelReader {
    private static final java.util.regex.Pattern CUSTOM_KEY =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private ModelReader() {}

    static Description description(JsonNode root) {
        Violations v = new Violations();
        JsonFields f = JsonFields.of(root, "", v);
        Description d = f == null ? null : description(f);
        v.throwIfAny();
        if (d == null) throw new IllegalStateException("no description and no violation");
        return d;
    }

    static Institution institution(JsonNode root) {
        Violations v = new Violations();
        JsonFields f = JsonFields.of(root, "", v);
        Institution i = f == null ? null : institution(f);
        v.throwIfAny();
        if (i == null) throw new IllegalStateException("no institution and no violation");
        return i;
    }

    private static void schema(JsonFields f, String expected) {
        String s = f.text("schema", true);
        if (s != null && !s.equals(expected)) {
            f.reject("schema", "unsupported schema '" + s + "'; expected '" + expected + "'");
        }
    }

    private static @Nullable Description description(JsonFields f) {
        schema(f, JsonCodec.DESCRIPTION_SCHEMA);
        DescriptionId id = f.value("id", true, DescriptionId::new);
        InstitutionCode institution = f.value("institution", true, InstitutionCode::new);
        DescriptionId parent = f.value("parent", false, DescriptionId::new);
        Level level = f.enumValue("level", true, Level.class);
        ReferenceCode referenceCode = f.value("referenceCode", false, ReferenceCode::new);
        JsonFields titleFields = f.object("title", true);
        Title title = titleFields == null ? null : title(titleFields);
        var parallelTitles = f.list("parallelTitles", ModelReader::title);
        var dates = f.list("dates", ModelReader::date);
        var agents = f.list("agents", ModelReader::agent);
        var extents = f.list("extents", ModelReader::extent);
        String scopeAndContent = f.text("scopeAndContent", false);
        String arrangement = f.text("arrangement", false);
        var languages = f.textList("languages");
        var subjects = f.textList("subjects");
        String classification = f.text("classification", false);
        JsonFields locationFields = f.object("location", false);
        Location location = locationFields == null ? Location.NONE : location(locationFields);
        Carrier carrier = orElse(f.enumValue("carrier", false, Carrier.class), Carrier.PAPER);
        JsonFields notesFields = f.object("notes", false);
        Notes notes = notesFields == null ? Notes.NONE : notes(notesFields);
        Map<String, String> customFields = f.textMap("customFields");
        JsonFields retentionFields = f.object("retention", false);
        Retention retention = retentionFields == null ? null : retention(retentionFields);
        JsonFields accessFields = f.object("access", false);
        Access access = accessFields == null ? Access.PUBLIC : access(accessFields);
        var digitalObjects = f.list("digitalObjects", ModelReader::digitalObject);
        LifecycleStatus status = orElse(f.enumValue("status", false, LifecycleStatus.class),
                LifecycleStatus.PUBLISHED);
        int sequence = orElse(f.intValue("sequence", false), 0);
        JsonFields infoFields = f.object("info", false);
        RecordInfo info = infoFields == null ? RecordInfo.NEW : info(infoFields);
        String blame = blameForDescription(customFields);
        return f.build(blame, () -> new Description(id, institution, parent, level, referenceCode, title,
                parallelTitles, dates, agents, extents, scopeAndContent, arrangement, languages, subjects,
                classification, location, carrier, notes, customFields, retention, access, digitalObjects, status,
                sequence, info));
    }

    /**
     * Where a refusal by the Description constructor points: its only checks past the nested records are on
     * custom-field keys and on parent and level together.
     */
    private static String blameForDescription(Map<String, String> customFields) {
        for (String key : customFields.keySet()) {
            if (!CUSTOM_KEY.matcher(key).matches()) return "customFields." + key;
        }
        return "parent";
    }

    private static @Nullable Title title(JsonFields f) {
        String text = f.text("text", true);
        String language = f.text("language", true);
        return f.build(f.path(), () -> new Title(text, language));
    }

    private static @Nullable ArchivalDate date(JsonFields f) {
        String expression = f.text("expression", true);
        var begin = f.date("begin", false);
        var end = f.date("end", false);
        boolean approximate = orElse(f.bool("approximate", false), false);
        return f.build(f.path(), () -> new ArchivalDate(expression, begin, end, approximate));
    }

    private static @Nullable Agent agent(JsonFields f) {
        AgentType type = f.enumValue("type", true, AgentType.class);
        String name = f.text("name", true);
        AgentRole role = f.enumValue("role", true, AgentRole.class);
        String authorityId = f.text("authorityId", false);
        return f.build(f.path(), () -> new Agent(type, name, role, authorityId));
    }

    private static @Nullable Extent extent(JsonFields f) {
        var quantity = f.decimal("quantity", true);
        String unit = f.text("unit", true);
        return f.build(f.path(), () -> new Extent(quantity, unit));
    }

    private static Location location(JsonFields f) {
        String place = f.text("place", false);
        String container = f.text("container", false);
        f.finish();
        return new Location(place, container);
    }

    private static Notes notes(JsonFields f) {
        Notes n = new Notes(f.text("accessConditions", false), f.text("useConditions", false),
                f.text("custodialHistory", false), f.text("acquisition", false), f.text("relatedMaterial", false),
                f.text("preferredCitation", false));
        f.finish();
        return n;
    }

    private static @Nullable Retention retention(JsonFields f) {
        RetentionPeriod period = f.enumValue("period", true, RetentionPeriod.class);
        var review = f.date("disposalReview", false);
        return f.build(f.path(), () -> new Retention(period, review));
    }

    private static @Nullable Access access(JsonFields f) {
        AccessLevel level = f.enumValue("level", true, AccessLevel.class);
        SecrecyMarking secrecy = orElse(f.enumValue("secrecy", false, SecrecyMarking.class), SecrecyMarking.NONE);
        Disclosure disclosure = orElse(f.enumValue("disclosure", false, Disclosure.class), Disclosure.PROACTIVE);
        OpenStatus openStatus = orElse(f.enumValue("openStatus", false, OpenStatus.class), OpenStatus.OPEN);
        var openingDate = f.date("openingDate", false);
        var embargoUntil = f.instant("embargoUntil", false);
        return f.build(f.path(), () -> new Access(level, secrecy, disclosure, openStatus, openingDate, embargoUntil));
    }

    private static @Nullable DigitalObjectRef digitalObject(JsonFields f) {
        String fileName = f.text("fileName", true);
        String mediaType = f.text("mediaType", true);
        Long size = f.longValue("size", true);
        String sha256 = f.text("sha256", true);
        String sha512 = f.text("sha512", false);
        return f.build(f.path(), () -> new DigitalObjectRef(fileName, mediaType, size, sha256, sha512));
    }

    private static @Nullable RecordInfo info(JsonFields f) {
        Long version = f.longValue("version", true);
        String createdBy = f.text("createdBy", true);
        var createdAt = f.instant("createdAt", true);
        String updatedBy = f.text("updatedBy", true);
        var updatedAt = f.instant("updatedAt", true);
        return f.build(f.path(), () -> new RecordInfo(version, createdBy, createdAt, updatedBy, updatedAt));
    }

    private static @Nullable Institution institution(JsonFields f) {
        schema(f, JsonCodec.INSTITUTION_SCHEMA);
        InstitutionCode code = f.value("code", true, InstitutionCode::new);
        String nameZh = f.text("nameZh", true);
        String nameEn = f.text("nameEn", false);
        JsonFields c = f.object("contact", false);
        Institution.Contact contact = null;
        if (c != null) {
            contact = new Institution.Contact(c.text("address", false), c.text("email", false),
                    c.text("telephone", false), c.text("website", false));
            c.finish();
        }
        Institution.Contact finalContact = contact;
        return f.build("nameZh", () -> new Institution(code, nameZh, nameEn, finalContact));
    }

    private static <T> T orElse(@Nullable T value, T fallback) {
        return value == null ? fallback : value;
    }
}
