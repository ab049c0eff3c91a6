package io.pyairtable.sandbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row. Cell values are keyed by field id and hold JSON-like Java values ({@code String},
 * {@code Long}/{@code BigDecimal}, {@code Boolean}, {@code List}, {@code Map}); empty cells are
 * absent, never stored as null.
 */
final class StoredRecord {

    private final String id;
    private final Instant createdTime;
    private Instant lastModifiedTime;
    private final Map<String, Object> values = new LinkedHashMap<>();

    StoredRecord(String id, Instant createdTime) {
        this.id = id;
        this.createdTime = createdTime;
        this.lastModifiedTime = createdTime;
    }

    String id() {
        return id;
    }

    Instant createdTime() {
        return createdTime;
    }

    Instant lastModifiedTime() {
        return lastModifiedTime;
    }

    void touch(Instant when) {
        lastModifiedTime = when;
    }

    Object get(String fieldId) {
        return values.get(fieldId);
    }

    /** Stores a value; {@code null} clears the cell. */
    void put(String fieldId, Object value) {
        if (value == null) {
            values.remove(fieldId);
        } else {
            values.put(fieldId, value);
        }
    }

    /** Read-only view of the stored cells, keyed by field id. */
    Map<String, Object> values() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
