package io.pyairtable.functions.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A tool call's arguments, read with checks whose failures the model can understand and fix. */
final class Args {
    static final Pattern BASE_ID = Pattern.compile("app[A-Za-z0-9]{14}");
    static final Pattern RECORD_ID = Pattern.compile("rec[A-Za-z0-9]{14}");

    private final JsonNode node;
    private final String defaultBaseId;

    Args(JsonNode node, String defaultBaseId) {
        if (node == null || !node.isObject()) {
            throw new ToolException("the arguments must be a JSON object"
                    + (node != null && node.isTextual() ? " (got text that is not valid JSON)" : ""));
        }
        this.node = node;
        this.defaultBaseId = defaultBaseId;
    }

    JsonNode node() {
        return node;
    }

    JsonNode get(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    String baseId() {
        String baseId = string("baseId", 17, false);
        if (baseId == null) {
            if (defaultBaseId == null) {
                throw new ToolException("baseId is required (call list_bases to find it)");
            }
            return defaultBaseId;
        }
        if (!BASE_ID.matcher(baseId).matches()) {
            throw new ToolException("baseId must be an Airtable base id: app + 14 letters or digits");
        }
        return baseId;
    }

    String table() {
        String table = string("table", 255, true);
        if (table.chars().anyMatch(Character::isISOControl)) {
            throw new ToolException("table must be a table id (tbl…) or name without control characters");
        }
        return table;
    }

    String recordId(String name) {
        String id = string(name, 17, true);
        if (!RECORD_ID.matcher(id).matches()) {
            throw new ToolException(name + " must be a record id: rec + 14 letters or digits");
        }
        return id;
    }

    String string(String name, int max, boolean required) {
        JsonNode value = get(name);
        if (value == null) {
            if (required) {
                throw new ToolException(name + " is required");
            }
            return null;
        }
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw new ToolException(name + " must be a non-empty string");
        }
        if (value.textValue().length() > max) {
            throw new ToolException(name + " must be at most " + max + " characters");
        }
        return value.textValue();
    }

    int integer(String name, int min, int max, int fallback) {
        JsonNode value = get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isNumber() || value.asDouble() != Math.rint(value.asDouble())) {
            throw new ToolException(name + " must be a whole number from " + min + " to " + max);
        }
        int number = value.asInt();
        if (number < min || number > max) {
            throw new ToolException(name + " must be from " + min + " to " + max);
        }
        return number;
    }

    boolean bool(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new ToolException(name + " must be true or false");
        }
        return value.booleanValue();
    }

    List<String> strings(String name, int maxItems, int maxLength) {
        JsonNode value = get(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray() || value.size() > maxItems) {
            throw new ToolException(name + " must be an array of at most " + maxItems + " strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.textValue().isEmpty() || item.textValue().length() > maxLength) {
                throw new ToolException(name + " must hold non-empty strings of at most " + maxLength + " characters");
            }
            out.add(item.textValue());
        }
        return out;
    }

    JsonNode array(String name, int min, int max) {
        JsonNode value = get(name);
        if (value == null || !value.isArray() || value.size() < min || value.size() > max) {
            throw new ToolException(name + " must be an array of " + min + " to " + max + " items");
        }
        return value;
    }
}
