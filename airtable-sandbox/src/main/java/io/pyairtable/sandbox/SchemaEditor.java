package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates bases, tables and fields from metadata-API style definitions
 * ({@code {"name","type","description"?,"options"?}}). Every definition is validated completely
 * before anything is added, so a rejected request leaves the schema untouched. Link fields get an
 * inverse link field in the linked table, as in Airtable.
 */
final class SchemaEditor {

    private final IdSource ids;

    SchemaEditor(IdSource ids) {
        this.ids = ids;
    }

    /** {@code POST /v0/meta/bases/{baseId}/tables}. */
    Table createTable(Base base, JsonNode definition) {
        String name = requiredName(definition, "table");
        if (base.hasTableNamed(name)) {
            throw AirtableErrors.typed(422, "DUPLICATE_TABLE_NAME", "A table named \"" + name + "\" already exists");
        }
        JsonNode fieldDefinitions = definition.path("fields");
        if (!fieldDefinitions.isArray() || fieldDefinitions.isEmpty()) {
            throw AirtableErrors.invalidRequest("A table needs at least one field; the first one is the primary field");
        }
        String key = base.id() + "/" + name;
        Table table = new Table(ids.next("tbl", key), name, optionalText(definition, "description"));
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode fieldDefinition : fieldDefinitions) {
            Field field = buildField(base, table, fieldDefinition, names);
            if (fields.isEmpty() && !field.type().canBePrimary()) {
                throw AirtableErrors.typed(422, "INVALID_PRIMARY_FIELD_TYPE",
                        "Field type " + field.type().apiName() + " cannot be used for the primary field \""
                                + field.name() + "\"");
            }
            fields.add(field);
        }
        fields.forEach(table::addField);
        table.addView(View.defaultGrid(ids.next("viw", key + "/Grid view")));
        base.addTable(table);
        fields.stream()
                .filter(field -> field.type() == FieldType.MULTIPLE_RECORD_LINKS)
                .forEach(field -> createInverse(base, table, field));
        return table;
    }

    /** {@code POST /v0/meta/bases/{baseId}/tables/{table}/fields}. */
    Field createField(Base base, Table table, JsonNode definition) {
        Set<String> names = new HashSet<>();
        table.fields().forEach(field -> names.add(field.name().toLowerCase()));
        Field field = buildField(base, table, definition, names);
        table.addField(field);
        if (field.type() == FieldType.MULTIPLE_RECORD_LINKS) {
            createInverse(base, table, field);
        }
        return field;
    }

    /**
     * Creates a whole base. Tables may link to tables defined later in the list (by name); a pair of
     * link fields that point at each other's tables become each other's inverse, other link fields
     * get a generated inverse.
     */
    Base createBase(String baseId, String name, List<JsonNode> tableDefinitions) {
        Base base = new Base(baseId, name);
        List<Table> tables = new ArrayList<>();
        for (JsonNode definition : tableDefinitions) {
            String tableName = requiredName(definition, "table");
            if (tables.stream().anyMatch(table -> table.name().equalsIgnoreCase(tableName))) {
                throw AirtableErrors.typed(422, "DUPLICATE_TABLE_NAME", "Duplicate table name \"" + tableName + "\"");
            }
            Table table = new Table(ids.next("tbl", baseId + "/" + tableName), tableName,
                    optionalText(definition, "description"));
            tables.add(table);
            base.addTable(table);
        }
        for (int i = 0; i < tables.size(); i++) {
            Table table = tables.get(i);
            JsonNode fieldDefinitions = tableDefinitions.get(i).path("fields");
            if (!fieldDefinitions.isArray() || fieldDefinitions.isEmpty()) {
                throw AirtableErrors.invalidRequest("Table \"" + table.name() + "\" needs at least one field");
            }
            Set<String> names = new HashSet<>();
            for (JsonNode fieldDefinition : fieldDefinitions) {
                Field field = buildField(base, table, fieldDefinition, names);
                if (table.fields().isEmpty() && !field.type().canBePrimary()) {
                    throw AirtableErrors.typed(422, "INVALID_PRIMARY_FIELD_TYPE",
                            "Field type " + field.type().apiName() + " cannot be the primary field");
                }
                table.addField(field);
            }
            table.addView(View.defaultGrid(ids.next("viw", baseId + "/" + table.name() + "/Grid view")));
        }
        pairOrCreateInverseLinks(base, tables);
        return base;
    }

    private void pairOrCreateInverseLinks(Base base, List<Table> tables) {
        for (Table table : tables) {
            for (Field link : List.copyOf(table.fields())) {
                if (link.type() != FieldType.MULTIPLE_RECORD_LINKS || link.inverseLinkFieldId() != null) {
                    continue;
                }
                Table linked = base.table(link.linkedTableId()).orElseThrow();
                if (linked == table) {
                    continue;
                }
                Field partner = linked.fields().stream()
                        .filter(candidate -> candidate.type() == FieldType.MULTIPLE_RECORD_LINKS
                                && table.id().equals(candidate.linkedTableId())
                                && candidate.inverseLinkFieldId() == null)
                        .findFirst().orElse(null);
                if (partner == null) {
                    createInverse(base, table, link);
                } else {
                    link.linkInverse(partner.id());
                    partner.linkInverse(link.id());
                }
            }
        }
    }

    private void createInverse(Base base, Table table, Field link) {
        Table linked = base.table(link.linkedTableId()).orElseThrow();
        if (linked == table) {
            return; // Airtable's self links have no separate inverse field
        }
        String name = table.name();
        for (int suffix = 2; linked.hasFieldNamed(name); suffix++) {
            name = table.name() + " " + suffix;
        }
        ObjectNode options = Json.object();
        options.put("linkedTableId", table.id());
        options.put("isReversed", false);
        options.put("prefersSingleRecordLink", false);
        options.put("inverseLinkFieldId", link.id());
        Field inverse = new Field(ids.next("fld", base.id() + "/" + linked.name() + "/" + name),
                name, FieldType.MULTIPLE_RECORD_LINKS, null, options);
        linked.addField(inverse);
        link.linkInverse(inverse.id());
    }

    private Field buildField(Base base, Table table, JsonNode definition, Set<String> takenLowerCaseNames) {
        if (!definition.isObject()) {
            throw AirtableErrors.invalidRequest("Each field definition must be an object");
        }
        String name = definition.path("name").asText("").trim();
        if (name.isEmpty() || !takenLowerCaseNames.add(name.toLowerCase())) {
            throw AirtableErrors.typed(422, "DUPLICATE_OR_EMPTY_FIELD_NAME",
                    "Field names must be unique and non-empty; \"" + name + "\" is not");
        }
        String typeName = definition.path("type").asText("");
        FieldType type = FieldType.fromApiName(typeName).orElseThrow(() -> AirtableErrors.typed(422,
                "INVALID_FIELD_TYPE", "Unsupported field type \"" + typeName + "\" for field \"" + name + "\""));
        String key = base.id() + "/" + table.name() + "/" + name;
        ObjectNode options = FieldOptions.normalize(type, definition.get("options"), base, name, ids, key);
        return new Field(ids.next("fld", key), name, type, optionalText(definition, "description"), options);
    }

    private static String requiredName(JsonNode definition, String what) {
        if (!definition.isObject()) {
            throw AirtableErrors.invalidRequest("The " + what + " definition must be a JSON object");
        }
        String name = definition.path("name").asText("").trim();
        if (name.isEmpty()) {
            throw AirtableErrors.invalidRequest("The " + what + " name must be a non-empty string");
        }
        return name;
    }

    private static String optionalText(JsonNode definition, String property) {
        JsonNode value = definition.get(property);
        return value == null || value.isNull() ? null : value.asText();
    }
}
