package org.archivekit.core.internal.json;

import com.fasterxml.jackson.core.JsonToken;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

/**
 * The fast path of reading a stored description: one pass of a small strict tokenizer ({@link StoredTokens})
 * straight into the model, with no JSON tree in between (building the tree was over half the cost of reading a
 * stored record, and a general parser's string decoding most of the rest).
 *
 * <p>It accepts only what {@link ModelWriter} writes and the strict {@link ModelReader} accepts with the same
 * result: every property known, each at most once, of the expected type, required ones present, no JSON
 * {@code null} but for an optional date, nothing after the document. Anything else (or a value a model constructor refuses) makes it
 * answer {@code null}, and the caller reads the body again the strict way, which either gives the same
 * description or names every problem. So it never decides a body is wrong and never accepts one the strict reader
 * would refuse.
 */
final class StoredReader {
    /** Thrown (without a stack) when the body is not in the one form this reader takes. */
    private static final class Bail extends Exception {
        private static final long serialVersionUID = 1L;
        static final Bail INSTANCE = new Bail();

        private Bail() {
            super(null, null, false, false);
        }
    }

    /** Every property name of the written form (the {@code case} labels below), shared by every body. */
    private static final StoredTokens.Names NAMES = StoredTokens.Names.of(
            "access", "accessConditions", "acquisition", "agents", "approximate", "arrangement", "authorityId",
            "begin", "carrier", "classification", "container", "createdAt", "createdBy", "custodialHistory",
            "customFields", "dates", "digitalObjects", "disclosure", "disposalReview", "embargoUntil", "end",
            "expression", "extents", "fileName", "id", "info", "institution", "language", "languages", "level",
            "location", "mediaType", "name", "notes", "openStatus", "openingDate", "parallelTitles", "parent",
            "period", "place", "preferredCitation", "quantity", "referenceCode", "relatedMaterial", "retention",
            "role", "schema", "scopeAndContent", "secrecy", "sequence", "size", "status", "subjects", "text",
            "title", "type", "unit", "updatedAt", "updatedBy", "useConditions", "version");

    /** Every constant name of the enumerations in the written form, shared like {@link #NAMES}. */
    private static final StoredTokens.Names CONSTANTS = StoredTokens.Names.of(java.util.stream.Stream.of(
            Level.values(), Carrier.values(), LifecycleStatus.values(), AgentType.values(), AgentRole.values(),
            RetentionPeriod.values(), AccessLevel.values(), SecrecyMarking.values(), Disclosure.values(),
            OpenStatus.values()).flatMap(java.util.Arrays::stream).map(Enum::name).toArray(String[]::new));

    private final StoredTokens p;

    private StoredReader(StoredTokens p) {
        this.p = p;
    }

    /** The description in {@code utf8}, or {@code null} when the strict reader must decide. */
    static @Nullable Description read(byte[] utf8) {
        try {
            StoredTokens p = new StoredTokens(utf8, NAMES);
            StoredReader r = new StoredReader(p);
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            Description d = r.description();
            if (p.nextToken() != null) return null;
            return d;
        } catch (Bail | StoredTokens.Refused | RuntimeException e) {
            // malformed, unexpected or refused by a constructor: the strict reader names the problem
            return null;
        }
    }

    private static Bail bail() {
        return Bail.INSTANCE;
    }

    /** A bit for each property of one object, so a repeated one is caught. */
    private static long seen(long seen, int bit) throws Bail {
        long b = 1L << bit;
        if ((seen & b) != 0) throw bail();
        return seen | b;
    }

