package io.pyairtable.functions.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.airtable.Schema;
import io.pyairtable.functions.core.ApiError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations of {@code POST /changesets}, checked before anything is staged: each is {@code create} (fields),
 * {@code update} (id, fields), {@code upsert} (fields with the change set's {@code mergeOn} values) or
 * {@code delete} (id); field names must be writable fields of the table; a record id appears at most once and an
 * upsert key at most once (so the result never depends on the order chunks run in). Errors name the operation's
 * index.
 */
final class ChangeSetRequest {
    static final int MAX_FIELDS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeSetRequest() {
    }

    static List<Operation> operations(JsonNode body, Schema.TableSchema schema, List<String> mergeOn) {
        JsonNode list = body.get("operations");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw ApiError.validation("The field 'operations' must be a non-empty array.");
        }
        if (list.size() > ImportsConfig.MAX_CHANGESET_OPERATIONS) {
            throw ApiError.validation("A change set holds at most " + ImportsConfig.MAX_CHANGESET_OPERATIONS
                    + " operations.");
        }
        List<Operation> operations = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<List<Object>> keys = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String where = "operations[" + i + "]";
            if (!node.isObject()) {
                throw ApiError.validation(where + " must be an object.");
            }
            String op = node.path("op").asText("");
            Operation operation = switch (op) {
                case Operation.CREATE -> Operation.create(fields(node, schema, where));
                case Operation.UPDATE -> Operation.update(id(node, where, ids), fields(node, schema, where));
                case Operation.UPSERT -> {
                    if (mergeOn.isEmpty()) {
                        throw ApiError.validation(where + " is an upsert: give the change set's 'mergeOn' fields.");
                    }
                    Map<String, Object> fields = fields(node, schema, where);
                    List<Object> key = new ArrayList<>();
                    for (String field : mergeOn) {
                        if (!fields.containsKey(field) || fields.get(field) == null) {
                            throw ApiError.validation(where + " lacks a value for the merge field '" + field + "'.");
                        }
                        key.add(fields.get(field));
                    }
                    if (!keys.add(key)) {
                        throw ApiError.validation(where + " repeats the merge key " + key + " of an earlier upsert.");
                    }
                    yield Operation.upsert(fields);
                }
                case Operation.DELETE -> {
                    if (node.has("fields")) {
                        throw ApiError.validation(where + " is a delete and takes no fields.");
                    }
                    yield Operation.delete(id(node, where, ids));
                }
                default -> throw ApiError.validation(where + ".op must be create, update, upsert or delete.");
            };
            operations.add(operation);
        }
        return operations;
    }

    private static String id(JsonNode node, String where, Set<String> seen) {
        String id = node.path("id").asText("");
        if (!Inputs.RECORD_ID.matcher(id).matches()) {
            throw ApiError.validation(where + ".id must be an Airtable record id (rec + 14 letters or digits).");
        }
        if (!seen.add(id)) {
            throw ApiError.validation(where + " changes record " + id + " a second time; one operation per record.");
        }
        return id;
    }

    private static Map<String, Object> fields(JsonNode node, Schema.TableSchema schema, String where) {
        JsonNode fields = node.get("fields");
        if (fields == null || !fields.isObject() || fields.isEmpty() || fields.size() > MAX_FIELDS) {
            throw ApiError.validation(where + ".fields must be an object of 1 to " + MAX_FIELDS + " fields.");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        fields.fields().forEachRemaining(entry -> {
            Schema.FieldSchema field = schema.field(entry.getKey()).orElseThrow(() -> ApiError.validation(
                    where + ".fields: table " + schema.name() + " has no field '" + entry.getKey() + "'."));
            if (Snapshots.READ_ONLY_TYPES.contains(field.type())) {
                throw ApiError.validation(where + ".fields: '" + entry.getKey() + "' is computed by Airtable and"
                        + " cannot be written.");
            }
            values.put(field.name(), JSON.convertValue(entry.getValue(), Object.class));
        });
        return values;
    }
}
