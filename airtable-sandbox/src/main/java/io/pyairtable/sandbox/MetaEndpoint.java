package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeSet;

/** The metadata API: whoami, bases, table schemas and creating or renaming tables and fields. */
final class MetaEndpoint {

    /** The one user of the sandbox. */
    static final String USER_ID = "usrSandboxUser001";

    private final Workspace workspace;
    private final SchemaEditor schemaEditor;

    MetaEndpoint(Workspace workspace, SchemaEditor schemaEditor) {
        this.workspace = workspace;
        this.schemaEditor = schemaEditor;
    }

    ApiResponse whoami(Call call) {
        ObjectNode response = Json.object();
        response.put("id", USER_ID);
        response.put("email", "sandbox@example.com");
        ArrayNode scopes = response.putArray("scopes");
        new TreeSet<>(call.token().scopes()).forEach(scopes::add);
        return ApiResponse.ok(response);
    }

    ApiResponse listBases(Call call) {
        return workspace.read(() -> {
            ObjectNode response = Json.object();
            ArrayNode bases = response.putArray("bases");
            workspace.bases().stream()
                    .filter(base -> call.token().canAccess(base.id()))
                    .forEach(base -> bases.addObject()
                            .put("id", base.id()).put("name", base.name()).put("permissionLevel", "create"));
            return ApiResponse.ok(response);
        });
    }

    ApiResponse listTables(Call call) {
        return workspace.read(() -> {
            ObjectNode response = Json.object();
            ArrayNode tables = response.putArray("tables");
            call.base().tables().forEach(table -> tables.add(SchemaJson.table(table)));
            return ApiResponse.ok(response);
        });
    }

    ApiResponse createTable(Call call) {
        ObjectNode body = Json.parseRequestObject(call.request().body());
        return workspace.write(() -> ApiResponse.ok(SchemaJson.table(schemaEditor.createTable(call.base(), body))));
    }

    ApiResponse createField(Call call) {
        ObjectNode body = Json.parseRequestObject(call.request().body());
        return workspace.write(() -> {
            Table table = call.base().requireTable(call.param(0));
            return ApiResponse.ok(SchemaJson.field(schemaEditor.createField(call.base(), table, body)));
        });
    }

    /** {@code PATCH .../tables/{table}} with {@code name} and/or {@code description}. */
    ApiResponse updateTable(Call call) {
        ObjectNode body = Json.parseRequestObject(call.request().body());
        return workspace.write(() -> {
            Table table = call.base().requireTable(call.param(0));
            String name = newName(body);
            if (name != null && !name.equalsIgnoreCase(table.name()) && call.base().hasTableNamed(name)) {
                throw AirtableErrors.typed(422, "DUPLICATE_TABLE_NAME", "A table named \"" + name + "\" already exists");
            }
            if (name != null) {
                table.rename(name);
            }
            if (body.has("description")) {
                table.describe(body.get("description").isNull() ? null : body.get("description").asText());
            }
            return ApiResponse.ok(SchemaJson.table(table));
        });
    }

    /** {@code PATCH .../tables/{table}/fields/{fieldId}} with {@code name} and/or {@code description}. */
    ApiResponse updateField(Call call) {
        ObjectNode body = Json.parseRequestObject(call.request().body());
        return workspace.write(() -> {
            Table table = call.base().requireTable(call.param(0));
            Field field = table.field(call.param(1)).orElseThrow(AirtableErrors::notFound);
            String name = newName(body);
            if (name != null && !name.equalsIgnoreCase(field.name()) && table.hasFieldNamed(name)) {
                throw AirtableErrors.typed(422, "DUPLICATE_OR_EMPTY_FIELD_NAME",
                        "A field named \"" + name + "\" already exists");
            }
            if (name != null) {
                field.rename(name);
            }
            if (body.has("description")) {
                field.describe(body.get("description").isNull() ? null : body.get("description").asText());
            }
            return ApiResponse.ok(SchemaJson.field(field));
        });
    }

    private static String newName(ObjectNode body) {
        JsonNode name = body.get("name");
        if (name == null) {
            return null;
        }
        if (!name.isTextual() || name.asText().isBlank()) {
            throw AirtableErrors.typed(422, "DUPLICATE_OR_EMPTY_FIELD_NAME", "Names must be non-empty strings");
        }
        return name.asText().trim();
    }
}
