package org.archivekit.core.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Strict access to the properties of one JSON object at a known path.
 *
 * <p>Every read marks its property as known; {@link #finish()} reports the rest as unknown. A missing required
 * property, a value of the wrong type or one a constructor refuses becomes a violation at its path, and the getter
 * returns {@code null} (or the default) so that reading goes on and every problem is reported together. A JSON
 * {@code null} counts as absent.
 */
final class JsonFields {
    private final ObjectNode node;
    private final String path;
    private final Violations violations;
    /** The names asked for; a list, as objects have a few dozen properties at most (see {@link #finish()}). */
    private final List<String> known = new ArrayList<>(32);
    private final int mark;

    private JsonFields(ObjectNode node, String path, Violations violations) {
        this.node = node;
        this.path = path;
        this.violations = violations;
        this.mark = violations.mark();
    }

    /** The fields of {@code value} at {@code path}, or {@code null} (with a violation) when it is not an object. */
    static @Nullable JsonFields of(JsonNode value, String path, Violations violations) {
        if (!value.isObject()) {
            violations.add(path, "expected a JSON object, found " + describe(value));
            return null;
        }
        return new JsonFields((ObjectNode) value, path, violations);
    }

    String path() {
        return path;
    }

    /** Whether a violation was found in this object (or below it) since it was opened. */
    boolean hasViolations() {
        return violations.since(mark);
    }

    /** Reports every property that no getter asked for as unknown. */
    void finish() {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!isKnown(name)) violations.add(at(name), "unknown property");
        }
    }

    private boolean isKnown(String name) {
        // Jackson interns property names and the getters pass literals, so identity almost always answers
        for (int i = 0, n = known.size(); i < n; i++) if (known.get(i) == name) return true;
        return known.contains(name);
    }

    /**
     * Builds the value this object describes, unless a violation was found in it; a constructor's
     * {@link IllegalArgumentException} becomes a violation at {@code blamePath}.
     */
    <T> @Nullable T build(String blamePath, Supplier<T> constructor) {
        finish();
        if (hasViolations()) return null;
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            violations.add(blamePath, String.valueOf(e.getMessage()));
            return null;
        }
    }

    /** Records a violation of property {@code name} found by the caller. */
    void reject(String name, String message) {
        violations.add(at(name), message);
    }

    String at(String name) {
        return Violations.child(path, name);
    }

    private @Nullable JsonNode get(String name, boolean required) {
        known.add(name);
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) violations.add(at(name), "missing required property");
            return null;
        }
        return v;
    }

    @Nullable String text(String name, boolean required) {
        JsonNode v = get(name, required);
        if (v == null) return null;
        if (!v.isTextual()) {
            violations.add(at(name), "expected a string, found " + describe(v));
            return null;
        }
        return v.textValue();
    }

    /** A string turned into a value by {@code parse}, whose {@link IllegalArgumentException} is a violation. */
    <T> @Nullable T value(String name, boolean required, Function<String, T> parse) {
        String s = text(name, required);
        if (s == null) return null;
        try {
            return parse.apply(s);
        } catch (IllegalArgumentException e) {
            violations.add(at(name), String.valueOf(e.getMessage()));
            return null;
        }
    }

    <E extends Enum<E>> @Nullable E enumValue(String name, boolean required, Class<E> type) {
        String s = text(name, required);
        if (s == null) return null;
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) return e;
        }
        violations.add(at(name), "unknown value '" + s + "'; expected one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        return null;
    }

    @Nullable LocalDate date(String name, boolean required) {
        String s = text(name, required);
        if (s == null) return null;
        try {
            LocalDate fast = IsoTimes.date(s);
            return fast != null ? fast : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            violations.add(at(name), "expected an ISO-8601 date (yyyy-MM-dd), found '" + s + "'");
            return null;
        }
    }

    @Nullable Instant instant(String name, boolean required) {
        String s = text(name, required);
        if (s == null) return null;
        try {
            Instant fast = IsoTimes.instant(s);
            return fast != null ? fast : Instant.parse(s);
        } catch (DateTimeParseException e) {
            violations.add(at(name), "expected an ISO-8601 instant in UTC (2024-05-01T08:00:00Z), found '" + s + "'");
            return null;
        }
    }

    @Nullable Long longValue(String name, boolean required) {
        JsonNode v = get(name, required);
        if (v == null) return null;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            violations.add(at(name), "expected an integer, found " + describe(v));
            return null;
        }
        return v.longValue();
    }

    @Nullable Integer intValue(String name, boolean required) {
        JsonNode v = get(name, required);
        if (v == null) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            violations.add(at(name), "expected a 32-bit integer, found " + describe(v));
            return null;
        }
        return v.intValue();
    }

    @Nullable BigDecimal decimal(String name, boolean required) {
        JsonNode v = get(name, required);
        if (v == null) return null;
        if (!v.isNumber()) {
            violations.add(at(name), "expected a number, found " + describe(v));
            return null;
        }
        return v.decimalValue();
    }

    @Nullable Boolean bool(String name, boolean required) {
        JsonNode v = get(name, required);
        if (v == null) return null;
        if (!v.isBoolean()) {
            violations.add(at(name), "expected true or false, found " + describe(v));
            return null;
        }
        return v.booleanValue();
    }

    /** The nested object {@code name}, or {@code null} when absent or not an object (a violation). */
    @Nullable JsonFields object(String name, boolean required) {
        JsonNode v = get(name, required);
        return v == null ? null : of(v, at(name), violations);
    }

    /** The elements of array {@code name}, each read by {@code read}; empty when absent. */
    <T> List<T> list(String name, Function<JsonFields, @Nullable T> read) {
        List<T> out = new ArrayList<>();
        JsonNode v = array(name);
        if (v == null) return out;
        for (int i = 0; i < v.size(); i++) {
            JsonFields f = of(v.get(i), Violations.element(at(name), i), violations);
            if (f == null) continue;
            T t = read.apply(f);
            if (t != null) out.add(t);
        }
        return out;
    }

    /** The strings of array {@code name}; empty when absent. */
    List<String> textList(String name) {
        List<String> out = new ArrayList<>();
        JsonNode v = array(name);
        if (v == null) return out;
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e.isTextual()) {
                out.add(e.textValue());
            } else {
                violations.add(Violations.element(at(name), i), "expected a string, found " + describe(e));
            }
        }
        return out;
    }

    /** The object {@code name} as a map of strings, in document order; empty when absent. */
    Map<String, String> textMap(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode v = get(name, false);
        if (v == null) return out;
        if (!v.isObject()) {
            violations.add(at(name), "expected a JSON object, found " + describe(v));
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().textValue());
            } else {
                violations.add(Violations.child(at(name), e.getKey()),
                        "expected a string, found " + describe(e.getValue()));
            }
        }
        return out;
    }

    private @Nullable JsonNode array(String name) {
        JsonNode v = get(name, false);
        if (v == null) return null;
        if (!v.isArray()) {
            violations.add(at(name), "expected an array, found " + describe(v));
            return null;
        }
        return v;
    }

    static String describe(JsonNode v) {
        switch (v.getNodeType()) {
            case ARRAY: return "an array";
            case OBJECT: return "an object";
            case STRING: return "a string";
            case NUMBER: return "the number " + v.asText();
            case BOOLEAN: return v.asText();
            case NULL: return "null";
            default: return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
