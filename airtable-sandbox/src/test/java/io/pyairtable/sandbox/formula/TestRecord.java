package io.pyairtable.sandbox.formula;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A {@link RecordView} over a map, for tests. */
final class TestRecord implements RecordView {

    private final String id;
    private final Map<String, Object> fields;

    private TestRecord(String id, Map<String, Object> fields) {
        this.id = id;
        this.fields = fields;
    }

    static TestRecord empty() {
        return new TestRecord("rec0000000000000", new HashMap<>());
    }

    /** A record with one field; {@code value} may be null. */
    static TestRecord with(String name, Object value) {
        return empty().and(name, value);
    }

    TestRecord and(String name, Object value) {
        Map<String, Object> copy = new HashMap<>(fields);
        copy.put(name, value);
        return new TestRecord(id, copy);
    }

    TestRecord withId(String newId) {
        return new TestRecord(newId, fields);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Instant createdTime() {
        return Instant.parse("2024-01-01T00:00:00Z");
    }

    @Override
    public Object field(String name) {
        return fields.get(name);
    }
}
