package io.pyairtable.functions.imports.parse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small XLSX workbooks in tests with java.util.zip, part by part, as Excel writes them. */
final class XlsxFixture {
    private final Map<String, String> sheets = new LinkedHashMap<>();
    private final List<String> sharedStrings = new ArrayList<>();
    private String stylesXml = defaultStyles();
    private String sharedStringsXml;
    private boolean date1904;
    private final Map<String, byte[]> extraParts = new LinkedHashMap<>();
    private boolean sharedStringsFirst;
    private boolean withContentTypes = true;

    /** Adds a sheet whose {@code <sheetData>} content is given as XML rows. */
    XlsxFixture sheet(String name, String sheetDataXml) {
        sheets.put(name, sheetDataXml);
        return this;
    }

    /** Adds a shared string; returns its index. */
    int shared(String text) {
        sharedStrings.add(text);
        return sharedStrings.size() - 1;
    }

    XlsxFixture sharedStringsXml(String xml) {
        this.sharedStringsXml = xml;
        return this;
    }

    XlsxFixture styles(String xml) {
        this.stylesXml = xml;
        return this;
    }

    XlsxFixture date1904() {
        this.date1904 = true;
        return this;
    }

    XlsxFixture part(String name, byte[] content) {
        extraParts.put(name, content);
        return this;
    }

    /** Writes sharedStrings.xml before the sheets in the zip (default: after, as the hard case for streaming). */
    XlsxFixture sharedStringsFirst() {
        this.sharedStringsFirst = true;
        return this;
    }

    XlsxFixture withoutContentTypes() {
        this.withContentTypes = false;
        return this;
    }

    /** Style index 1 = built-in date format 14, 2 = custom "yyyy-mm-dd hh:mm", 3 = a number format "0.00". */
    static String defaultStyles() {
        return """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
                <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/><numFmt numFmtId="165" formatCode="0.00&quot; kg&quot;"/></numFmts>
                <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
                <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="2"/><xf numFmtId="165"/></cellXfs>
                </styleSheet>""";
    }

    byte[] build() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                if (withContentTypes) {
                    StringBuilder types = new StringBuilder("""
                            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                            <Default Extension="xml" ContentType="application/xml"/>
                            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                            """);
                    for (int i = 1; i <= sheets.size(); i++) {
                        types.append("<Override PartName=\"/xl/worksheets/sheet").append(i)
                                .append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\n");
                    }
                    types.append("</Types>");
                    put(zip, "[Content_Types].xml", types.toString());
                }
                put(zip, "_rels/.rels", """
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                        </Relationships>""");
                StringBuilder workbook = new StringBuilder("""
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                        """);
                workbook.append(date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>").append("<sheets>");
                StringBuilder rels = new StringBuilder("""
                        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                        """);
                int i = 1;
                for (String name : sheets.keySet()) {
                    workbook.append("<sheet name=\"").append(escape(name)).append("\" sheetId=\"").append(i)
                            .append("\" r:id=\"rId").append(i).append("\"/>");
                    rels.append("<Relationship Id=\"rId").append(i)
                            .append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet")
                            .append(i).append(".xml\"/>");
                    i++;
                }
                workbook.append("</sheets></workbook>");
                rels.append("<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
                rels.append("<Relationship Id=\"rIdT\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>");
                rels.append("</Relationships>");
                put(zip, "xl/workbook.xml", workbook.toString());
                put(zip, "xl/_rels/workbook.xml.rels", rels.toString());
                if (sharedStringsFirst) {
                    putSharedStrings(zip);
                }
                i = 1;
                for (String data : sheets.values()) {
                    put(zip, "xl/worksheets/sheet" + i++ + ".xml", """
                            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>"""
                            + data + "</sheetData></worksheet>");
                }
                put(zip, "xl/styles.xml", stylesXml);
                if (!sharedStringsFirst) {
                    putSharedStrings(zip);
                }
                for (Map.Entry<String, byte[]> part : extraParts.entrySet()) {
                    zip.putNextEntry(new ZipEntry(part.getKey()));
                    zip.write(part.getValue());
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void putSharedStrings(ZipOutputStream zip) throws IOException {
        if (sharedStringsXml != null) {
            put(zip, "xl/sharedStrings.xml", sharedStringsXml);
            return;
        }
        StringBuilder sst = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        for (String text : sharedStrings) {
            sst.append("<si><t xml:space=\"preserve\">").append(escape(text)).append("</t></si>");
        }
        sst.append("</sst>");
        put(zip, "xl/sharedStrings.xml", sst.toString());
    }

    static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** An inline-string cell. */
    static String inline(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + escape(text) + "</t></is></c>";
    }

    /** A shared-string cell. */
    static String sharedCell(String ref, int index) {
        return "<c r=\"" + ref + "\" t=\"s\"><v>" + index + "</v></c>";
    }

    /** A number cell, optionally styled. */
    static String number(String ref, String value, Integer style) {
        return "<c r=\"" + ref + "\"" + (style == null ? "" : " s=\"" + style + "\"") + "><v>" + value + "</v></c>";
    }

    static String row(int number, String... cells) {
        return "<row r=\"" + number + "\">" + String.join("", cells) + "</row>";
    }
}
