package io.pyairtable.functions.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One step of a change set: {@code create} (fields), {@code update} (id + fields; only those fields change),
 * {@code upsert} (fields, matched on the change set's {@code mergeOn}) or {@code delete} (id).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Operation(String op, String id, Map<String, Object> fields) {
    static final String CREATE = "create";
    static final String UPDATE = "update";
    static final String UPSERT = "upsert";
    static final String DELETE = "delete";

    static Operation create(Map<String, Object> fields) {
        return new Operation(CREATE, null, fields);
    }

    static Operation update(String id, Map<String, Object> fields) {
        return new Operation(UPDATE, id, fields);
    }

    static Operation upsert(Map<String, Object> fields) {
        return new Operation(UPSERT, null, fields);
    }

    static Operation delete(String id) {
        return new Operation(DELETE, id, null);
    }
}
