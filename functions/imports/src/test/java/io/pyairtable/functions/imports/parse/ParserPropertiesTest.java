package io.pyairtable.functions.imports.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ParserPropertiesTest {

    /** Characters that matter to CSV, plus multi-byte and astral ones. */
    private static final List<String> PIECES = List.of("a", "b", "Z", "0", "7", " ", ",", ";", "\t", "|", "\"", "\"\"",
            "\n", "\r", "\r\n", "é", "ß", "中", "😀", "\u00a0", "'", "=", "-", "#");

    private static Arbitrary<String> text(int maxPieces) {
        return Arbitraries.of(PIECES).list().ofMaxSize(maxPieces).map(parts -> String.join("", parts));
    }

    /** A table: unique, trimmed, non-empty column names and rows of the same width. */
    record Table(List<String> columns, List<List<String>> rows) {}

    @Provide
    Arbitrary<Table> tables() {
        Arbitrary<List<String>> names = text(6).map(String::trim).filter(name -> !name.isEmpty())
                .list().ofMinSize(1).ofMaxSize(6).uniqueElements();
        return names.flatMap(columns -> text(8).list().ofSize(columns.size()).list().ofMaxSize(12)
                .map(rows -> new Table(columns, rows)));
    }

    @Provide
    Arbitrary<Character> delimiters() {
        return Arbitraries.of(',', ';', '\t', '|');
    }

    @Property(tries = 600)
    void anyTableWrittenAsRfc4180CsvReadsBackIdentically(@ForAll("tables") Table table,
            @ForAll("delimiters") char delimiter, @ForAll("lineEnds") String lineEnd, @ForAll boolean bom,
            @ForAll boolean quoteEverything, @ForAll boolean finalLineEnd, @ForAll boolean detect) throws IOException {
        StringBuilder csv = new StringBuilder(bom ? "\uFEFF" : "");
        List<Long> expectedNumbers = new ArrayList<>();
        List<Map<String, Object>> expectedValues = new ArrayList<>();
        long line = 1;
        line = writeRecord(csv, table.columns(), delimiter, quoteEverything, line);
        for (List<String> row : table.rows()) {
            csv.append(lineEnd);
            line++;
            long start = line;
            line = writeRecord(csv, row, delimiter, quoteEverything, line);
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                if (!row.get(i).isEmpty()) {
                    values.put(table.columns().get(i), row.get(i));
                }
            }
            if (!values.isEmpty()) {
                expectedNumbers.add(start);
                expectedValues.add(values);
            }
        }
        if (finalLineEnd) {
            csv.append(lineEnd);
        }
        ReadOptions options = detect ? ReadOptions.defaults() : ReadOptions.defaults().withDelimiter(delimiter);
        RowReader reader = RowReaders.open(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                FileFormat.CSV, options);
        assertThat(reader.columns()).containsExactlyElementsOf(table.columns());
        List<SourceRow> rows = Readers.rows(reader);
        assertThat(rows).extracting(SourceRow::number).containsExactlyElementsOf(expectedNumbers);
        assertThat(rows).extracting(SourceRow::values).containsExactlyElementsOf(expectedValues);
    }

    @Provide
    Arbitrary<String> lineEnds() {
        return Arbitraries.of("\r\n", "\n", "\r");
    }

    /** Writes one record; quotes fields that need it (any candidate delimiter, so detection sees only the real one). */
    private static long writeRecord(StringBuilder csv, List<String> fields, char delimiter, boolean quoteEverything,
            long line) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(delimiter);
            }
            String field = fields.get(i);
            boolean quote = quoteEverything || field.chars().anyMatch(c -> c == '"' || c == '\r' || c == '\n'
                    || c == ',' || c == ';' || c == '\t' || c == '|');
            // a lone empty field on a line would be a blank line: quote it when the record has one field
            quote |= fields.size() == 1 && field.isEmpty();
            if (quote) {
                csv.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                csv.append(field);
            }
            line += lineBreaks(field);
        }
        return line;
    }

    private static long lineBreaks(String text) {
        long breaks = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                breaks++;
            }
        }
        return breaks;
    }

    // ---- robustness: only IOExceptions (FileFormatException for content problems) ----

    @Property(tries = 400)
    void randomBytesOnlyEverCauseFileFormatExceptions(@ForAll @Size(max = 600) byte[] bytes, @ForAll FileFormat format) {
        assertThat(readFully(bytes, format, ReadOptions.defaults())).isNull();
    }

    @Property(tries = 400)
    void randomTextInCsvAlphabetOnlyEverCausesFileFormatExceptions(@ForAll("csvNoise") String text,
            @ForAll boolean detect) {
        ReadOptions options = detect ? ReadOptions.defaults() : ReadOptions.defaults().withDelimiter(';');
        Throwable thrown = readFully(text.getBytes(StandardCharsets.UTF_8), FileFormat.CSV,
                options.withMaxColumns(5).withMaxCellChars(40).withMaxRows(20));
        assertThat(thrown).isNull();
    }

    @Provide
    Arbitrary<String> csvNoise() {
        return text(80);
    }

    @Property(tries = 300)
    void randomJsonLikeTextOnlyEverCausesFileFormatExceptions(@ForAll("jsonNoise") String text) {
        Throwable thrown = readFully(text.getBytes(StandardCharsets.UTF_8), FileFormat.JSON,
                ReadOptions.defaults().withMaxColumns(3).withMaxCellChars(20));
        assertThat(thrown).isNull();
    }

    @Provide
    Arbitrary<String> jsonNoise() {
        return Arbitraries.of("[", "]", "{", "}", ",", ":", "\"a\"", "\"b\"", "1", "-2.5e3", "true", "null", " ", "\n",
                "\"\\u00e9\"", "\"x", "\\").list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    private static final byte[] STORED_XLSX = stored(new XlsxFixture().sheet("Data",
            XlsxFixture.row(1, XlsxFixture.inline("A1", "Name"), XlsxFixture.sharedCell("B1", 0),
                    XlsxFixture.inline("C1", "When"))
                    + XlsxFixture.row(2, XlsxFixture.inline("A2", "x"), XlsxFixture.number("B2", "1.5", null),
                    XlsxFixture.number("C2", "45000.25", 2))
                    + XlsxFixture.row(3, "<c r=\"A3\" t=\"b\"><v>1</v></c>", "<c r=\"B3\" t=\"e\"><v>#N/A</v></c>"))
            .sharedStringsXml("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + "<si><t>Amount</t></si></sst>")
            .build());

    @Property(tries = 400)
    void mutatedWorkbooksOnlyEverCauseFileFormatExceptions(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> positions,
            @ForAll @Size(min = 8, max = 8) byte[] values, @ForAll boolean deflated) {
        byte[] base = deflated ? new XlsxFixture().sheet("S", XlsxFixture.row(1, XlsxFixture.inline("A1", "a"))
                + XlsxFixture.row(2, XlsxFixture.number("A2", "45000", 1))).build() : STORED_XLSX;
        byte[] mutated = base.clone();
        for (int i = 0; i < positions.size(); i++) {
            mutated[positions.get(i) % mutated.length] = values[i];
        }
        Throwable thrown = readFully(mutated, FileFormat.XLSX, ReadOptions.defaults());
        assertThat(thrown).isNull();
    }

    @Property(tries = 200)
    void zipHeaderFollowedByNoise(@ForAll @Size(max = 400) byte[] noise) {
        byte[] bytes = new byte[noise.length + 4];
        bytes[0] = 'P';
        bytes[1] = 'K';
        bytes[2] = 3;
        bytes[3] = 4;
        System.arraycopy(noise, 0, bytes, 4, noise.length);
        assertThat(readFully(bytes, FileFormat.XLSX, ReadOptions.defaults())).isNull();
    }

    /**
     * Reads everything, failing on anything but an IOException; returns an IOException that is not a
     * FileFormatException (null when there was none).
     */
    private static Throwable readFully(byte[] bytes, FileFormat format, ReadOptions options) {
        try (RowReader reader = RowReaders.open(new ByteArrayInputStream(bytes), format, options)) {
            reader.columns();
            while (reader.next() != null) {
                // read on
            }
            return null;
        } catch (FileFormatException expected) {
            assertThat(expected.code()).isNotBlank();
            assertThat(expected.getMessage()).isNotBlank();
            return null;
        } catch (IOException other) {
            return other;
        }
    }

    /** The same zip with every entry STORED, so that mutations reach the XML rather than the deflate stream. */
    private static byte[] stored(byte[] zip) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                    ZipOutputStream out = new ZipOutputStream(bytes)) {
                ZipEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    byte[] content = in.readAllBytes();
                    ZipEntry copy = new ZipEntry(entry.getName());
                    copy.setMethod(ZipEntry.STORED);
                    copy.setSize(content.length);
                    copy.setCompressedSize(content.length);
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    copy.setCrc(crc.getValue());
                    out.putNextEntry(copy);
                    out.write(content);
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
