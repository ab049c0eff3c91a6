/**
 * Streaming readers for import files (CSV, XLSX, JSON, JSON Lines) and the conversion of their rows to Airtable
 * field values against a table's schema. Plain Java: no AWS, no I/O beyond the given stream (and, for XLSX, one
 * temporary file). The rules are documented in {@code docs/import-formats.md}.
 *
 * <ul>
 *   <li>{@link io.pyairtable.functions.imports.parse.RowReaders#open} → a {@link io.pyairtable.functions.imports.parse.RowReader}
 *       of {@link io.pyairtable.functions.imports.parse.SourceRow}s; file-level problems are
 *       {@link io.pyairtable.functions.imports.parse.FileFormatException}s with a code;</li>
 *   <li>{@link io.pyairtable.functions.imports.parse.RowConverter} checks the columns against the table once and turns
 *       each row into an Airtable {@code fields} map, or {@link io.pyairtable.functions.imports.parse.RowError}s.</li>
 * </ul>
 */
package io.pyairtable.functions.imports.parse;
