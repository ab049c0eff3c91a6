package io.pyairtable.functions.imports.parse;

import java.io.IOException;

/**
 * A problem with the import file itself (not with one value): the file cannot be read past this point.
 * {@link #code()} is one of the constants below; {@link #row()} is the row (as in {@link SourceRow#number()}) the
 * problem was found in, or 0 when it concerns the whole file.
 */
public final class FileFormatException extends IOException {

    public static final String MALFORMED_CSV = "MALFORMED_CSV";
    public static final String DUPLICATE_COLUMN = "DUPLICATE_COLUMN";
    public static final String EMPTY_COLUMN_NAME = "EMPTY_COLUMN_NAME";
    public static final String NO_HEADER = "NO_HEADER";
    public static final String TOO_MANY_ROWS = "TOO_MANY_ROWS";
    public static final String TOO_MANY_COLUMNS = "TOO_MANY_COLUMNS";
    public static final String CELL_TOO_LONG = "CELL_TOO_LONG";
    public static final String NOT_XLSX = "NOT_XLSX";
    public static final String SHEET_NOT_FOUND = "SHEET_NOT_FOUND";
    public static final String XLSX_TOO_LARGE = "XLSX_TOO_LARGE";
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    public static final String NOT_AN_OBJECT = "NOT_AN_OBJECT";
    public static final String ENCODING = "ENCODING";

    private final String code;
    private final long row;

    public FileFormatException(String code, long row, String message) {
        super(message);
        this.code = code;
        this.row = row;
    }

    public FileFormatException(String code, long row, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.row = row;
    }

    /** One of the constants of this class, e.g. {@code MALFORMED_CSV}. */
    public String code() {
        return code;
    }

    /** The row the problem was found in, or 0 for the whole file. */
    public long row() {
        return row;
    }
}
