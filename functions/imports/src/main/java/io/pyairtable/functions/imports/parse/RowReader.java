package io.pyairtable.functions.imports.parse;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Reads an import file row by row; not thread-safe. {@link #close()} closes the underlying stream. */
public interface RowReader extends Closeable {

    /**
     * The column names: the header row for CSV and XLSX; for JSON the keys of the first object (later objects may
     * have more keys, which appear in their rows' values).
     */
    List<String> columns();

    /** The next data row, or {@code null} at the end; {@link FileFormatException} for a problem with the file. */
    SourceRow next() throws IOException;
}
