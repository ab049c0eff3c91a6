package io.pyairtable.functions.imports.parse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** Opens a {@link RowReader} for a file format. */
public final class RowReaders {
    private RowReaders() {}

    /**
     * Opens a reader over {@code in}; the reader owns the stream (closing the reader closes it; so does a failure to
     * open). CSV and JSON are read as they stream; an XLSX upload is first copied to a temporary file (see
     * docs/import-formats.md) that the reader deletes on close. The header (or the first JSON record) is read here,
     * so file-level problems found there are thrown by this method.
     */
    public static RowReader open(InputStream in, FileFormat format, ReadOptions options) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(format, "format");
        ReadOptions effective = options == null ? ReadOptions.defaults() : options;
        try {
            return switch (format) {
                case CSV -> new CsvRowReader(in, effective);
                case XLSX -> new XlsxRowReader(in, effective);
                case JSON, JSONL -> new JsonRowReader(in, effective);
            };
        } catch (IOException | RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
