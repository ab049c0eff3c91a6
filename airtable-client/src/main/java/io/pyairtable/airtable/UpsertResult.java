package io.pyairtable.airtable;

import java.util.List;

/** Records returned by an upsert, and which of them Airtable created or updated. */
public record UpsertResult(List<AirtableRecord> records, List<String> createdRecordIds, List<String> updatedRecordIds) {
    public UpsertResult {
        records = List.copyOf(records);
        createdRecordIds = List.copyOf(createdRecordIds);
        updatedRecordIds = List.copyOf(updatedRecordIds);
    }
}
