package io.pyairtable.airtable;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** Airtable metadata shapes (read-only views of the JSON Airtable returns). */
public final class Schema {
    private Schema() {}

    /** {@code GET /v0/meta/whoami}: the token's user and, for PATs, its scopes. */
    public record WhoAmI(String id, String email, List<String> scopes) {
        public WhoAmI {
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }
    }

    /** One entry of {@code GET /v0/meta/bases}. */
    public record BaseInfo(String id, String name, String permissionLevel) {}

    /** {@code GET /v0/meta/bases/{baseId}/tables}. */
    public record BaseSchema(List<TableSchema> tables) {
        public BaseSchema {
            tables = List.copyOf(tables);
        }

        /** The table with this id, or else this exact name. */
        public Optional<TableSchema> table(String idOrName) {
            return tables.stream().filter(t -> t.id().equals(idOrName)).findFirst()
                    .or(() -> tables.stream().filter(t -> t.name().equals(idOrName)).findFirst());
        }
    }

    public record TableSchema(String id, String name, String description, String primaryFieldId,
            List<FieldSchema> fields, List<ViewSchema> views) {
        public TableSchema {
            fields = fields == null ? List.of() : List.copyOf(fields);
            views = views == null ? List.of() : List.copyOf(views);
        }

        /** The field with this id, or else this exact name. */
        public Optional<FieldSchema> field(String idOrName) {
            return fields.stream().filter(f -> f.id().equals(idOrName)).findFirst()
                    .or(() -> fields.stream().filter(f -> f.name().equals(idOrName)).findFirst());
        }
    }

    /** A field; {@code options} is the type-specific JSON (choices, precision, linked table…) or null. */
    public record FieldSchema(String id, String name, String type, String description, JsonNode options) {}

    public record ViewSchema(String id, String name, String type) {}

    /** A field to create: name, Airtable type (e.g. "singleLineText", "number") and type options (may be null). */
    public record FieldSpec(String name, String type, String description, JsonNode options) {
        public static FieldSpec of(String name, String type) {
            return new FieldSpec(name, type, null, null);
        }
    }

    /** A table to create; the first field becomes the primary field. */
    public record TableSpec(String name, String description, List<FieldSpec> fields) {
        public TableSpec {
            fields = List.copyOf(fields);
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a table needs at least one field (its primary field)");
            }
        }
    }
}
