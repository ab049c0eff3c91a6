package io.pyairtable.functions.imports.parse;

/**
 * The value of an XLSX cell holding a spreadsheet error such as {@code #N/A} or {@code #DIV/0!}. The reader keeps it
 * (rather than failing the file or dropping the cell) so that the converter can report it on its row and column.
 */
public record CellError(String text) {
    @Override
    public String toString() {
        return text;
    }
}
