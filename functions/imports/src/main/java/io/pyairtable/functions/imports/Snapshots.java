package io.pyairtable.functions.imports;

import io.pyairtable.airtable.AirtableRecord;
import io.pyairtable.airtable.Formula;
import io.pyairtable.airtable.RecordQuery;
import io.pyairtable.airtable.Schema;
import io.pyairtable.airtable.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads records as they are before a batch changes them, with one list request per batch
 * ({@code filterByFormula} built by {@link Formula}, never by pasting values): the fields an update touches (absent
 * ones as null, so restoring clears what the update set), or every writable field of a record about to be deleted
 * (in the shape a create accepts, so compensation can recreate it).
 */
final class Snapshots {
    static final Set<String> READ_ONLY_TYPES = Set.of("formula", "rollup", "lookup", "multipleLookupValues", "count",
            "createdTime", "lastModifiedTime", "autoNumber", "createdBy", "lastModifiedBy", "button",
            "externalSyncSource", "aiText");

    private Snapshots() {
    }

    /** The previous state a batch's compensation needs; nothing for creates. */
    static List<Ledger.Snapshot> before(Table table, Schema.TableSchema schema, Batch batch, List<String> mergeOn) {
        return switch (batch.op()) {
            case Operation.CREATE -> List.of();
            case Operation.UPDATE -> {
                Map<String, AirtableRecord> found = byId(table, batch.ids());
                List<String> missing = batch.ids().stream().filter(id -> !found.containsKey(id)).toList();
                if (!missing.isEmpty()) {
                    throw new ChangeRejectedException("RECORD_NOT_FOUND", "No record " + missing.get(0)
                            + " in table " + schema.name() + " to update.");
                }
                Set<String> touched = touchedFields(schema, batch);
                yield found.values().stream().map(r -> snapshot(r, touched)).toList();
            }
            case Operation.UPSERT -> {
                Set<String> touched = touchedFields(schema, batch);
                yield byMergeKeys(table, schema, batch, mergeOn).stream().map(r -> snapshot(r, touched)).toList();
            }
            case Operation.DELETE -> {
                Map<String, AirtableRecord> found = byId(table, batch.ids());
                List<String> missing = batch.ids().stream().filter(id -> !found.containsKey(id)).toList();
                if (!missing.isEmpty()) {
                    throw new ChangeRejectedException("RECORD_NOT_FOUND", "No record " + missing.get(0)
                            + " in table " + schema.name() + " to delete.");
                }
                yield found.values().stream().map(r -> new Ledger.Snapshot(r.id(), recreatable(schema, r))).toList();
            }
            default -> throw new IllegalArgumentException("unknown operation " + batch.op());
        };
    }

    /** The records among {@code ids} that exist, by id. */
    static Map<String, AirtableRecord> byId(Table table, List<String> ids) {
        Map<String, AirtableRecord> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<Formula> matches = ids.stream().distinct().map(id -> Formula.eq(Formula.recordId(), Formula.value(id))).toList();
        table.stream(RecordQuery.builder().filter(Formula.or(matches)).build()).forEach(r -> found.put(r.id(), r));
        return found;
    }

    /** Existing records whose merge-field values equal one of the batch's rows. */
    static List<AirtableRecord> byMergeKeys(Table table, Schema.TableSchema schema, Batch batch, List<String> mergeOn) {
        List<Formula> rows = new ArrayList<>();
        for (Operation operation : batch.operations()) {
            List<Formula> keys = new ArrayList<>();
            for (String field : mergeOn) {
                Object value = operation.fields().get(field);
                keys.add(value == null ? Formula.eq(Formula.field(name(schema, field)), Formula.blank())
                        : Formula.fieldEquals(name(schema, field), value));
            }
            rows.add(Formula.and(keys));
        }
        return table.stream(RecordQuery.builder().filter(Formula.or(rows)).build()).toList();
    }

    private static Ledger.Snapshot snapshot(AirtableRecord record, Set<String> fields) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String field : fields) {
            values.put(field, record.fields().get(field)); // null = empty before: restoring clears it
        }
        return new Ledger.Snapshot(record.id(), values);
    }

    /** Field names (not ids) the batch's operations write. */
    static Set<String> touchedFields(Schema.TableSchema schema, Batch batch) {
        Set<String> fields = new LinkedHashSet<>();
        batch.operations().forEach(op -> op.fields().keySet().forEach(f -> fields.add(name(schema, f))));
        return fields;
    }

    static String name(Schema.TableSchema schema, String idOrName) {
        return schema.field(idOrName).map(Schema.FieldSchema::name).orElse(idOrName);
    }

    /** A record's writable values in the shape a create request accepts. */
    static Map<String, Object> recreatable(Schema.TableSchema schema, AirtableRecord record) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Schema.FieldSchema field : schema.fields()) {
            Object value = record.fields().get(field.name());
            if (value == null || READ_ONLY_TYPES.contains(field.type())) {
                continue;
            }
            values.put(field.name(), switch (field.type()) {
                case "multipleAttachments" -> ((List<?>) value).stream().map(a -> {
                    Map<?, ?> attachment = (Map<?, ?>) a;
                    Map<String, Object> byUrl = new LinkedHashMap<>();
                    byUrl.put("url", attachment.get("url"));
                    if (attachment.get("filename") != null) {
                        byUrl.put("filename", attachment.get("filename"));
                    }
                    return byUrl;
                }).toList();
                case "singleCollaborator" -> Map.of("id", ((Map<?, ?>) value).get("id"));
                case "multipleCollaborators" -> ((List<?>) value).stream().map(c -> Map.of("id", ((Map<?, ?>) c).get("id"))).toList();
                default -> value;
            });
        }
        return values;
    }
}
