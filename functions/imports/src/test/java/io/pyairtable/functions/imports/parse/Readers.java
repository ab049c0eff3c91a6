package io.pyairtable.functions.imports.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: read a whole file into rows. */
final class Readers {
    private Readers() {}

    static RowReader open(String text, FileFormat format) throws IOException {
        return open(text.getBytes(StandardCharsets.UTF_8), format, ReadOptions.defaults());
    }

    static RowReader open(byte[] bytes, FileFormat format, ReadOptions options) throws IOException {
        return RowReaders.open(new ByteArrayInputStream(bytes), format, options);
    }

    static List<SourceRow> rows(RowReader reader) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        try (reader) {
            SourceRow row;
            while ((row = reader.next()) != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    static List<SourceRow> csv(String text) throws IOException {
        return rows(open(text, FileFormat.CSV));
    }

    static List<SourceRow> csv(String text, ReadOptions options) throws IOException {
        return rows(open(text.getBytes(StandardCharsets.UTF_8), FileFormat.CSV, options));
    }

    /** The exception thrown while opening or reading the whole file. */
    static FileFormatException failure(byte[] bytes, FileFormat format, ReadOptions options) {
        try {
            rows(open(bytes, format, options));
        } catch (FileFormatException e) {
            return e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("expected a FileFormatException");
    }

    static FileFormatException failure(String text, FileFormat format) {
        return failure(text.getBytes(StandardCharsets.UTF_8), format, ReadOptions.defaults());
    }
}
