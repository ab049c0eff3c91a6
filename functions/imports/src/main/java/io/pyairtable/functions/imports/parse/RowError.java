package io.pyairtable.functions.imports.parse;

/**
 * A problem with one value, one column or the mapping.
 *
 * @param row the row ({@link SourceRow#number()}), or 0 for a problem found by {@link RowConverter#checkColumns}
 * @param column the source column, or null
 * @param field the Airtable field name, or null
 * @param code e.g. {@code INVALID_NUMBER}, {@code UNKNOWN_COLUMN} (see docs/import-formats.md)
 * @param message a human sentence naming the value and what was expected
 */
public record RowError(long row, String column, String field, String code, String message) {}
