package io.pyairtable.functions.imports.parse;

/**
 * How to read an import file.
 *
 * @param delimiter CSV field delimiter; {@code null} = detected from the header line among {@code , ; TAB |}
 * @param sheet XLSX sheet name; {@code null} = the first sheet of the workbook
 * @param maxRows data rows allowed (the header is not counted); one more → {@code TOO_MANY_ROWS}
 * @param maxColumns named columns allowed; more → {@code TOO_MANY_COLUMNS}
 * @param maxCellChars characters allowed in one cell (Airtable's long text limit); more → {@code CELL_TOO_LONG}
 * @param maxUncompressedBytes XLSX: bytes the whole read may inflate from the zip (all parts together), and the
 *        largest upload spooled to disk; more → {@code XLSX_TOO_LARGE}
 */
public record ReadOptions(Character delimiter, String sheet, long maxRows, int maxColumns, int maxCellChars,
        long maxUncompressedBytes) {

    public static final long DEFAULT_MAX_ROWS = 100_000;
    public static final int DEFAULT_MAX_COLUMNS = 500;
    public static final int DEFAULT_MAX_CELL_CHARS = 100_000;
    public static final long DEFAULT_MAX_UNCOMPRESSED_BYTES = 200L * 1024 * 1024;

    public ReadOptions {
        if (delimiter != null && (delimiter == '"' || delimiter == '\r' || delimiter == '\n')) {
            throw new IllegalArgumentException("a CSV delimiter cannot be a quote or a line break");
        }
        if (maxRows < 0 || maxColumns < 1 || maxCellChars < 1 || maxUncompressedBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static ReadOptions defaults() {
        return new ReadOptions(null, null, DEFAULT_MAX_ROWS, DEFAULT_MAX_COLUMNS, DEFAULT_MAX_CELL_CHARS,
                DEFAULT_MAX_UNCOMPRESSED_BYTES);
    }

    public ReadOptions withDelimiter(Character c) {
        return new ReadOptions(c, sheet, maxRows, maxColumns, maxCellChars, maxUncompressedBytes);
    }

    public ReadOptions withSheet(String s) {
        return new ReadOptions(delimiter, s, maxRows, maxColumns, maxCellChars, maxUncompressedBytes);
    }

    public ReadOptions withMaxRows(long n) {
        return new ReadOptions(delimiter, sheet, n, maxColumns, maxCellChars, maxUncompressedBytes);
    }

    public ReadOptions withMaxColumns(int n) {
        return new ReadOptions(delimiter, sheet, maxRows, n, maxCellChars, maxUncompressedBytes);
    }

    public ReadOptions withMaxCellChars(int n) {
        return new ReadOptions(delimiter, sheet, maxRows, maxColumns, n, maxUncompressedBytes);
    }

    public ReadOptions withMaxUncompressedBytes(long n) {
        return new ReadOptions(delimiter, sheet, maxRows, maxColumns, maxCellChars, n);
    }
}
