package io.pyairtable.functions.imports.parse;

import static io.pyairtable.functions.imports.parse.Readers.csv;
import static io.pyairtable.functions.imports.parse.Readers.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvRowReaderTest {

    @Test
    void readsHeaderAndRowsWithSpreadsheetRowNumbers() throws IOException {
        RowReader reader = Readers.open("Name,Amount\nAlice,12.5\nBob,7\n", FileFormat.CSV);
        assertThat(reader.columns()).containsExactly("Name", "Amount");
        List<SourceRow> rows = Readers.rows(reader);
        assertThat(rows).containsExactly(
                new SourceRow(2, Map.of("Name", "Alice", "Amount", "12.5")),
                new SourceRow(3, Map.of("Name", "Bob", "Amount", "7")));
    }

    @Test
    void rfc4180QuotingDoubledQuotesDelimitersAndLineBreaksInsideQuotes() throws IOException {
        List<SourceRow> rows = csv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\r\nline2\nline3\"\r\nlast,\"\",z\r\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).values()).containsExactly(Map.entry("a", "x, y"), Map.entry("b", "say \"hi\""),
                Map.entry("c", "line1\r\nline2\nline3"));
        // the second record starts on physical line 5: the first spans lines 2–4
        assertThat(rows.get(1).number()).isEqualTo(5);
        assertThat(rows.get(1).values()).containsExactly(Map.entry("a", "last"), Map.entry("c", "z"));
    }

    @Test
    void lineEndingsCrLfLfAndCrAlone() throws IOException {
        for (String eol : List.of("\r\n", "\n", "\r")) {
            List<SourceRow> rows = csv("h1,h2" + eol + "1,2" + eol + "3,4");
            assertThat(rows).extracting(SourceRow::number).containsExactly(2L, 3L);
            assertThat(rows.get(1).values()).containsEntry("h2", "4");
        }
    }

    @Test
    void crInsideQuotesCountsAsOneLine() throws IOException {
        List<SourceRow> rows = csv("h\r\"a\rb\"\rnext\r");
        assertThat(rows).extracting(SourceRow::number).containsExactly(2L, 4L);
        assertThat(rows.get(0).values()).containsEntry("h", "a\rb");
    }

    @Test
    void utf8BomIsStrippedFromTheFirstColumnName() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "Name,Ville\nZoë,Zürich\n".getBytes(StandardCharsets.UTF_8);
        RowReader reader = Readers.open(concat(bom, body), FileFormat.CSV, ReadOptions.defaults());
        assertThat(reader.columns()).containsExactly("Name", "Ville");
        assertThat(Readers.rows(reader).get(0).values()).containsEntry("Name", "Zoë").containsEntry("Ville", "Zürich");
    }

    @Test
    void utf16WithByteOrderMarkIsDecoded() throws IOException {
        // Excel's "Unicode Text" export: UTF-16LE with BOM, tab-separated
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "Name\tCity\nZoë\t東京\n".getBytes(StandardCharsets.UTF_16LE));
        List<SourceRow> rows = Readers.rows(Readers.open(le, FileFormat.CSV, ReadOptions.defaults()));
        assertThat(rows.get(0).values()).containsEntry("Name", "Zoë").containsEntry("City", "東京");
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, "A,B\n1,2\n".getBytes(StandardCharsets.UTF_16BE));
        assertThat(Readers.rows(Readers.open(be, FileFormat.CSV, ReadOptions.defaults())).get(0).values())
                .containsEntry("B", "2");
    }

    @Test
    void headerNamesAreTrimmedValuesAreNot() throws IOException {
        RowReader reader = Readers.open("  Name , Amount\n  Alice  , 3 \n", FileFormat.CSV);
        assertThat(reader.columns()).containsExactly("Name", "Amount");
        assertThat(Readers.rows(reader).get(0).values()).containsEntry("Name", "  Alice  ").containsEntry("Amount", " 3 ");
    }

    @Test
    void detectsSemicolonTabAndPipeFromTheHeaderLine() throws IOException {
        assertThat(csv("Name;Amount;Note\nAlice;1,5;\"a;b\"\n").get(0).values())
                .containsExactly(Map.entry("Name", "Alice"), Map.entry("Amount", "1,5"), Map.entry("Note", "a;b"));
        assertThat(csv("Name\tAmount\nAlice\t1,5\n").get(0).values()).containsEntry("Amount", "1,5");
        assertThat(csv("Name|Amount\nAlice|2\n").get(0).values()).containsEntry("Amount", "2");
        // delimiters inside quoted header names do not count
        assertThat(Readers.open("\"a;b;c\",\"d;e\"\n1,2\n", FileFormat.CSV).columns()).containsExactly("a;b;c", "d;e");
        // a single column: comma by default, semicolons in the values stay
        assertThat(csv("Only\nx;y\n").get(0).values()).containsEntry("Only", "x;y");
    }

    @Test
    void detectionSkipsLeadingBlankLines() throws IOException {
        List<SourceRow> rows = csv("\n\r\nA;B\n1;2\n");
        assertThat(rows).containsExactly(new SourceRow(4, Map.of("A", "1", "B", "2")));
    }

    @Test
    void explicitDelimiterWins() throws IOException {
        List<SourceRow> rows = csv("a;b,c\n1;2,3\n", ReadOptions.defaults().withDelimiter(','));
        assertThat(rows.get(0).values()).containsExactly(Map.entry("a;b", "1;2"), Map.entry("c", "3"));
    }

    @Test
    void blankLinesAndAllEmptyRecordsAreSkippedButCountAsLines() throws IOException {
        List<SourceRow> rows = csv("a,b\n\n1,2\n,\n\r\n\"\",\"\"\n3,4\n\n");
        assertThat(rows).extracting(SourceRow::number).containsExactly(3L, 7L);
    }

    @Test
    void emptyCellsAreAbsentAndShortRowsMissValues() throws IOException {
        List<SourceRow> rows = csv("a,b,c\n1,,3\n4\n");
        assertThat(rows.get(0).values()).containsOnlyKeys("a", "c");
        assertThat(rows.get(1).values()).containsExactly(Map.entry("a", "4"));
    }

    @Test
    void moreFieldsThanTheHeaderIsMalformedNamingTheLine() {
        FileFormatException e = failure("a,b\n1,2\n3,4,5\n", FileFormat.CSV);
        assertThat(e.code()).isEqualTo("MALFORMED_CSV");
        assertThat(e.row()).isEqualTo(3);
        assertThat(e.getMessage()).contains("line 3").contains("more fields than the header");
    }

    @Test
    void trailingEmptyFieldsBeyondTheHeaderAreTolerated() throws IOException {
        assertThat(csv("a,b\n1,2,,\n").get(0).values()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void trailingEmptyHeaderCellsAreDroppedAndAValueUnderThemIsAnError() throws IOException {
        RowReader reader = Readers.open("a,b,,\n1,2,,\n", FileFormat.CSV);
        assertThat(reader.columns()).containsExactly("a", "b");
        assertThat(Readers.rows(reader)).hasSize(1);
        FileFormatException e = failure("a,,c\n1,,3\n4,5,6\n", FileFormat.CSV);
        assertThat(e.code()).isEqualTo("EMPTY_COLUMN_NAME");
        assertThat(e.row()).isEqualTo(3);
        assertThat(e.getMessage()).contains("column 2");
    }

    @Test
    void unterminatedQuoteIsMalformedAtTheRecordWhereItStarts() {
        FileFormatException e = failure("a,b\n1,2\n3,\"oops\n4,5\n6,7\n", FileFormat.CSV);
        assertThat(e.code()).isEqualTo("MALFORMED_CSV");
        assertThat(e.row()).isEqualTo(3);
        assertThat(e.getMessage()).contains("unterminated").contains("line 3");
    }

    @Test
    void strayQuotesAreMalformed() {
        FileFormatException inside = failure("a,b\n1,ab\"c\n", FileFormat.CSV);
        assertThat(inside.code()).isEqualTo("MALFORMED_CSV");
        assertThat(inside.row()).isEqualTo(2);
        FileFormatException after = failure("a,b\n1,2\n\"x\"y,3\n", FileFormat.CSV);
        assertThat(after.code()).isEqualTo("MALFORMED_CSV");
        assertThat(after.row()).isEqualTo(3);
        assertThat(after.getMessage()).contains("after the closing quote");
    }

    @Test
    void duplicateAndMissingHeaders() {
        FileFormatException duplicate = failure("Name,Amount,Name\n", FileFormat.CSV);
        assertThat(duplicate.code()).isEqualTo("DUPLICATE_COLUMN");
        assertThat(duplicate.row()).isEqualTo(1);
        assertThat(failure(" Name ,Name\n", FileFormat.CSV).code()).isEqualTo("DUPLICATE_COLUMN");
        assertThat(failure("", FileFormat.CSV).code()).isEqualTo("NO_HEADER");
        assertThat(failure("\n\n,,\n", FileFormat.CSV).code()).isEqualTo("NO_HEADER");
    }

    @Test
    void headerOnlyFileHasNoRows() throws IOException {
        RowReader reader = Readers.open("a,b\n", FileFormat.CSV);
        assertThat(reader.columns()).containsExactly("a", "b");
        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
    }

    @Test
    void tenThousandColumnsAreRejected() {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            header.append(i == 0 ? "" : ",").append("c").append(i);
        }
        FileFormatException e = failure(header + "\n", FileFormat.CSV);
        assertThat(e.code()).isEqualTo("TOO_MANY_COLUMNS");
        assertThat(e.row()).isEqualTo(1);
    }

    @Test
    void maxColumnsIsAllowed() throws IOException {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            header.append(i == 0 ? "" : ",").append("c").append(i);
        }
        assertThat(Readers.open(header + "\n", FileFormat.CSV).columns()).hasSize(500);
    }

    @Test
    void tooManyRows() throws IOException {
        ReadOptions two = ReadOptions.defaults().withMaxRows(2);
        assertThat(csv("a\n1\n\n2\n", two)).hasSize(2);
        FileFormatException e = failure("a\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8), FileFormat.CSV, two);
        assertThat(e.code()).isEqualTo("TOO_MANY_ROWS");
        assertThat(e.row()).isEqualTo(4);
    }

    @Test
    void cellTooLongNamesRowAndColumn() throws IOException {
        ReadOptions small = ReadOptions.defaults().withMaxCellChars(10);
        assertThat(csv("a,b\n1,0123456789\n", small)).hasSize(1);
        FileFormatException e = failure("a,b\n1,2\n3,01234567890\n".getBytes(StandardCharsets.UTF_8), FileFormat.CSV, small);
        assertThat(e.code()).isEqualTo("CELL_TOO_LONG");
        assertThat(e.row()).isEqualTo(3);
        assertThat(e.getMessage()).contains("\"b\"");
        FileFormatException quoted = failure("a\n\"0123456789\n0\"\n".getBytes(StandardCharsets.UTF_8), FileFormat.CSV, small);
        assertThat(quoted.code()).isEqualTo("CELL_TOO_LONG");
        assertThat(quoted.row()).isEqualTo(2);
    }

    @Test
    void invalidUtf8IsAnEncodingErrorOnItsLine() {
        byte[] latin1 = "Name\nok\nZo\u00eb\n".getBytes(StandardCharsets.ISO_8859_1);
        FileFormatException e = failure(latin1, FileFormat.CSV, ReadOptions.defaults());
        assertThat(e.code()).isEqualTo("ENCODING");
        assertThat(e.row()).isEqualTo(3);
        assertThat(e.getMessage()).contains("UTF-8");
        // a truncated multi-byte sequence at the end of the file
        byte[] truncated = concat("a\nx".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE2, (byte) 0x82});
        assertThat(failure(truncated, FileFormat.CSV, ReadOptions.defaults()).code()).isEqualTo("ENCODING");
    }

    @Test
    void unicodeAcrossBufferBoundaries() throws IOException {
        StringBuilder csv = new StringBuilder("text\n");
        String value = "😀é中".repeat(20_000); // 80,000 chars, multi-byte sequences split across reads
        csv.append('"').append(value).append("\"\n").append(value).append('\n');
        List<SourceRow> rows = Readers.rows(new CsvRowReader(
                new TrickleInputStream(csv.toString().getBytes(StandardCharsets.UTF_8), 7), ReadOptions.defaults()));
        assertThat(rows).extracting(r -> r.values().get("text")).containsExactly(value, value);
    }

    @Test
    void quotesAndLineBreaksStraddlingTheBufferBoundary() throws IOException {
        for (int pad = TextInput.BUFFER_CHARS - 12; pad <= TextInput.BUFFER_CHARS + 4; pad++) {
            String value = "a".repeat(pad) + "\r\n\"b";
            String csv = "h,i\r\n\"" + "a".repeat(pad) + "\r\n\"\"b\",1\r\nz,\"\"\r\n";
            List<SourceRow> rows = csv(csv);
            assertThat(rows).as("pad %d", pad).extracting(SourceRow::number).containsExactly(2L, 4L);
            assertThat(rows.get(0).values().get("h")).isEqualTo(value);
            assertThat(rows.get(0).values().get("i")).isEqualTo("1");
            assertThat(rows.get(1).values()).containsExactly(Map.entry("h", "z"));
        }
        for (int pad = TextInput.BUFFER_CHARS - 6; pad <= TextInput.BUFFER_CHARS + 2; pad++) {
            // a CR line end whose LF is the first character of the next buffer
            List<SourceRow> rows = csv("h\r\n" + "b".repeat(pad) + "\r\nnext\r\n");
            assertThat(rows).extracting(SourceRow::number).containsExactly(2L, 3L);
        }
    }

    @Test
    void streamsAFileLargerThanAnyBufferWithoutReadingItWhole() throws IOException {
        // a stream that generates 200,000 rows on the fly: nothing holds the whole file
        InputStream generated = new InputStream() {
            long row = -1;
            byte[] line = "id,name,note\n".getBytes(StandardCharsets.UTF_8);
            int pos;

            @Override
            public int read() {
                if (pos == line.length) {
                    if (++row >= 200_000) {
                        return -1;
                    }
                    line = (row + ",name " + row + ",\"a, b\nc\"\n").getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                }
                return line[pos++] & 0xFF;
            }
        };
        long count = 0;
        long lastNumber = 0;
        try (RowReader reader = RowReaders.open(generated, FileFormat.CSV, ReadOptions.defaults().withMaxRows(1_000_000))) {
            SourceRow row;
            while ((row = reader.next()) != null) {
                count++;
                lastNumber = row.number();
            }
        }
        assertThat(count).isEqualTo(200_000);
        assertThat(lastNumber).isEqualTo(2 + 2 * 199_999);
    }

    @Test
    void closingTheReaderClosesTheStream() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream("a\n1\n".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        RowReaders.open(in, FileFormat.CSV, ReadOptions.defaults()).close();
        assertThat(closed[0]).isTrue();
        closed[0] = false;
        InputStream empty = new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try {
            RowReaders.open(empty, FileFormat.CSV, ReadOptions.defaults());
        } catch (FileFormatException expected) {
            assertThat(expected.code()).isEqualTo("NO_HEADER");
        }
        assertThat(closed[0]).as("closed when open fails").isTrue();
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** Returns at most {@code chunk} bytes per read, to split multi-byte characters across reads. */
    static final class TrickleInputStream extends ByteArrayInputStream {
        private final int chunk;

        TrickleInputStream(byte[] bytes, int chunk) {
            super(bytes);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
