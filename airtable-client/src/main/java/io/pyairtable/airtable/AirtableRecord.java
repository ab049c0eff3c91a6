package io.pyairtable.airtable;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Airtable record. {@code fields} maps field name (or id, with {@code returnFieldsByFieldId}) to its JSON value
 * as Java objects: String, Integer/Long/BigDecimal, Boolean, List, Map. Airtable omits empty fields, so a missing
 * key means empty. The map is unmodifiable and keeps Airtable's order.
 */
public record AirtableRecord(String id, Instant createdTime, Map<String, Object> fields) {

    public AirtableRecord {
        Objects.requireNonNull(id, "id");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The value of one field, or null when empty. */
    public Object get(String field) {
        return fields.get(field);
    }

    @SuppressWarnings("unchecked")
    static AirtableRecord fromJson(JsonNode node) {
        JsonNode created = node.get("createdTime");
        Map<String, Object> fields = node.has("fields")
                ? Json.MAPPER.convertValue(node.get("fields"), LinkedHashMap.class)
                : Map.of();
        return new AirtableRecord(node.path("id").asText(),
                created == null || created.isNull() ? null : Instant.parse(created.asText()), fields);
    }
}
