package io.pyairtable.functions.imports.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.airtable.Schema.FieldSchema;
import io.pyairtable.airtable.Schema.TableSchema;
import java.io.UncheckedIOException;
import java.util.List;

/** Test helpers: table schemas as Airtable's metadata API returns them. */
final class Tables {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static int next = 1;

    private Tables() {}

    static FieldSchema field(String name, String type) {
        return field(name, type, null);
    }

    /** A field with a fresh id and the given options (JSON text, may be null). */
    static FieldSchema field(String name, String type, String optionsJson) {
        return new FieldSchema(String.format("fld%014d", next++), name, type, null, options(optionsJson));
    }

    static JsonNode options(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TableSchema table(FieldSchema... fields) {
        return new TableSchema("tblAAAAAAAAAAAAAA", "Deals", null, fields[0].id(), List.of(fields), List.of());
    }
}
