package io.pyairtable.sandbox;

import java.util.Comparator;
import java.util.List;

/** Builds record comparators for {@code sort} parameters and view sorts. Empty cells sort first. */
final class RecordSorter {

    private RecordSorter() {
    }

    /** Resolves every sort field (unknown → 422 UNKNOWN_FIELD_NAME) and chains the comparators. */
    static Comparator<StoredRecord> comparator(Base base, Table table, List<SortSpec> sort) {
        Comparator<StoredRecord> result = (a, b) -> 0;
        for (SortSpec spec : sort) {
            Field field = table.field(spec.field()).orElseThrow(() -> AirtableErrors.unknownFieldName(spec.field()));
            Comparator<StoredRecord> byField = Comparator.comparing(
                    record -> sortKey(base, table, field, record), RecordSorter::compareKeys);
            result = result.thenComparing(spec.descending() ? byField.reversed() : byField);
        }
        return result;
    }

    private static Comparable<?> sortKey(Base base, Table table, Field field, StoredRecord record) {
        Object value = CellReader.read(table, field, record);
        if (CellValues.isEmpty(value)) {
            return null;
        }
        return switch (field.type()) {
            case SINGLE_SELECT -> FieldOptions.choiceIndex(field, (String) value);
            case CHECKBOX -> 1;
            case MULTIPLE_RECORD_LINKS -> String.join(", ", CellReader.linkedNames(base, field, value)).toLowerCase();
            default -> value instanceof Number number
                    ? CellValues.toBigDecimal(number)
                    : CellFormatter.plain(value).toLowerCase();
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Comparable a, Comparable b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }
}
