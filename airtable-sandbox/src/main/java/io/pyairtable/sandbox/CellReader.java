package io.pyairtable.sandbox;

import java.util.List;

/** Reads a cell's value as the API returns it, computing the computed field types. */
final class CellReader {

    private CellReader() {
    }

    static Object read(Table table, Field field, StoredRecord record) {
        return switch (field.type()) {
            case CREATED_TIME -> CellValues.timestamp(record.createdTime());
            case LAST_MODIFIED_TIME -> CellValues.timestamp(record.lastModifiedTime());
            case COUNT -> {
                String linkFieldId = field.options().path("recordLinkFieldId").asText(null);
                yield linkFieldId == null ? null : (long) CellValues.linkedIds(record.get(linkFieldId)).size();
            }
            case FORMULA -> null; // formula fields are not computed by the sandbox
            default -> record.get(field.id());
        };
    }

    /** The display names (primary field values) of the records a link cell points at. */
    static List<String> linkedNames(Base base, Field linkField, Object value) {
        Table linked = base.table(linkField.linkedTableId()).orElse(null);
        if (linked == null) {
            return List.of();
        }
        Field primary = linked.primaryField();
        return CellValues.linkedIds(value).stream()
                .map(id -> linked.record(id).map(record -> read(linked, primary, record)).orElse(null))
                .map(name -> name == null ? "" : CellFormatter.plain(name))
                .toList();
    }
}
