package io.pyairtable.functions.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.airtable.Ids;
import io.pyairtable.airtable.RecordUpdate;
import io.pyairtable.functions.core.ApiError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Write bodies, validated before anything is sent: {@code records} arrays, {@code fields} objects, options. */
final class RecordWrites {
    static final int MAX_RECORDS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordWrites() {
    }

    /** {@code {"records":[{"fields":{…}}…]}} → the field maps. */
    static List<Map<String, Object>> newRecords(JsonNode root) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode record : records(root)) {
            if (record.has("id")) {
                throw ApiError.validation("records to create have no id.");
            }
            out.add(fields(record, "records[].fields"));
        }
        return out;
    }

    /** {@code {"records":[{"id","fields"}…]}} → updates. */
    static List<RecordUpdate> updates(JsonNode root) {
        List<RecordUpdate> out = new ArrayList<>();
        for (JsonNode record : records(root)) {
            JsonNode id = record.get("id");
            if (id == null || !id.isTextual() || !Ids.isRecordId(id.textValue())) {
                throw ApiError.validation("records[].id must be an Airtable record id (rec + 14 letters or digits).");
            }
            out.add(new RecordUpdate(id.textValue(), fields(record, "records[].fields")));
        }
        return out;
    }

    /** {@code "mergeOn":["Name"]}: 1 to 3 field names, or null when absent. */
    static List<String> mergeOn(JsonNode root) {
        JsonNode node = root.get("mergeOn");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.isEmpty() || node.size() > 3) {
            throw ApiError.validation("mergeOn must be an array of 1 to 3 field names.");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : node) {
            if (!name.isTextual() || name.textValue().isEmpty() || name.textValue().length() > Params.MAX_NAME) {
                throw ApiError.validation("mergeOn must be an array of 1 to 3 field names.");
            }
            names.add(name.textValue());
        }
        return names;
    }

    static boolean typecast(JsonNode root) {
        JsonNode node = root.get("typecast");
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw ApiError.validation("typecast must be true or false.");
        }
        return node.booleanValue();
    }

    static Map<String, Object> fields(JsonNode holder, String what) {
        JsonNode fields = holder.get("fields");
        if (fields == null || !fields.isObject()) {
            throw ApiError.validation(what + " must be an object of field values.");
        }
        Iterator<String> names = fields.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.isEmpty() || name.length() > Params.MAX_NAME) {
                throw ApiError.validation(what + " has a field name that is empty or longer than 255 characters.");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(fields, Map.class);
        return map;
    }

    private static List<JsonNode> records(JsonNode root) {
        JsonNode records = root.get("records");
        if (records == null || !records.isArray() || records.isEmpty() || records.size() > MAX_RECORDS) {
            throw ApiError.validation("records must be an array of 1 to " + MAX_RECORDS + " records.");
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode record : records) {
            if (!record.isObject()) {
                throw ApiError.validation("each of records must be an object.");
            }
            out.add(record);
        }
        return out;
    }
}
