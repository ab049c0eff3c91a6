package io.pyairtable.functions.imports.parse;

import static io.pyairtable.functions.imports.parse.Readers.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRowReaderTest {

    private static List<SourceRow> json(String text) throws IOException {
        return Readers.rows(Readers.open(text, FileFormat.JSON));
    }

    @Test
    void arrayOfObjectsWithEveryJsonType() throws IOException {
        RowReader reader = Readers.open("""
                [{"Name": "Alice", "Amount": 12.50, "Active": true, "Tags": ["a", "b"], "Meta": {"k": 1}, "None": null},
                 {"Name": "Bob", "Extra": 1e3}]""", FileFormat.JSON);
        assertThat(reader.columns()).containsExactly("Name", "Amount", "Active", "Tags", "Meta", "None");
        List<SourceRow> rows = Readers.rows(reader);
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("Name", "Alice");
        first.put("Amount", new BigDecimal("12.50"));
        first.put("Active", true);
        first.put("Tags", List.of("a", "b"));
        first.put("Meta", Map.of("k", BigDecimal.ONE));
        first.put("None", null);
        assertThat(rows.get(0)).isEqualTo(new SourceRow(1, first));
        assertThat(rows.get(1).number()).isEqualTo(2);
        assertThat(rows.get(1).values()).containsEntry("Extra", new BigDecimal("1E+3"));
    }

    @Test
    void jsonLinesWithBlankLines() throws IOException {
        List<SourceRow> rows = Readers.rows(Readers.open("{\"a\":1}\n\n{\"a\":2,\"b\":\"x\"}\r\n  \n{\"a\":3}\n",
                FileFormat.JSONL));
        assertThat(rows).extracting(SourceRow::number).containsExactly(1L, 2L, 3L);
        assertThat(rows.get(1).values()).containsEntry("b", "x");
    }

    @Test
    void emptyInputs() throws IOException {
        for (String empty : List.of("", "  \n", "[]", " [ ] ")) {
            RowReader reader = Readers.open(empty, FileFormat.JSON);
            assertThat(reader.columns()).isEmpty();
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void eitherShapeWhateverTheExtension() throws IOException {
        assertThat(Readers.rows(Readers.open("[{\"a\":1}]", FileFormat.JSONL))).hasSize(1);
        assertThat(Readers.rows(Readers.open("{\"a\":1}{\"a\":2}", FileFormat.JSON))).hasSize(2);
    }

    @Test
    void malformedJsonNamesTheRecordAndLine() {
        FileFormatException e = failure("[{\"a\":1},\n{\"a\": tru}]", FileFormat.JSON);
        assertThat(e.code()).isEqualTo("MALFORMED_JSON");
        assertThat(e.row()).isEqualTo(2);
        assertThat(e.getMessage()).contains("line 2");
        assertThat(failure("[{\"a\":1}", FileFormat.JSON).code()).isEqualTo("MALFORMED_JSON");
        assertThat(failure("[{\"a\":1}] trailing", FileFormat.JSON).code()).isEqualTo("MALFORMED_JSON");
        assertThat(failure("{\"a\":1}\n{\"a\":", FileFormat.JSONL).row()).isEqualTo(2);
        assertThat(failure("[{\"a\":1,}]", FileFormat.JSON).code()).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void recordsThatAreNotObjects() {
        FileFormatException inArray = failure("[{\"a\":1}, 2]", FileFormat.JSON);
        assertThat(inArray.code()).isEqualTo("NOT_AN_OBJECT");
        assertThat(inArray.row()).isEqualTo(2);
        assertThat(inArray.getMessage()).contains("a number");
        FileFormatException line = failure("{\"a\":1}\n[1,2]\n", FileFormat.JSONL);
        assertThat(line.code()).isEqualTo("NOT_AN_OBJECT");
        assertThat(line.row()).isEqualTo(2);
        assertThat(failure("\"just a string\"", FileFormat.JSON).code()).isEqualTo("NOT_AN_OBJECT");
        assertThat(failure("[[{\"a\":1}]]", FileFormat.JSON).code()).isEqualTo("NOT_AN_OBJECT");
    }

    @Test
    void duplicateKeysTooManyKeysAndLimits() {
        FileFormatException duplicate = failure("[{\"a\":1,\"a\":2}]", FileFormat.JSON);
        assertThat(duplicate.code()).isEqualTo("DUPLICATE_COLUMN");
        assertThat(duplicate.row()).isEqualTo(1);
        FileFormatException keys = Readers.failure("{\"a\":1,\"b\":2,\"c\":3}".getBytes(StandardCharsets.UTF_8),
                FileFormat.JSONL, ReadOptions.defaults().withMaxColumns(2));
        assertThat(keys.code()).isEqualTo("TOO_MANY_COLUMNS");
        FileFormatException rows = Readers.failure("{\"a\":1}\n{\"a\":2}\n{\"a\":3}".getBytes(StandardCharsets.UTF_8),
                FileFormat.JSONL, ReadOptions.defaults().withMaxRows(2));
        assertThat(rows.code()).isEqualTo("TOO_MANY_ROWS");
        assertThat(rows.row()).isEqualTo(3);
    }

    @Test
    void longValuesAndDeepNestingAreBounded() {
        ReadOptions small = ReadOptions.defaults().withMaxCellChars(2000);
        String longString = "x".repeat(2001);
        FileFormatException text = Readers.failure(("[{\"a\":\"ok\"},{\"a\":\"" + longString + "\"}]")
                .getBytes(StandardCharsets.UTF_8), FileFormat.JSON, small);
        assertThat(text.code()).isEqualTo("CELL_TOO_LONG");
        assertThat(text.row()).isEqualTo(2);
        String[] many = new String[1500];
        Arrays.fill(many, "\"ab\"");
        FileFormatException nested = Readers.failure(("[{\"a\":[" + String.join(",", many) + "]}]")
                .getBytes(StandardCharsets.UTF_8), FileFormat.JSON, small);
        assertThat(nested.code()).isEqualTo("CELL_TOO_LONG");
        assertThat(nested.getMessage()).contains("\"a\"");
        String deep = "[".repeat(100) + "]".repeat(100);
        FileFormatException depth = failure("[{\"a\":" + deep + "}]", FileFormat.JSON);
        assertThat(depth.code()).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void invalidUtf8IsAnEncodingError() {
        byte[] bytes = "[{\"a\":\"Zo\u00eb\"}]".getBytes(StandardCharsets.ISO_8859_1);
        FileFormatException e = Readers.failure(bytes, FileFormat.JSON, ReadOptions.defaults());
        assertThat(e.code()).isEqualTo("ENCODING");
        assertThat(e.row()).isEqualTo(1);
    }

    @Test
    void utf8BomAndUnicode() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "[{\"Ville\":\"Zürich 😀\"}]".getBytes(StandardCharsets.UTF_8);
        List<SourceRow> rows = Readers.rows(Readers.open(CsvRowReaderTest.concat(bom, body), FileFormat.JSON,
                ReadOptions.defaults()));
        assertThat(rows.get(0).values()).containsEntry("Ville", "Zürich 😀");
        byte[] utf16 = "{\"Ville\":\"東京\"}".getBytes(StandardCharsets.UTF_16);
        assertThat(Readers.rows(Readers.open(utf16, FileFormat.JSONL, ReadOptions.defaults())).get(0).values())
                .containsEntry("Ville", "東京");
    }
}
