package io.pyairtable.functions.imports.parse;

import static io.pyairtable.functions.imports.parse.XlsxFixture.inline;
import static io.pyairtable.functions.imports.parse.XlsxFixture.number;
import static io.pyairtable.functions.imports.parse.XlsxFixture.row;
import static io.pyairtable.functions.imports.parse.XlsxFixture.sharedCell;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxRowReaderTest {

    private static List<SourceRow> read(byte[] xlsx) throws IOException {
        return Readers.rows(Readers.open(xlsx, FileFormat.XLSX, ReadOptions.defaults()));
    }

    private static FileFormatException failure(byte[] xlsx) {
        return Readers.failure(xlsx, FileFormat.XLSX, ReadOptions.defaults());
    }

    @Test
    void sharedAndInlineStringsNumbersAndBooleans() throws IOException {
        XlsxFixture book = new XlsxFixture();
        int name = book.shared("Name");
        int alice = book.shared("Alice & Co <ltd>");
        book.sheet("Data", row(1, sharedCell("A1", name), inline("B1", "Amount"), inline("C1", "Active"),
                        inline("D1", "Ratio"))
                + row(2, sharedCell("A2", alice), number("B2", "1234.5", null), "<c r=\"C2\" t=\"b\"><v>1</v></c>",
                        number("D2", "0.30000000000000004", null))
                + row(3, inline("A3", "Bob"), number("B3", "1E-3", 3), "<c r=\"C3\" t=\"b\"><v>0</v></c>",
                        number("D3", "12345678901234567890", null)));
        RowReader reader = Readers.open(book.build(), FileFormat.XLSX, ReadOptions.defaults());
        assertThat(reader.columns()).containsExactly("Name", "Amount", "Active", "Ratio");
        List<SourceRow> rows = Readers.rows(reader);
        assertThat(rows).containsExactly(
                new SourceRow(2, Map.of("Name", "Alice & Co <ltd>", "Amount", "1234.5", "Active", "TRUE",
                        "Ratio", "0.3")),
                new SourceRow(3, Map.of("Name", "Bob", "Amount", "0.001", "Active", "FALSE",
                        "Ratio", "12345678901234600000")));
    }

    @Test
    void datesByCellStyleBuiltInAndCustomFormats() throws IOException {
        XlsxFixture book = new XlsxFixture().sheet("S", row(1, inline("A1", "Day"), inline("B1", "At"),
                        inline("C1", "Plain"), inline("D1", "Kg"), inline("E1", "Time"))
                + row(2, number("A2", "45292", 1), number("B2", "45292.5", 2), number("C2", "45292", 0),
                        number("D2", "3.5", 4), number("E2", "0.75", 1))
                + row(3, number("A3", "1", 1), number("B3", "61.000011574", 2)));
        List<SourceRow> rows = read(book.build());
        assertThat(rows.get(0).values()).containsExactly(Map.entry("Day", "2024-01-01"),
                Map.entry("At", "2024-01-01T12:00:00"), Map.entry("Plain", "45292"), Map.entry("Kg", "3.5"),
                Map.entry("Time", "18:00:00"));
        // serial 1 = 1900-01-01; serial 61 = 1900-03-01 (after Excel's fictitious 1900-02-29), plus one second
        assertThat(rows.get(1).values()).containsEntry("Day", "1900-01-01").containsEntry("At", "1900-03-01T00:00:01");
    }

    @Test
    void the1904DateSystem() throws IOException {
        XlsxFixture book = new XlsxFixture().date1904()
                .sheet("S", row(1, inline("A1", "Day")) + row(2, number("A2", "43830", 1)));
        assertThat(read(book.build()).get(0).values()).containsEntry("Day", "2024-01-01");
    }

    @Test
    void errorCellsBecomeCellErrorsAndFormulasTheirCachedValue() throws IOException {
        XlsxFixture book = new XlsxFixture().sheet("S", row(1, inline("A1", "A"), inline("B1", "B"), inline("C1", "C"))
                + row(2, "<c r=\"A2\" t=\"e\"><f>VLOOKUP(1,X,2)</f><v>#N/A</v></c>",
                        "<c r=\"B2\"><f>1+1</f><v>2</v></c>", "<c r=\"C2\" t=\"str\"><f>\"a\"&amp;\"b\"</f><v>ab</v></c>"));
        SourceRow row = read(book.build()).get(0);
        assertThat(row.values().get("A")).isEqualTo(new CellError("#N/A"));
        assertThat(row.values()).containsEntry("B", "2").containsEntry("C", "ab");
    }

    @Test
    void emptyCellsAreAbsentBlankRowsSkippedAndGapsKeepRowNumbers() throws IOException {
        XlsxFixture book = new XlsxFixture().sheet("S", row(2, inline("B2", "x"), inline("C2", "y"))
                + row(3, inline("B3", ""), "<c r=\"C3\"/>")
                + row(5, "<c r=\"C5\" t=\"inlineStr\"><is><t>only y</t></is></c>")
                + "<row r=\"6\"/>");
        RowReader reader = Readers.open(book.build(), FileFormat.XLSX, ReadOptions.defaults());
        assertThat(reader.columns()).containsExactly("x", "y");
        assertThat(Readers.rows(reader)).containsExactly(new SourceRow(5, Map.of("y", "only y")));
    }

    @Test
    void cellsWithoutReferencesFollowTheirNeighbours() throws IOException {
        XlsxFixture book = new XlsxFixture().sheet("S", "<row>" + "<c t=\"inlineStr\"><is><t>a</t></is></c>"
                + "<c t=\"inlineStr\"><is><t>b</t></is></c></row><row><c><v>1</v></c><c><v>2</v></c></row>");
        assertThat(read(book.build())).containsExactly(new SourceRow(2, Map.of("a", "1", "b", "2")));
    }

    @Test
    void richTextRunsAreJoinedAndPhoneticRunsLeftOut() throws IOException {
        XlsxFixture book = new XlsxFixture().sharedStringsXml("""
                <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Head</t></si>
                <si><r><rPr><b/></rPr><t>bold</t></r><r><t xml:space="preserve"> and plain</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si></sst>""")
                .sheet("S", row(1, sharedCell("A1", 0)) + row(2, sharedCell("A2", 1)));
        assertThat(read(book.build()).get(0).values()).containsEntry("Head", "bold and plain");
    }

    @Test
    void sharedStringsBeforeOrAfterTheSheetInTheZip() throws IOException {
        for (boolean first : new boolean[] {true, false}) {
            XlsxFixture book = new XlsxFixture();
            int h = book.shared("H");
            int v = book.shared("v");
            book.sheet("S", row(1, sharedCell("A1", h)) + row(2, sharedCell("A2", v)));
            if (first) {
                book.sharedStringsFirst();
            }
            assertThat(read(book.build()).get(0).values()).containsEntry("H", "v");
        }
    }

    @Test
    void firstSheetByDefaultOrTheNamedOne() throws IOException {
        byte[] xlsx = new XlsxFixture()
                .sheet("First", row(1, inline("A1", "one")) + row(2, inline("A2", "1")))
                .sheet("Second Sheet", row(1, inline("A1", "two")) + row(2, inline("A2", "2")))
                .build();
        assertThat(Readers.open(xlsx, FileFormat.XLSX, ReadOptions.defaults()).columns()).containsExactly("one");
        RowReader second = Readers.open(xlsx, FileFormat.XLSX, ReadOptions.defaults().withSheet("Second Sheet"));
        assertThat(second.columns()).containsExactly("two");
        assertThat(Readers.rows(second).get(0).values()).containsEntry("two", "2");
        assertThat(Readers.open(xlsx, FileFormat.XLSX, ReadOptions.defaults().withSheet("second sheet")).columns())
                .containsExactly("two");
        FileFormatException missing = Readers.failure(xlsx, FileFormat.XLSX, ReadOptions.defaults().withSheet("Third"));
        assertThat(missing.code()).isEqualTo("SHEET_NOT_FOUND");
        assertThat(missing.getMessage()).contains("\"First\"", "\"Second Sheet\"");
    }

    @Test
    void headerProblems() {
        FileFormatException duplicate = failure(new XlsxFixture()
                .sheet("S", row(1, inline("A1", "Name"), inline("B1", " Name "))).build());
        assertThat(duplicate.code()).isEqualTo("DUPLICATE_COLUMN");
        assertThat(duplicate.row()).isEqualTo(1);
        assertThat(failure(new XlsxFixture().sheet("S", "").build()).code()).isEqualTo("NO_HEADER");
        FileFormatException unnamed = failure(new XlsxFixture()
                .sheet("S", row(1, inline("A1", "a"), inline("C1", "c")) + row(2, inline("A2", "1"))
                        + row(3, inline("B3", "stray"))).build());
        assertThat(unnamed.code()).isEqualTo("EMPTY_COLUMN_NAME");
        assertThat(unnamed.row()).isEqualTo(3);
        assertThat(unnamed.getMessage()).contains("B3");
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i < 501; i++) {
            wide.append(inline(XlsxRowReader.columnLetters(i) + "1", "c" + i));
        }
        FileFormatException tooWide = failure(new XlsxFixture().sheet("S", row(1, wide.toString())).build());
        assertThat(tooWide.code()).isEqualTo("TOO_MANY_COLUMNS");
    }

    @Test
    void rowAndCellLimits() {
        byte[] xlsx = new XlsxFixture().sheet("S", row(1, inline("A1", "a")) + row(2, inline("A2", "1"))
                + row(3, inline("A3", "2")) + row(4, inline("A4", "0123456789ABC"))).build();
        FileFormatException rows = Readers.failure(xlsx, FileFormat.XLSX, ReadOptions.defaults().withMaxRows(2));
        assertThat(rows.code()).isEqualTo("TOO_MANY_ROWS");
        assertThat(rows.row()).isEqualTo(4);
        FileFormatException cell = Readers.failure(xlsx, FileFormat.XLSX, ReadOptions.defaults().withMaxCellChars(10));
        assertThat(cell.code()).isEqualTo("CELL_TOO_LONG");
        assertThat(cell.row()).isEqualTo(4);
        assertThat(cell.getMessage()).contains("A4");
    }

    @Test
    void notAnXlsx() {
        assertThat(failure("Name,Amount\n1,2\n".getBytes(StandardCharsets.UTF_8)).code()).isEqualTo("NOT_XLSX");
        assertThat(failure(new byte[0]).code()).isEqualTo("NOT_XLSX");
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        assertThat(failure(xls).getMessage()).contains(".xls");
        // a zip, but not a workbook
        assertThat(failure(zip(Map.of("hello.txt", "hi"))).code()).isEqualTo("NOT_XLSX");
        assertThat(failure(new XlsxFixture().sheet("S", "").withoutContentTypes().build()).code()).isEqualTo("NOT_XLSX");
        // a truncated zip
        byte[] whole = new XlsxFixture().sheet("S", row(1, inline("A1", "a"))).build();
        assertThat(failure(java.util.Arrays.copyOf(whole, whole.length / 2)).code()).isEqualTo("NOT_XLSX");
        // a workbook whose sheet XML is not well-formed
        FileFormatException broken = failure(new XlsxFixture().sheet("S", row(1, inline("A1", "a")) + "<row><c>").build());
        assertThat(broken.code()).isEqualTo("NOT_XLSX");
        assertThat(broken.getMessage()).contains("sheet1.xml");
        // a shared string index that does not exist
        assertThat(failure(new XlsxFixture().sheet("S", row(1, sharedCell("A1", 7))).build()).code())
                .isEqualTo("NOT_XLSX");
    }

    @Test
    void externalEntitiesAreNotResolved(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-VALUE");
        String sheet = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + row(1, inline("A1", "Name")) + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>"
                + "</sheetData></worksheet>";
        byte[] xlsx = replacePart(new XlsxFixture().sheet("S", "").build(), "xl/worksheets/sheet1.xml", sheet);
        // the JDK's StAX parser with DTDs off treats &xxe; as undeclared: the part is not well-formed
        FileFormatException e = failure(xlsx);
        assertThat(e.code()).isEqualTo("NOT_XLSX");
        String everything = e.getMessage();
        assertThat(everything).doesNotContain("TOP-SECRET-VALUE");
    }

    @Test
    void entityExpansionIsNotPerformed() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&d;&d;&d;</t></si></sst>";
        byte[] xlsx = new XlsxFixture().sharedStringsXml(laughs).sheet("S", row(1, sharedCell("A1", 0))).build();
        String seen;
        try {
            seen = String.join(",", Readers.open(xlsx, FileFormat.XLSX, ReadOptions.defaults()).columns());
        } catch (IOException e) {
            seen = e.getMessage();
        }
        assertThat(seen).doesNotContain("aaaaaaaaaaaaaaaaaaaa");
    }

    @Test
    void zipBombIsRejectedQuicklyWithBoundedAllocation() throws IOException {
        for (boolean insideACell : new boolean[] {false, true}) {
            byte[] bomb = bomb(insideACell);
            assertThat(bomb.length).isLessThan(4 << 20);
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            FileFormatException e = Readers.failure(bomb, FileFormat.XLSX, ReadOptions.defaults());
            long millis = (System.nanoTime() - start) / 1_000_000;
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            if (insideACell) {
                // the cell limit stops it first
                assertThat(e.code()).isEqualTo("CELL_TOO_LONG");
            } else {
                assertThat(e.code()).isEqualTo("XLSX_TOO_LARGE");
                assertThat(e.getMessage()).contains("compressed more than 100:1");
            }
            assertThat(millis).as("rejected quickly").isLessThan(5_000);
            assertThat(allocated).as("bytes allocated while reading a 512 MB part").isLessThan(64L << 20);
        }
    }

    /** A workbook whose sheet part inflates to 512 MB of spaces (~0.5 MB compressed): between rows or inside a cell. */
    private static byte[] bomb(boolean insideACell) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            copyAllBut(new XlsxFixture().sheet("S", "").build(), zip, "xl/worksheets/sheet1.xml");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    + row(1, inline("A1", "a")) + (insideACell ? "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>" : ""))
                    .getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 512; i++) {
                zip.write(spaces);
            }
            zip.write(((insideACell ? "</t></is></c></row>" : "") + "</sheetData></worksheet>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void totalInflatedBytesAreLimited() {
        // incompressible-looking content (ratio guard not reached) beyond the total budget
        StringBuilder rows = new StringBuilder(row(1, inline("A1", "a")));
        java.util.Random random = new java.util.Random(1);
        for (int i = 2; i < 3000; i++) {
            rows.append(row(i, inline("A" + i, Long.toString(random.nextLong(), 36) + Long.toString(random.nextLong(), 36))));
        }
        byte[] xlsx = new XlsxFixture().sheet("S", rows.toString()).build();
        FileFormatException e = Readers.failure(xlsx, FileFormat.XLSX,
                ReadOptions.defaults().withMaxUncompressedBytes(64 * 1024));
        assertThat(e.code()).isEqualTo("XLSX_TOO_LARGE");
    }

    @Test
    void tooManyZipEntries() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            copyAllBut(new XlsxFixture().sheet("S", row(1, inline("A1", "a"))).build(), zip, "");
            for (int i = 0; i < XlsxPackage.MAX_ENTRIES; i++) {
                zip.putNextEntry(new ZipEntry("junk/" + i));
                zip.closeEntry();
            }
        }
        assertThat(failure(bytes.toByteArray()).code()).isEqualTo("XLSX_TOO_LARGE");
    }

    @Test
    void uploadLargerThanTheLimitIsNotSpooled() {
        byte[] xlsx = new XlsxFixture().sheet("S", row(1, inline("A1", "a"))).build();
        FileFormatException e = Readers.failure(xlsx, FileFormat.XLSX,
                ReadOptions.defaults().withMaxUncompressedBytes(100));
        assertThat(e.code()).isEqualTo("XLSX_TOO_LARGE");
    }

    @Test
    void temporaryFileIsDeletedOnCloseAndOnFailure() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = countSpooled(tmp);
        RowReader reader = Readers.open(new XlsxFixture().sheet("S", row(1, inline("A1", "a"))).build(),
                FileFormat.XLSX, ReadOptions.defaults());
        assertThat(countSpooled(tmp)).isEqualTo(before + 1);
        reader.close();
        assertThat(countSpooled(tmp)).isEqualTo(before);
        failure(new XlsxFixture().sheet("S", "").build());
        assertThat(countSpooled(tmp)).isEqualTo(before);
    }

    @Test
    void isoDateCellsAndWorkbookFoundThroughThePackageRelationships() throws IOException {
        byte[] xlsx = new XlsxFixture().sheet("S", row(1, inline("A1", "d"), inline("B1", "t"))
                + row(2, "<c r=\"A2\" t=\"d\"><v>2024-03-01T00:00:00</v></c>",
                        "<c r=\"B2\" t=\"d\"><v>2024-03-01T10:30:00Z</v></c>")).build();
        // [Content_Types].xml without the workbook override: _rels/.rels names it
        byte[] withoutOverride = replacePart(xlsx, "[Content_Types].xml",
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
        assertThat(read(withoutOverride).get(0).values()).containsExactly(Map.entry("d", "2024-03-01"),
                Map.entry("t", "2024-03-01T10:30:00"));
    }

    @Test
    void otherOfficeDocumentsAreNotWorkbooks() throws IOException {
        byte[] docx = replacePart(new XlsxFixture().sheet("S", "").build(), "[Content_Types].xml",
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                        + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
        FileFormatException e = failure(docx);
        assertThat(e.code()).isEqualTo("NOT_XLSX");
        assertThat(e.getMessage()).contains("not an Excel workbook");
    }

    @Test
    void chartSheetsAreSkippedForTheDefaultSheet() throws IOException {
        byte[] base = new XlsxFixture().sheet("Data", row(1, inline("A1", "a")) + row(2, inline("A2", "1"))).build();
        byte[] withChart = replacePart(base, "xl/workbook.xml", """
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                <sheets><sheet name="Chart" sheetId="9" r:id="rIdC"/><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        withChart = replacePart(withChart, "xl/_rels/workbook.xml.rels", """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/>
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                </Relationships>""");
        withChart = replacePart(withChart, "xl/chartsheets/sheet1.xml", "<chartsheet/>");
        assertThat(read(withChart)).containsExactly(new SourceRow(2, Map.of("a", "1")));
        assertThat(Readers.failure(withChart, FileFormat.XLSX, ReadOptions.defaults().withSheet("Chart")).code())
                .isEqualTo("SHEET_NOT_FOUND");
    }

    @Test
    void sharedStringsAreBounded() throws FileFormatException {
        SharedStrings strings = new SharedStrings(10);
        strings.add("12345");
        strings.add("é");
        assertThat(strings.get(1)).isEqualTo("é");
        assertThat(strings.get(2)).isNull();
        try {
            strings.add("1234");
            throw new AssertionError("expected XLSX_TOO_LARGE");
        } catch (FileFormatException e) {
            assertThat(e.code()).isEqualTo("XLSX_TOO_LARGE");
        }
    }

    @Test
    void invalidUtf8InAPartIsNotXlsx() throws IOException {
        byte[] base = new XlsxFixture().sheet("S", row(1, inline("A1", "a"))).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            copyAllBut(base, zip, "xl/worksheets/sheet1.xml");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Zo".getBytes(StandardCharsets.UTF_8));
            zip.write(new byte[] {(byte) 0xEB, 'x'});
            zip.write("</t></is></c></row></sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        FileFormatException e = failure(bytes.toByteArray());
        assertThat(e.code()).isEqualTo("NOT_XLSX");
        assertThat(e.getMessage()).contains("sheet1.xml is not valid UTF-8");
    }

    @Test
    void utf16Parts() throws IOException {
        String sheet = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<sheetData>" + row(1, inline("A1", "Città")) + row(2, inline("A2", "東京")) + "</sheetData></worksheet>";
        byte[] xlsx = new XlsxFixture().sheet("S", "").build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            copyAllBut(xlsx, zip, "xl/worksheets/sheet1.xml");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(sheet.getBytes(StandardCharsets.UTF_16)); // big-endian with a BOM
            zip.closeEntry();
        }
        assertThat(read(bytes.toByteArray())).containsExactly(new SourceRow(2, Map.of("Città", "東京")));
    }

    @Test
    void resolvesRelationshipTargets() {
        assertThat(XlsxRowReader.resolve("xl/", "worksheets/sheet1.xml")).isEqualTo("xl/worksheets/sheet1.xml");
        assertThat(XlsxRowReader.resolve("xl/", "/xl/sharedStrings.xml")).isEqualTo("xl/sharedStrings.xml");
        assertThat(XlsxRowReader.resolve("xl/", "../customXml/item1.xml")).isEqualTo("customXml/item1.xml");
        assertThat(XlsxRowReader.columnLetters(0)).isEqualTo("A");
        assertThat(XlsxRowReader.columnLetters(27)).isEqualTo("AB");
        assertThat(XlsxRowReader.columnLetters(16_383)).isEqualTo("XFD");
    }

    private static long countSpooled(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("pyairtable-import-")).count();
        }
    }

    static byte[] zip(Map<String, String> parts) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (Map.Entry<String, String> part : parts.entrySet()) {
                    XlsxFixture.put(zip, part.getKey(), part.getValue());
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] replacePart(byte[] xlsx, String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            copyAllBut(xlsx, zip, name);
            XlsxFixture.put(zip, name, content);
        }
        return bytes.toByteArray();
    }

    static void copyAllBut(byte[] xlsx, ZipOutputStream out, String skipped) throws IOException {
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(xlsx))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.getName().equals(skipped)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
        }
    }

    static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
