package io.pyairtable.airtable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** One Airtable base: its tables and its schema. Cheap to create; thread-safe. */
public final class Base {
    private final AirtableApi api;
    private final String id;

    Base(AirtableApi api, String id) {
        this.api = api;
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** A table by id ({@code tbl…}) or name. No request is made until the table is used. */
    public Table table(String idOrName) {
        Objects.requireNonNull(idOrName, "table");
        if (idOrName.isEmpty()) {
            throw new IllegalArgumentException("table id or name must not be empty");
        }
        return new Table(api, this, idOrName);
    }

    /** The base's tables, fields and views, served from the client's cache while fresh. */
    public Schema.BaseSchema schema() {
        return api.cachedSchema(id, this::loadSchema, false);
    }

    /** The schema fetched now, refreshing the cache. */
    public Schema.BaseSchema refreshSchema() {
        return api.cachedSchema(id, this::loadSchema, true);
    }

    /** Forgets the cached schema (e.g. after someone changed the base in Airtable's UI). */
    public void invalidateSchema() {
        api.invalidateSchema(id);
    }

    /** Creates a table; its first field is the primary field. */
    public Schema.TableSchema createTable(Schema.TableSpec spec) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", spec.name());
        if (spec.description() != null) {
            body.put("description", spec.description());
        }
        ArrayNode fields = body.putArray("fields");
        for (Schema.FieldSpec field : spec.fields()) {
            fields.add(fieldJson(field));
        }
        JsonNode created = api.send(new ApiRequest("POST", api.uri(metaPath() + "/tables", null), body, id, false));
        invalidateSchema();
        return Json.MAPPER.convertValue(created, Schema.TableSchema.class);
    }

    static ObjectNode fieldJson(Schema.FieldSpec field) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("name", field.name()).put("type", field.type());
        if (field.description() != null) {
            json.put("description", field.description());
        }
        if (field.options() != null) {
            json.set("options", field.options());
        }
        return json;
    }

    String metaPath() {
        return "/v0/meta/bases/" + id;
    }

    private Schema.BaseSchema loadSchema() {
        JsonNode body = api.send(new ApiRequest("GET", api.uri(metaPath() + "/tables", null), null, id, true));
        return Json.MAPPER.convertValue(body, Schema.BaseSchema.class);
    }

    @Override
    public String toString() {
        return "Base[" + id + "]";
    }
}
