package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Creates, updates, upserts and deletes records. Every operation validates all records of the
 * request before changing anything (all-or-nothing) and must run under the workspace write lock.
 */
final class RecordWriter {

    /** One record of an update or upsert request; {@code id} is null for upsert-by-merge-fields. */
    record RecordUpdate(String id, JsonNode fields) {
    }

    /** Result of an upsert: the records in request order and which ones were created or updated. */
    record UpsertResult(List<StoredRecord> records, List<String> createdIds, List<String> updatedIds) {
    }

    /** What a validated record will become: the target (null = new) and its converted cells. */
    private record PlannedWrite(StoredRecord target, Map<Field, Object> cells) {
    }

    private final FieldValueConverter converter;
    private final Clock clock;

    RecordWriter(FieldValueConverter converter, Clock clock) {
        this.converter = converter;
        this.clock = clock;
    }

    List<StoredRecord> create(Base base, Table table, List<JsonNode> fieldsOfEachRecord, boolean typecast) {
        WriteContext context = new WriteContext(base, typecast);
        List<PlannedWrite> plan = new ArrayList<>();
        for (JsonNode fields : fieldsOfEachRecord) {
            plan.add(new PlannedWrite(null, convertCells(table, fields, context, null)));
        }
        return execute(base, table, plan, false, context);
    }

    /**
     * @param singleRecordPath whether the request addressed one record by URL (unknown id → 404
     *     NOT_FOUND) rather than a batch (unknown id → 422 ROW_DOES_NOT_EXIST)
     */
    List<StoredRecord> update(Base base, Table table, List<RecordUpdate> updates, boolean replace, boolean typecast,
            boolean singleRecordPath) {
        WriteContext context = new WriteContext(base, typecast);
        List<PlannedWrite> plan = new ArrayList<>();
        for (RecordUpdate update : updates) {
            StoredRecord target = existing(table, update.id(), singleRecordPath);
            plan.add(new PlannedWrite(target, convertCells(table, update.fields(), context, target)));
        }
        return execute(base, table, plan, replace, context);
    }

    /**
     * {@code performUpsert}: records with an id are updated; the others are matched on every merge
     * field — one match is updated, none creates a record, several is an error.
     */
    UpsertResult upsert(Base base, Table table, List<RecordUpdate> updates, List<String> fieldsToMergeOn,
            boolean replace, boolean typecast) {
        List<Field> mergeFields = mergeFields(table, fieldsToMergeOn);
        WriteContext context = new WriteContext(base, typecast);
        List<PlannedWrite> plan = new ArrayList<>();
        for (RecordUpdate update : updates) {
            StoredRecord target = update.id() != null
                    ? existing(table, update.id(), false)
                    : match(table, mergeFields, convertCells(table, update.fields(), context, null));
            plan.add(new PlannedWrite(target, convertCells(table, update.fields(), context, target)));
        }
        List<StoredRecord> written = execute(base, table, plan, replace, context);
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            (plan.get(i).target() == null ? created : updated).add(written.get(i).id());
        }
        return new UpsertResult(written, created, updated);
    }

    /** Deletes records and removes them from link cells; returns the deleted ids. */
    List<String> delete(Base base, Table table, List<String> recordIds, boolean singleRecordPath) {
        for (String id : recordIds) {
            existing(table, id, singleRecordPath);
        }
        recordIds.forEach(table::removeRecord);
        LinkSync.recordsDeleted(base, table, new HashSet<>(recordIds), now());
        return recordIds;
    }

    private List<StoredRecord> execute(Base base, Table table, List<PlannedWrite> plan, boolean replace,
            WriteContext context) {
        context.commitSchemaChanges();
        Instant now = now();
        List<StoredRecord> written = new ArrayList<>();
        for (PlannedWrite write : plan) {
            StoredRecord record = write.target();
            if (record == null) {
                record = new StoredRecord(Ids.random("rec"), now);
                for (Field field : table.fields()) {
                    if (field.type() == FieldType.AUTO_NUMBER) {
                        record.put(field.id(), table.nextAutoNumber());
                    }
                }
                table.addRecord(record);
            } else if (replace) {
                for (Field field : table.fields()) {
                    if (!field.type().isComputed() && !write.cells().containsKey(field)) {
                        setCell(base, field, record, null, now);
                    }
                }
            }
            for (Map.Entry<Field, Object> cell : write.cells().entrySet()) {
                setCell(base, cell.getKey(), record, cell.getValue(), now);
            }
            record.touch(now);
            written.add(record);
        }
        return written;
    }

    private static void setCell(Base base, Field field, StoredRecord record, Object value, Instant now) {
        Object old = record.get(field.id());
        record.put(field.id(), value);
        if (field.type() == FieldType.MULTIPLE_RECORD_LINKS && !Objects.equals(old, value)) {
            LinkSync.linkChanged(base, field, record, old, value, now);
        }
    }

    private Map<Field, Object> convertCells(Table table, JsonNode fields, WriteContext context, StoredRecord current) {
        if (fields == null || fields.isNull()) {
            return Map.of();
        }
        if (!fields.isObject()) {
            throw AirtableErrors.invalidRequest();
        }
        Map<Field, Object> cells = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : fields.properties()) {
            Field field = table.field(entry.getKey())
                    .orElseThrow(() -> AirtableErrors.unknownFieldName(entry.getKey()));
            cells.put(field, converter.convert(field, entry.getValue(), context, current));
        }
        return cells;
    }

    private static StoredRecord existing(Table table, String recordId, boolean singleRecordPath) {
        if (recordId == null || recordId.isEmpty()) {
            throw AirtableErrors.invalidRequest("Each record to update needs an \"id\"");
        }
        return table.record(recordId).orElseThrow(() ->
                singleRecordPath ? AirtableErrors.notFound() : AirtableErrors.rowDoesNotExist(recordId));
    }

    private static List<Field> mergeFields(Table table, List<String> names) {
        if (names.isEmpty() || names.size() > 3) {
            throw AirtableErrors.invalidRequest("performUpsert.fieldsToMergeOn must name 1 to 3 fields");
        }
        List<Field> fields = new ArrayList<>();
        for (String name : names) {
            Field field = table.field(name).orElseThrow(() -> AirtableErrors.invalidRequest(
                    "performUpsert.fieldsToMergeOn names an unknown field: \"" + name + "\""));
            if (field.type().isComputed()) {
                throw AirtableErrors.invalidRequest(
                        "performUpsert.fieldsToMergeOn cannot use the computed field \"" + field.name() + "\"");
            }
            fields.add(field);
        }
        return fields;
    }

    private static StoredRecord match(Table table, List<Field> mergeFields, Map<Field, Object> cells) {
        for (Field field : mergeFields) {
            if (cells.get(field) == null) {
                throw AirtableErrors.invalidRequest("Each record of an upsert without an id must contain a value"
                        + " for every field in fieldsToMergeOn; missing \"" + field.name() + "\"");
            }
        }
        List<StoredRecord> matches = table.records().stream()
                .filter(record -> mergeFields.stream()
                        .allMatch(field -> Objects.equals(record.get(field.id()), cells.get(field))))
                .toList();
        if (matches.size() > 1) {
            Set<String> names = new java.util.LinkedHashSet<>();
            mergeFields.forEach(field -> names.add(field.name()));
            throw AirtableErrors.invalidRecords("Cannot upsert: " + matches.size()
                    + " existing records match on " + names + "; fieldsToMergeOn must identify at most one record");
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
