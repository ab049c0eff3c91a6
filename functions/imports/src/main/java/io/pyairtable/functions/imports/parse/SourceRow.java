package io.pyairtable.functions.imports.parse;

import java.util.Map;

/**
 * One data row of an import file.
 *
 * @param number where a user finds the row: CSV = the 1-based physical line on which the record starts (the header
 *        is normally line 1, so the first data row is 2); XLSX = the sheet's row number; JSON array and JSON Lines =
 *        the 1-based index of the record
 * @param values column → value, in column order. CSV and XLSX: {@code String}s (an XLSX error cell is a
 *        {@link CellError}); empty cells are <b>absent</b>. JSON: the JSON value as {@code String}, {@code BigDecimal},
 *        {@code Boolean}, {@code List}, {@code Map} or {@code null}, as written.
 */
public record SourceRow(long number, Map<String, Object> values) {}
