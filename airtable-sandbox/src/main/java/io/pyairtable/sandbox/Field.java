package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One column of a table. {@link #options()} holds the type options exactly as the metadata API
 * shows them (select choices, number precision, link target, ...); it is mutated in place when a
 * typecast adds a select choice.
 */
final class Field {

    private final String id;
    private String name;
    private final FieldType type;
    private String description;
    private final ObjectNode options;

    Field(String id, String name, FieldType type, String description, ObjectNode options) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.description = description;
        this.options = options == null ? Json.object() : options;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
    }

    FieldType type() {
        return type;
    }

    String description() {
        return description;
    }

    void describe(String newDescription) {
        this.description = newDescription;
    }

    ObjectNode options() {
        return options;
    }

    /** The id of the linked table, for {@code multipleRecordLinks} fields. */
    String linkedTableId() {
        return options.path("linkedTableId").asText(null);
    }

    /** The id of the inverse link field in the linked table, or {@code null}. */
    String inverseLinkFieldId() {
        JsonNode inverse = options.get("inverseLinkFieldId");
        return inverse == null || inverse.isNull() ? null : inverse.asText();
    }

    void linkInverse(String inverseFieldId) {
        options.put("inverseLinkFieldId", inverseFieldId);
    }

    @Override
    public String toString() {
        return name + " (" + id + ", " + type.apiName() + ")";
    }
}
