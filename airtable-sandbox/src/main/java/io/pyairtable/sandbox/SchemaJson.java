package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders tables, fields and views the way the metadata API returns them. */
final class SchemaJson {

    private SchemaJson() {
    }

    static ObjectNode table(Table table) {
        ObjectNode json = Json.object();
        json.put("id", table.id());
        json.put("name", table.name());
        if (table.description() != null) {
            json.put("description", table.description());
        }
        json.put("primaryFieldId", table.primaryField().id());
        table.fields().forEach(field -> json.withArray("fields").add(field(field)));
        table.views().forEach(view -> json.withArray("views").addObject()
                .put("id", view.id()).put("name", view.name()).put("type", "grid"));
        return json;
    }

    static ObjectNode field(Field field) {
        ObjectNode json = Json.object();
        json.put("id", field.id());
        json.put("name", field.name());
        json.put("type", field.type().apiName());
        if (field.description() != null) {
            json.put("description", field.description());
        }
        if (!field.options().isEmpty()) {
            json.set("options", field.options().deepCopy());
        }
        return json;
    }
}
