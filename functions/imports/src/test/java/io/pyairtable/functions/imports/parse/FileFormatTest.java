package io.pyairtable.functions.imports.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileFormatTest {

    @Test
    void byExtensionFirst() {
        assertThat(FileFormat.detect("deals.csv", null)).contains(FileFormat.CSV);
        assertThat(FileFormat.detect("DEALS.TSV", "application/json")).contains(FileFormat.CSV);
        assertThat(FileFormat.detect("notes.txt", null)).contains(FileFormat.CSV);
        assertThat(FileFormat.detect("Book 1.xlsx", null)).contains(FileFormat.XLSX);
        assertThat(FileFormat.detect("a.b.json", null)).contains(FileFormat.JSON);
        assertThat(FileFormat.detect("events.jsonl", null)).contains(FileFormat.JSONL);
        assertThat(FileFormat.detect("events.ndjson ", null)).contains(FileFormat.JSONL);
    }

    @Test
    void elseByContentType() {
        assertThat(FileFormat.detect("upload", "text/csv; charset=utf-8")).contains(FileFormat.CSV);
        assertThat(FileFormat.detect("upload.bin",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).contains(FileFormat.XLSX);
        assertThat(FileFormat.detect(null, "Application/JSON")).contains(FileFormat.JSON);
        assertThat(FileFormat.detect(null, "application/x-ndjson")).contains(FileFormat.JSONL);
    }

    @Test
    void unknown() {
        assertThat(FileFormat.detect("old.xls", null)).isEqualTo(Optional.empty());
        assertThat(FileFormat.detect("report.pdf", "application/pdf")).isEmpty();
        assertThat(FileFormat.detect(null, null)).isEmpty();
        assertThat(FileFormat.detect("noextension", "application/octet-stream")).isEmpty();
    }

    @Test
    void readOptionsDefaultsAndValidation() {
        ReadOptions defaults = ReadOptions.defaults();
        assertThat(defaults.delimiter()).isNull();
        assertThat(defaults.sheet()).isNull();
        assertThat(defaults.maxRows()).isEqualTo(100_000);
        assertThat(defaults.maxColumns()).isEqualTo(500);
        assertThat(defaults.maxCellChars()).isEqualTo(100_000);
        assertThat(defaults.maxUncompressedBytes()).isEqualTo(200L * 1024 * 1024);
        assertThat(defaults.withDelimiter(';').withSheet("S").withMaxRows(5))
                .isEqualTo(new ReadOptions(';', "S", 5, 500, 100_000, 200L * 1024 * 1024));
        assertThatThrownBy(() -> defaults.withDelimiter('"')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withMaxColumns(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