    private Description description() throws StoredTokens.Refused, Bail {
        DescriptionId id = null;
        InstitutionCode institution = null;
        DescriptionId parent = null;
        Level level = null;
        ReferenceCode referenceCode = null;
        Title title = null;
        List<Title> parallelTitles = List.of();
        List<ArchivalDate> dates = List.of();
        List<Agent> agents = List.of();
        List<Extent> extents = List.of();
        String scopeAndContent = null;
        String arrangement = null;
        List<String> languages = List.of();
        List<String> subjects = List.of();
        String classification = null;
        Location location = Location.NONE;
        Carrier carrier = Carrier.PAPER;
        Notes notes = Notes.NONE;
        Map<String, String> customFields = Map.of();
        Retention retention = null;
        Access access = Access.PUBLIC;
        List<DigitalObjectRef> digitalObjects = List.of();
        LifecycleStatus status = LifecycleStatus.PUBLISHED;
        int sequence = 0;
        RecordInfo info = RecordInfo.NEW;
        long seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "schema" -> {
                    seen = seen(seen, 0);
                    if (!JsonCodec.DESCRIPTION_SCHEMA.equals(text())) throw bail();
                }
                case "id" -> {
                    seen = seen(seen, 1);
                    id = new DescriptionId(text());
                }
                case "institution" -> {
                    seen = seen(seen, 2);
                    institution = new InstitutionCode(text());
                }
                case "parent" -> {
                    seen = seen(seen, 3);
                    parent = new DescriptionId(text());
                }
                case "level" -> {
                    seen = seen(seen, 4);
                    level = Level.valueOf(constant());
                }
                case "referenceCode" -> {
                    seen = seen(seen, 5);
                    referenceCode = new ReferenceCode(text());
                }
                case "title" -> {
                    seen = seen(seen, 6);
                    startObject();
                    title = title();
                }
                case "parallelTitles" -> {
                    seen = seen(seen, 7);
                    startArray();
                    List<Title> l = new ArrayList<>(2);
                    while (nextElementObject()) l.add(title());
                    parallelTitles = l;
                }
                case "dates" -> {
                    seen = seen(seen, 8);
                    startArray();
                    List<ArchivalDate> l = new ArrayList<>(2);
                    while (nextElementObject()) l.add(date());
                    dates = l;
                }
                case "agents" -> {
                    seen = seen(seen, 9);
                    startArray();
                    List<Agent> l = new ArrayList<>(2);
                    while (nextElementObject()) l.add(agent());
                    agents = l;
                }
                case "extents" -> {
                    seen = seen(seen, 10);
                    startArray();
                    List<Extent> l = new ArrayList<>(2);
                    while (nextElementObject()) l.add(extent());
                    extents = l;
                }
                case "scopeAndContent" -> {
                    seen = seen(seen, 11);
                    scopeAndContent = text();
                }
                case "arrangement" -> {
                    seen = seen(seen, 12);
                    arrangement = text();
                }
                case "languages" -> {
                    seen = seen(seen, 13);
                    languages = texts();
                }
                case "subjects" -> {
                    seen = seen(seen, 14);
                    subjects = texts();
                }
                case "classification" -> {
                    seen = seen(seen, 15);
                    classification = text();
                }
                case "location" -> {
                    seen = seen(seen, 16);
                    startObject();
                    location = location();
                }
                case "carrier" -> {
                    seen = seen(seen, 17);
                    carrier = Carrier.valueOf(constant());
                }
                case "notes" -> {
                    seen = seen(seen, 18);
                    startObject();
                    notes = notes();
                }
                case "customFields" -> {
                    seen = seen(seen, 19);
                    customFields = textMap();
                }
                case "retention" -> {
                    seen = seen(seen, 20);
                    startObject();
                    retention = retention();
                }
                case "access" -> {
                    seen = seen(seen, 21);
                    startObject();
                    access = access();
                }
                case "digitalObjects" -> {
                    seen = seen(seen, 22);
                    startArray();
                    List<DigitalObjectRef> l = new ArrayList<>(2);
                    while (nextElementObject()) l.add(digitalObject());
                    digitalObjects = l;
                }
                case "status" -> {
                    seen = seen(seen, 23);
                    status = LifecycleStatus.valueOf(constant());
                }
                case "sequence" -> {
                    seen = seen(seen, 24);
                    if (p.nextToken() != JsonToken.VALUE_NUMBER_INT
                            || p.getNumberType() != StoredTokens.NumberType.INT) {
                        throw bail();
                    }
                    sequence = p.getIntValue();
                }
                case "info" -> {
                    seen = seen(seen, 25);
                    startObject();
                    info = info();
                }
                default -> throw bail();
            }
        }
        endObject();
        if ((seen & 1) == 0 || id == null || institution == null || level == null || title == null) throw bail();
        return new Description(id, institution, parent, level, referenceCode, title, parallelTitles, dates, agents,
                extents, scopeAndContent, arrangement, languages, subjects, classification, location, carrier, notes,
                customFields, retention, access, digitalObjects, status, sequence, info);
    }

    private Title title() throws StoredTokens.Refused, Bail {
        String text = null;
        String language = null;
        long seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "text" -> {
                    seen = seen(seen, 0);
                    text = text();
                }
                case "language" -> {
                    seen = seen(seen, 1);
                    language = text();
                }
                default -> throw bail();
            }
        }
        endObject();
        if (text == null || language == null) throw bail();
        return new Title(text, language);
    }

    private ArchivalDate date() throws StoredTokens.Refused, Bail {
        String expression = null;
        LocalDate begin = null;
        LocalDate end = null;
        boolean approximate = false;
        long seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "expression" -> {
                    seen = seen(seen, 0);
                    expression = text();
                }
                case "begin" -> {
                    seen = seen(seen, 1);
                    begin = localDate();
                }
                case "end" -> {
                    seen = seen(seen, 2);
                    end = localDate();
                }
                case "approximate" -> {
                    seen = seen(seen, 3);
                    JsonToken t = p.nextToken();
                    if (t == JsonToken.VALUE_TRUE) approximate = true;
                    else if (t != JsonToken.VALUE_FALSE) throw bail();
                }
                default -> throw bail();
            }
        }
        endObject();
        if (expression == null) throw bail();
        return new ArchivalDate(expression, begin, end, approximate);
    }

    private Agent agent() throws StoredTokens.Refused, Bail {
        AgentType type = null;
        String name = null;
        AgentRole role = null;
        String authorityId = null;
        long seen = 0;
        String field;
        while ((field = p.nextFieldName()) != null) {
            switch (field) {
                case "type" -> {
                    seen = seen(seen, 0);
                    type = AgentType.valueOf(constant());
                }
                case "name" -> {
                    seen = seen(seen, 1);
                    name = text();
                }
                case "role" -> {
                    seen = seen(seen, 2);
                    role = AgentRole.valueOf(constant());
                }
                case "authorityId" -> {
                    seen = seen(seen, 3);
                    authorityId = text();
                }
                default -> throw bail();
            }
        }
        endObject();
        if (type == null || name == null || role == null) throw bail();
        return new Agent(type, name, role, authorityId);
    }

    private Extent extent() throws StoredTokens.Refused, Bail {
        BigDecimal quantity = null;
        String unit = null;
        long seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "quantity" -> {
                    seen = seen(seen, 0);
                    JsonToken t = p.nextToken();
                    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) throw bail();
                    quantity = p.getDecimalValue();
                }
                case "unit" -> {
                    seen = seen(seen, 1);
                    unit = text();
                }
                default -> throw bail();
            }
        }
        endObject();
        if (quantity == null || unit == null) throw bail();
        return new Extent(quantity, unit);
    }

    private Location location() throws StoredTokens.Refused, Bail {
        String place = null;
        String container = null;
        long seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "place" -> {
                    seen = seen(seen, 0);
                    place = text();
                }
                case "container" -> {
                    seen = seen(seen, 1);
                    container = text();
                }
                default -> throw bail();
            }
        }
        endObject();
        return new Location(place, container);
    }

    private Notes notes() throws StoredTokens.Refused, Bail {
        String[] n = new String[6];
        long seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            int i = switch (name) {
                case "accessConditions" -> 0;
                case "useConditions" -> 1;
                case "custodialHistory" -> 2;
                case "acquisition" -> 3;
                case "relatedMaterial" -> 4;
                case "preferredCitation" -> 5;
                default -> throw bail();
            };
            seen = seen(seen, i);
            n[i] = text();
        }
        endObject();
        return new Notes(n[0], n[1], n[2], n[3], n[4], n[5]);
    }

    private Retention retention() throws StoredTokens.Refused, Bail {
        RetentionPeriod period = null;
        LocalDate review = null;
        long seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "period" -> {
                    seen = seen(seen, 0);
                    period = RetentionPeriod.valueOf(constant());
                }
                case "disposalReview" -> {
                    seen = seen(seen, 1);
                    review = localDate();
                }
                default -> throw bail();
            }
        }
        endObject();
        if (period == null) throw bail();
        return new Retention(period, review);
    }

    private Access access() throws StoredTokens.Refused, Bail {
        AccessLevel level = null;
        SecrecyMarking secrecy = SecrecyMarking.NONE;
        Disclosure disclosure = Disclosure.PROACTIVE;
        OpenStatus openStatus = OpenStatus.OPEN;
        LocalDate openingDate = null;
        Instant embargoUntil = null;
        long seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "level" -> {
                    seen = seen(seen, 0);
                    level = AccessLevel.valueOf(constant());
                }
                case "secrecy" -> {
                    seen = seen(seen, 1);
                    secrecy = SecrecyMarking.valueOf(constant());
                }
                case "disclosure" -> {
                    seen = seen(seen, 2);
                    disclosure = Disclosure.valueOf(constant());
                }
                case "openStatus" -> {
                    seen = seen(seen, 3);
                    openStatus = OpenStatus.valueOf(constant());
                }
                case "openingDate" -> {
                    seen = seen(seen, 4);
                    openingDate = localDate();
                }
                case "embargoUntil" -> {
                    seen = seen(seen, 5);
                    embargoUntil = instant();
                }
                default -> throw bail();
            }
        }
        endObject();
        if (level == null) throw bail();
        return new Access(level, secrecy, disclosure, openStatus, openingDate, embargoUntil);
    }

    private DigitalObjectRef digitalObject() throws StoredTokens.Refused, Bail {
        String fileName = null;
        String mediaType = null;
        Long size = null;
        String sha256 = null;
        String sha512 = null;
        long seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "fileName" -> {
                    seen = seen(seen, 0);
                    fileName = text();
                }
                case "mediaType" -> {
                    seen = seen(seen, 1);
                    mediaType = text();
                }
                case "size" -> {
                    seen = seen(seen, 2);
                    size = longValue();
                }
                case "sha256" -> {
                    seen = seen(seen, 3);
                    sha256 = text();
                }
                case "sha512" -> {
                    seen = seen(seen, 4);
                    sha512 = text();
                }
                default -> throw bail();
            }
        }
        endObject();
        if (fileName == null || mediaType == null || size == null || sha256 == null) throw bail();
        return new DigitalObjectRef(fileName, mediaType, size, sha256, sha512);
    }

    private RecordInfo info() throws StoredTokens.Refused, Bail {
        Long version = null;
        String createdBy = null;
        Instant createdAt = null;
        String updatedBy = null;
        Instant updatedAt = null;
        long seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            switch (name) {
                case "version" -> {
                    seen = seen(seen, 0);
                    version = longValue();
                }
                case "createdBy" -> {
                    seen = seen(seen, 1);
                    createdBy = text();
                }
                case "createdAt" -> {
                    seen = seen(seen, 2);
                    createdAt = instant();
                }
                case "updatedBy" -> {
                    seen = seen(seen, 3);
                    updatedBy = text();
                }
                case "updatedAt" -> {
                    seen = seen(seen, 4);
                    updatedAt = instant();
                }
                default -> throw bail();
            }
        }
        endObject();
        if (version == null || createdBy == null || createdAt == null || updatedBy == null || updatedAt == null) {
            throw bail();
        }
        return new RecordInfo(version, createdBy, createdAt, updatedBy, updatedAt);
    }

    // ---- tokens ------------------------------------------------------------------------------------------------

    /** The next value, which must be a string (a JSON null is left to the strict reader). */
    private String text() throws StoredTokens.Refused, Bail {
        String s = p.nextTextValue();
        if (s == null) throw bail();
        return s;
    }

    /** The next value, a string that names an enumeration's constant (or anything else, which valueOf refuses). */
    private String constant() throws StoredTokens.Refused, Bail {
        String s = p.nextTextValue(CONSTANTS);
        if (s == null) throw bail();
        return s;
    }

    private long longValue() throws StoredTokens.Refused, Bail {
        if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) throw bail();
        if (p.getNumberType() == StoredTokens.NumberType.BIG) throw bail();
        return p.getLongValue();
    }

    /** An optional date: a string, or the JSON null the writer puts for an open end (absent, as strictly read). */
    private @Nullable LocalDate localDate() throws StoredTokens.Refused, Bail {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) return null;
        if (t != JsonToken.VALUE_STRING) throw bail();
        String s = p.getText();
        LocalDate fast = IsoTimes.date(s);
        if (fast != null) return fast;
        try {
            return LocalDate.parse(s);
        } catch (DateTimeException e) {
            throw bail();
        }
    }

    private Instant instant() throws StoredTokens.Refused, Bail {
        String s = text();
        Instant fast = IsoTimes.instant(s);
        if (fast != null) return fast;
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            throw bail();
        }
    }

    private void startObject() throws StoredTokens.Refused, Bail {
        if (p.nextToken() != JsonToken.START_OBJECT) throw bail();
    }

    private void startArray() throws StoredTokens.Refused, Bail {
        if (p.nextToken() != JsonToken.START_ARRAY) throw bail();
    }

    /** Whether the array goes on with an object (now opened); false at its end. */
    private boolean nextElementObject() throws StoredTokens.Refused, Bail {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) return false;
        if (t != JsonToken.START_OBJECT) throw bail();
        return true;
    }

    /** {@code nextFieldName} answered null: the object must have ended there, not at some other token. */
    private void endObject() throws Bail {
        if (p.currentToken() != JsonToken.END_OBJECT) throw bail();
    }

    private List<String> texts() throws StoredTokens.Refused, Bail {
        startArray();
        List<String> out = new ArrayList<>(2);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) throw bail();
            out.add(p.getText());
        }
        return out;
    }

    private Map<String, String> textMap() throws StoredTokens.Refused, Bail {
        startObject();
        Map<String, String> out = new LinkedHashMap<>();
        String name;
        while ((name = p.nextFieldName()) != null) {
            if (out.put(name, text()) != null) throw bail(); // a repeated key: the strict reader decides
        }
        endObject();
        return out;
    }
}
