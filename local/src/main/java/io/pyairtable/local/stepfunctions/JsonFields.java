package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one JSON object of a definition, remembering which were read so that
 * {@link #rejectUnknownFields()} can refuse everything else. Every error names {@code where} (e.g.
 * {@code State 'Fetch' (Task)}).
 */
final class JsonFields {
    private final JsonNode node;
    private final String where;
    private final Set<String> read = new HashSet<>();

    JsonFields(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new DefinitionException(where + " must be a JSON object");
        }
        this.node = node;
        this.where = where;
    }

    String where() {
        return where;
    }

    boolean has(String name) {
        return node.has(name);
    }

    /** The raw value, or null when absent (a JSON null is returned as a NullNode). */
    JsonNode get(String name) {
        read.add(name);
        return node.get(name);
    }

    String string(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw error("field '" + name + "' must be a string");
        }
        return value.asText();
    }

    String requiredString(String name) {
        String value = string(name);
        if (value == null) {
            throw error("missing required field '" + name + "'");
        }
        return value;
    }

    /** An integer field {@code >= min}, or null when absent. */
    Integer integer(String name, int min) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min) {
            throw error("field '" + name + "' must be an integer >= " + min + ", got " + value);
        }
        return value.asInt();
    }

    /** A number field in {@code [min, max]}, or null when absent. */
    Double number(String name, double min, double max) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            throw error("field '" + name + "' must be a number in [" + min + ", " + max + "], got " + value);
        }
        return value.asDouble();
    }

    /**
     * A Path field with the spec's defaults: absent → {@code $}; JSON null → Java null ("discard").
     *
     * @param reference whether only a Reference Path is allowed
     */
    JsonPath pathOrRoot(String name, boolean reference) {
        if (!has(name)) {
            read.add(name);
            return JsonPath.ROOT;
        }
        if (get(name).isNull()) {
            return null;
        }
        return path(name, reference);
    }

    /** A Path field that must be a non-null string when present; null when absent. */
    JsonPath path(String name, boolean reference) {
        String text = string(name);
        if (text == null) {
            return null;
        }
        JsonPath path;
        try {
            path = JsonPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw error("field '" + name + "': " + e.getMessage());
        }
        if (path.isContextPath()) {
            throw error("field '" + name + "' cannot refer to the context object ($$): '" + text + "'");
        }
        if (reference && !path.isDefinite()) {
            throw error("field '" + name + "' must be a Reference Path (no wildcards, slices, unions or '..'): '" + text + "'");
        }
        return path;
    }

    /** A non-empty array of strings. */
    List<String> stringList(String name) {
        JsonNode value = get(name);
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw error("field '" + name + "' must be a non-empty array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw error("field '" + name + "' must contain only strings, got " + element);
            }
            strings.add(element.asText());
        }
        return strings;
    }

    /** Refuses a field this interpreter does not support. */
    void rejectUnsupported(String name, String feature) {
        if (has(name)) {
            throw error("field '" + name + "' (" + feature + ") is not supported by the local interpreter");
        }
    }

    /** Refuses any field not read so far. */
    void rejectUnknownFields() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!read.contains(name)) {
                throw error("unknown field '" + name + "'");
            }
        }
    }

    DefinitionException error(String message) {
        return new DefinitionException(where + ": " + message);
    }
}
