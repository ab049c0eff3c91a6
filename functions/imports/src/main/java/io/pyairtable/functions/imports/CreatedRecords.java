package io.pyairtable.functions.imports;

import io.pyairtable.airtable.AirtableRecord;
import io.pyairtable.airtable.Formula;
import io.pyairtable.airtable.RecordQuery;
import io.pyairtable.airtable.Schema;
import io.pyairtable.airtable.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the records an earlier attempt of a create request made when its outcome is unknown (the response was
 * lost, the function died before the ledger write). Airtable has no idempotency key, so the records are recognised
 * by their primary field's value among the records created since the attempt was recorded (minus a clock-skew
 * allowance of {@link #CLOCK_SKEW_MILLIS}) and not already claimed by another ledger entry of the same job.
 * Airtable applies one create request all or nothing, so in practice either every row of the batch is found or none.
 *
 * <p>Limit (docs/saga.md): a record with the same primary value created by someone else inside that window could be
 * taken for ours.
 */
final class CreatedRecords {
    static final long CLOCK_SKEW_MILLIS = 60_000;

    private CreatedRecords() {
    }

    /** For each row, the id of the record an earlier attempt created for it, or null. */
    static List<String> find(Table table, Schema.TableSchema schema, List<Map<String, Object>> rows, long sinceMillis,
            Collection<String> claimed) {
        String primary = schema.field(schema.primaryFieldId()).map(Schema.FieldSchema::name)
                .orElseThrow(() -> new IllegalStateException("table " + schema.name() + " has no primary field"));
        List<Object> values = rows.stream().map(row -> primaryValue(schema, primary, row)).toList();
        RecordQuery.Builder query = RecordQuery.builder().fields(primary);
        if (values.stream().allMatch(v -> v instanceof String || v instanceof Number || v instanceof Boolean)) {
            query.filter(Formula.or(values.stream().distinct().map(v -> Formula.fieldEquals(primary, v)).toList()));
        }
        Set<String> taken = new java.util.HashSet<>(claimed);
        List<AirtableRecord> candidates = new ArrayList<>();
        table.stream(query.build()).forEach(record -> {
            if (record.createdTime() != null && record.createdTime().toEpochMilli() >= sinceMillis - CLOCK_SKEW_MILLIS
                    && !taken.contains(record.id())) {
                candidates.add(record);
            }
        });
        List<String> ids = new ArrayList<>();
        for (Object value : values) {
            AirtableRecord match = null;
            for (AirtableRecord candidate : candidates) {
                if (!taken.contains(candidate.id()) && same(value, candidate.fields().get(primary))) {
                    match = candidate;
                    break;
                }
            }
            if (match != null) {
                taken.add(match.id());
            }
            ids.add(match == null ? null : match.id());
        }
        return ids;
    }

    private static Object primaryValue(Schema.TableSchema schema, String primary, Map<String, Object> row) {
        for (Map.Entry<String, Object> entry : row.entrySet()) {
            if (Snapshots.name(schema, entry.getKey()).equals(primary)) {
                return entry.getValue();
            }
        }
        return null;
    }

    static boolean same(Object sent, Object stored) {
        if (sent == null || stored == null) {
            return (sent == null || "".equals(sent)) && (stored == null || "".equals(stored));
        }
        BigDecimal a = decimal(sent);
        BigDecimal b = decimal(stored);
        if (a != null && b != null) {
            return a.compareTo(b) == 0;
        }
        return String.valueOf(sent).trim().equals(String.valueOf(stored).trim());
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(String.valueOf(value).trim());
            } catch (NumberFormatException notNumeric) {
                return null;
            }
        }
        return null;
    }
}
