package io.pyairtable.functions.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.pyairtable.airtable.Schema;
import io.pyairtable.functions.core.ApiError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks of the ids and options the import and change-set routes take; rejects, never repairs. */
final class Inputs {
    static final Pattern BASE_ID = Pattern.compile("app[A-Za-z0-9]{14}");
    static final Pattern RECORD_ID = Pattern.compile("rec[A-Za-z0-9]{14}");
    static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final int MAX_NAME = 255;
    static final int MAX_MAPPING = 500;

    private Inputs() {
    }

    static String baseId(JsonNode body) {
        String value = text(body, "baseId", 17, true);
        if (!BASE_ID.matcher(value).matches()) {
            throw ApiError.validation("baseId must be an Airtable base id (app + 14 letters or digits).");
        }
        return value;
    }

    static String table(JsonNode body) {
        return plainName(text(body, "table", MAX_NAME, true), "table");
    }

    static String jobId(String value, String name) {
        if (value == null || !JOB_ID.matcher(value).matches()) {
            throw ApiError.notFound("No such " + name + ".");
        }
        return value;
    }

    static String fileName(JsonNode body) {
        String value = plainName(text(body, "fileName", MAX_NAME, true), "fileName");
        if (value.contains("/") || value.contains("\\") || value.equals(".") || value.equals("..")) {
            throw ApiError.validation("fileName must be a file name without a path.");
        }
        return value;
    }

    static String plainName(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw ApiError.validation("The field '" + field + "' must not contain control characters.");
            }
        }
        if (value.isBlank()) {
            throw ApiError.validation("The field '" + field + "' must not be blank.");
        }
        return value;
    }

    static String text(JsonNode body, String field, int maxLength, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiError.validation("The field '" + field + "' is required.");
            }
            return null;
        }
        if (!value.isTextual() || value.textValue().isEmpty() || value.textValue().length() > maxLength) {
            throw ApiError.validation("The field '" + field + "' must be a string of 1 to " + maxLength + " characters.");
        }
        return value.textValue();
    }

    static boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiError.validation("The field '" + field + "' must be true or false.");
        }
        return value.booleanValue();
    }

    static String choice(JsonNode body, String field, List<String> allowed, String fallback) {
        String value = text(body, field, 20, fallback == null);
        if (value == null) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw ApiError.validation("The field '" + field + "' must be one of " + String.join(", ", allowed) + ".");
        }
        return value;
    }

    /** 1–3 distinct field names when {@code required}, else empty unless given. */
    static List<String> mergeOn(JsonNode body, boolean required) {
        JsonNode value = body.get("mergeOn");
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiError.validation("The field 'mergeOn' is required for upserts: 1 to 3 field names.");
            }
            return List.of();
        }
        if (!value.isArray() || value.isEmpty() || value.size() > 3) {
            throw ApiError.validation("The field 'mergeOn' must list 1 to 3 field names.");
        }
        List<String> fields = new ArrayList<>();
        for (JsonNode field : value) {
            if (!field.isTextual() || field.textValue().isBlank() || field.textValue().length() > MAX_NAME
                    || fields.contains(field.textValue())) {
                throw ApiError.validation("The field 'mergeOn' must list 1 to 3 distinct field names.");
            }
            fields.add(field.textValue());
        }
        return fields;
    }

    static Map<String, String> mapping(JsonNode body) {
        JsonNode value = body.get("mapping");
        Map<String, String> mapping = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return mapping;
        }
        if (!value.isObject() || value.size() > MAX_MAPPING) {
            throw ApiError.validation("The field 'mapping' must be an object of at most " + MAX_MAPPING
                    + " column → field name entries.");
        }
        value.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual() || entry.getKey().length() > MAX_NAME
                    || entry.getValue().textValue().length() > MAX_NAME) {
                throw ApiError.validation("Each mapping entry must map a column name to a field name (\"\" ignores"
                        + " the column).");
            }
            mapping.put(entry.getKey(), entry.getValue().textValue());
        });
        return mapping;
    }

    /** The merge fields exist in the table and can be written. */
    static void checkFields(Schema.TableSchema schema, List<String> fields, String what) {
        for (String field : fields) {
            Schema.FieldSchema found = schema.field(field).orElseThrow(() -> ApiError.validation(
                    "Table " + schema.name() + " has no field '" + field + "' (" + what + ")."));
            if (Snapshots.READ_ONLY_TYPES.contains(found.type())) {
                throw ApiError.validation("Field '" + field + "' is computed by Airtable and cannot be written (" + what + ").");
            }
        }
    }
}
