package io.pyairtable.airtable;

import java.util.Map;
import java.util.Objects;

/** New values for one existing record. */
public record RecordUpdate(String id, Map<String, Object> fields) {
    public RecordUpdate {
        Ids.requireRecordId(id);
        Objects.requireNonNull(fields, "fields");
    }
}
