package io.pyairtable.functions.imports.parse;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one worksheet of an XLSX workbook: {@code [Content_Types].xml} names the workbook part, its relationships
 * name the sheets, the shared strings and the styles; the sheet's XML is streamed with StAX (one row in memory),
 * the shared strings are held in memory (bounded, see {@link SharedStrings}).
 *
 * <p>Cell values: shared and inline strings as written; numbers as plain decimals with Excel's 15 significant
 * digits ({@code 0.1+0.2} → {@code "0.3"}); numbers whose cell style has a date or time format as
 * {@code yyyy-MM-dd}, {@code yyyy-MM-ddTHH:mm:ss} or {@code HH:mm:ss}; booleans {@code "TRUE"}/{@code "FALSE"};
 * formula cells by their cached result; error cells ({@code #N/A}, {@code #DIV/0!}…) as a {@link CellError}.
 */
final class XlsxRowReader implements RowReader {
    private static final String REL_NS_PART = "relationships";
    private static final int MAX_EXCEL_COLUMNS = 16_384;

    private final XlsxPackage pkg;
    private final ReadOptions options;
    private final String sheetPart;
    private final SharedStrings strings;
    private final boolean[] dateStyles;
    private final boolean date1904;
    private final XMLStreamReader sheet;
    private final List<String> columns;
    private final String[] names;
    private final Map<Integer, Object> cells = new LinkedHashMap<>();
    private long rowNumber;
    private long rows;
    private boolean ended;

    XlsxRowReader(InputStream in, ReadOptions options) throws IOException {
        this.options = options;
        this.pkg = XlsxPackage.spool(in, options.maxUncompressedBytes());
        XMLStreamReader opened = null;
        try {
            if (!pkg.has("[Content_Types].xml")) {
                throw new FileFormatException(FileFormatException.NOT_XLSX, 0,
                        "the file is a zip archive but not an XLSX workbook (no [Content_Types].xml)");
            }
            String workbook = workbookPart();
            Map<String, Relationship> rels = relationships(workbook);
            Workbook book = workbook(workbook);
            this.date1904 = book.date1904;
            this.sheetPart = chooseSheet(book, rels);
            String stylesPart = target(rels, "/styles");
            this.dateStyles = stylesPart != null && pkg.has(stylesPart) ? dateStyles(stylesPart) : new boolean[0];
            String stringsPart = target(rels, "/sharedStrings");
            this.strings = new SharedStrings(options.maxUncompressedBytes());
            if (stringsPart != null && pkg.has(stringsPart)) {
                readSharedStrings(stringsPart);
            }
            opened = pkg.xml(sheetPart);
            this.sheet = opened;
            Map<Integer, Object> header = null;
            while (header == null) {
                if (!readRow()) {
                    throw new FileFormatException(FileFormatException.NO_HEADER, 0,
                            "the sheet is empty: its first row must name the columns");
                }
                if (!cells.isEmpty()) {
                    header = cells;
                }
            }
            int width = 0;
            for (int column : header.keySet()) {
                width = Math.max(width, column + 1);
            }
            names = new String[width];
            List<String> list = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Map.Entry<Integer, Object> cell : header.entrySet()) {
                String name = cell.getValue().toString().trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!seen.add(name)) {
                    throw new FileFormatException(FileFormatException.DUPLICATE_COLUMN, rowNumber,
                            "the column " + Texts.quote(name) + " appears twice in the header (row " + rowNumber + ")");
                }
                if (list.size() == options.maxColumns()) {
                    throw new FileFormatException(FileFormatException.TOO_MANY_COLUMNS, rowNumber,
                            "the header (row " + rowNumber + ") has more than " + options.maxColumns() + " columns");
                }
                names[cell.getKey()] = name;
                list.add(name);
            }
            List<Integer> order = new ArrayList<>(header.keySet());
            Collections.sort(order);
            List<String> ordered = new ArrayList<>(list.size());
            for (int column : order) {
                if (names[column] != null) {
                    ordered.add(names[column]);
                }
            }
            columns = Collections.unmodifiableList(ordered);
        } catch (IOException | RuntimeException e) {
            XlsxPackage.close(opened);
            pkg.close();
            if (e instanceof RuntimeException) {
                throw new FileFormatException(FileFormatException.NOT_XLSX, 0,
                        "the file is not a valid XLSX workbook (" + e.getClass().getSimpleName() + ")", e);
            }
            throw e;
        }
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public SourceRow next() throws IOException {
        try {
            while (!ended) {
                if (!readRow()) {
                    ended = true;
                    return null;
                }
                if (cells.isEmpty()) {
                    continue;
                }
                if (++rows > options.maxRows()) {
                    throw new FileFormatException(FileFormatException.TOO_MANY_ROWS, rowNumber,
                            "the sheet has more than " + options.maxRows() + " data rows (limit reached on row "
                                    + rowNumber + ")");
                }
                Map<String, Object> values = new LinkedHashMap<>(cells.size() * 4 / 3 + 1);
                for (Map.Entry<Integer, Object> cell : cells.entrySet()) {
                    int column = cell.getKey();
                    String name = column < names.length ? names[column] : null;
                    if (name == null) {
                        throw new FileFormatException(FileFormatException.EMPTY_COLUMN_NAME, rowNumber,
                                "cell " + columnLetters(column) + rowNumber + " has a value but its column has no"
                                        + " name in the header: name the column or delete the value");
                    }
                    values.put(name, cell.getValue());
                }
                return new SourceRow(rowNumber, values);
            }
            return null;
        } catch (RuntimeException e) {
            throw new FileFormatException(FileFormatException.NOT_XLSX, rowNumber,
                    "the file is not a valid XLSX workbook (" + e.getClass().getSimpleName() + " in " + sheetPart + ")",
                    e);
        }
    }

    @Override
    public void close() throws IOException {
        ended = true;
        XlsxPackage.close(sheet);
        pkg.close();
    }

    // ---- the sheet ----

    /** Reads the next {@code <row>} into {@link #cells} (non-empty values only); false at the end of the sheet. */
    private boolean readRow() throws IOException {
        try {
            cells.clear();
            while (sheet.hasNext()) {
                int event = sheet.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = sheet.getLocalName();
                    if (name.equals("row")) {
                        rowNumber = parseRowNumber(sheet.getAttributeValue(null, "r"));
                        int column = 0;
                        while (true) {
                            int inner = sheet.nextTag();
                            if (inner == XMLStreamConstants.END_ELEMENT) {
                                return true;
                            }
                            if (sheet.getLocalName().equals("c")) {
                                column = readCell(column) + 1;
                            } else {
                                skipElement();
                            }
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && sheet.getLocalName().equals("sheetData")) {
                    return false;
                }
            }
            return false;
        } catch (XMLStreamException e) {
            throw pkg.failure(e, sheetPart);
        }
    }

    private long parseRowNumber(String r) throws FileFormatException {
        if (r == null) {
            return rowNumber + 1;
        }
        try {
            long number = Long.parseLong(r.trim());
            if (number < 1 || number > 10_000_000) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new FileFormatException(FileFormatException.NOT_XLSX, rowNumber,
                    "the file is not a valid XLSX workbook: a row of " + sheetPart + " has the number " + Texts.quote(r));
        }
    }

    /** Reads a {@code <c>} (positioned on its start tag) into {@link #cells}; returns its column index. */
    private int readCell(int defaultColumn) throws XMLStreamException, FileFormatException {
        String reference = sheet.getAttributeValue(null, "r");
        int column = reference == null ? defaultColumn : parseColumn(reference);
        String type = sheet.getAttributeValue(null, "t");
        String style = sheet.getAttributeValue(null, "s");
        String stored = null;
        String inline = null;
        while (true) {
            int event = sheet.nextTag();
            if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            switch (sheet.getLocalName()) {
                case "v" -> stored = text(column);
                case "is" -> inline = inlineText(column);
                default -> skipElement();
            }
        }
        Object value = value(type, style, stored, inline, column);
        if (value != null && !(value instanceof String text && text.isEmpty())) {
            cells.put(column, value);
        }
        return column;
    }

    private Object value(String type, String style, String stored, String inline, int column)
            throws FileFormatException {
        if (type == null || type.equals("n")) {
            if (stored == null || stored.isBlank()) {
                return null;
            }
            if (isDateStyle(style)) {
                String date = ExcelValues.date(stored, date1904);
                if (date != null) {
                    return date;
                }
            }
            return ExcelValues.number(stored);
        }
        return switch (type) {
            case "s" -> {
                if (stored == null || stored.isBlank()) {
                    yield null;
                }
                String text;
                try {
                    text = strings.get(Integer.parseInt(stored.trim()));
                } catch (NumberFormatException e) {
                    text = null;
                }
                if (text == null) {
                    throw new FileFormatException(FileFormatException.NOT_XLSX, rowNumber,
                            "the file is not a valid XLSX workbook: cell " + columnLetters(column) + rowNumber
                                    + " refers to shared string " + Texts.quote(stored) + ", which does not exist");
                }
                checkLength(text.length(), column);
                yield text;
            }
            case "inlineStr" -> inline != null ? inline : stored;
            case "str" -> stored;
            case "b" -> stored == null ? null : stored.trim().equals("1") || stored.trim().equalsIgnoreCase("true")
                    ? "TRUE" : "FALSE";
            case "e" -> stored == null || stored.isBlank() ? null : new CellError(stored.trim());
            case "d" -> stored == null ? null : isoDate(stored.trim());
            default -> stored;
        };
    }

    /** A {@code t="d"} cell holds ISO 8601 text; midnight is shown as the date alone. */
    private static String isoDate(String text) {
        if (text.endsWith("T00:00:00") || text.endsWith("T00:00:00Z")) {
            return text.substring(0, text.indexOf('T'));
        }
        return text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
    }

    private boolean isDateStyle(String style) {
        if (style == null) {
            return false;
        }
        try {
            int index = Integer.parseInt(style.trim());
            return index >= 0 && index < dateStyles.length && dateStyles[index];
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The text content of the current element (its start tag read), bounded by {@code maxCellChars}. */
    private String text(int column) throws XMLStreamException, FileFormatException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = sheet.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    text.append(sheet.getTextCharacters(), sheet.getTextStart(), sheet.getTextLength());
                    checkLength(text.length(), column);
                }
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("unexpected end of document");
                default -> {
                    // comments, processing instructions, entity references: not text
                }
            }
        }
        return text.toString();
    }

    /** The text of an {@code <is>} element: its {@code <t>} elements, phonetic runs ({@code <rPh>}) left out. */
    private String inlineText(int column) throws XMLStreamException, FileFormatException {
        StringBuilder text = new StringBuilder();
        collectRichText(sheet, text, column);
        return text.toString();
    }

    private void collectRichText(XMLStreamReader reader, StringBuilder text, int column)
            throws XMLStreamException, FileFormatException {
        int depth = 1;
        int phonetic = 0;
        boolean inT = false;
        while (depth > 0) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    String name = reader.getLocalName();
                    if (name.equals("rPh")) {
                        phonetic = depth;
                    } else if (name.equals("t")) {
                        inT = phonetic == 0;
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (depth == phonetic) {
                        phonetic = 0;
                    }
                    if (reader.getLocalName().equals("t")) {
                        inT = false;
                    }
                    depth--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (inT) {
                        text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                        if (column >= 0) {
                            checkLength(text.length(), column);
                        }
                    }
                }
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("unexpected end of document");
                default -> {
                    // not text
                }
            }
        }
    }

    private void skipElement() throws XMLStreamException {
        skipElement(sheet);
    }

    private static void skipElement(XMLStreamReader reader) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new XMLStreamException("unexpected end of document");
            }
        }
    }

    private void checkLength(int length, int column) throws FileFormatException {
        if (length > options.maxCellChars()) {
            throw new FileFormatException(FileFormatException.CELL_TOO_LONG, rowNumber,
                    "cell " + columnLetters(column) + rowNumber + " is longer than " + options.maxCellChars()
                            + " characters");
        }
    }

    /** The 0-based column of a cell reference such as {@code "AB12"}. */
    private int parseColumn(String reference) throws FileFormatException {
        int column = 0;
        int i = 0;
        while (i < reference.length()) {
            char c = Character.toUpperCase(reference.charAt(i));
            if (c < 'A' || c > 'Z') {
                break;
            }
            column = column * 26 + (c - 'A' + 1);
            if (column > MAX_EXCEL_COLUMNS) {
                break;
            }
            i++;
        }
        if (i == 0 || column > MAX_EXCEL_COLUMNS) {
            throw new FileFormatException(FileFormatException.NOT_XLSX, rowNumber,
                    "the file is not a valid XLSX workbook: a cell of " + sheetPart + " has the reference "
                            + Texts.quote(reference));
        }
        return column - 1;
    }

    static String columnLetters(int column) {
        StringBuilder letters = new StringBuilder();
        for (int n = column + 1; n > 0; n = (n - 1) / 26) {
            letters.append((char) ('A' + (n - 1) % 26));
        }
        return letters.reverse().toString();
    }

    // ---- the workbook ----

    private record Relationship(String type, String target) {}

    private record SheetEntry(String name, String relationshipId) {}

    private record Workbook(List<SheetEntry> sheets, boolean date1904) {}

    /** The workbook part named by [Content_Types].xml, else by the package relationships, else xl/workbook.xml. */
    private String workbookPart() throws IOException {
        String found = null;
        XMLStreamReader reader = pkg.xml("[Content_Types].xml");
        try {
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("Override")) {
                    String type = reader.getAttributeValue(null, "ContentType");
                    String part = reader.getAttributeValue(null, "PartName");
                    if (type != null && part != null && type.endsWith(".main+xml")) {
                        if (type.contains("spreadsheetml") || type.contains("ms-excel.sheet")
                                || type.contains("ms-excel.template")) {
                            found = stripSlash(part);
                        } else if (found == null) {
                            throw new FileFormatException(FileFormatException.NOT_XLSX, 0,
                                    "the file is an Office document but not an Excel workbook");
                        }
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw pkg.failure(e, "[Content_Types].xml");
        } finally {
            XlsxPackage.close(reader);
        }
        if (found == null && pkg.has("_rels/.rels")) {
            for (Relationship rel : readRelationships("_rels/.rels", "").values()) {
                if (rel.type().endsWith("/officeDocument")) {
                    found = rel.target();
                }
            }
        }
        if (found == null) {
            found = "xl/workbook.xml";
        }
        if (!pkg.has(found)) {
            throw new FileFormatException(FileFormatException.NOT_XLSX, 0,
                    "the file is not an XLSX workbook: its workbook part " + found + " is missing");
        }
        return found;
    }

    private Map<String, Relationship> relationships(String workbook) throws IOException {
        String rels = directory(workbook) + "_rels/" + workbook.substring(workbook.lastIndexOf('/') + 1) + ".rels";
        if (!pkg.has(rels)) {
            throw new FileFormatException(FileFormatException.NOT_XLSX, 0,
                    "the file is not an XLSX workbook: " + rels + " is missing");
        }
        return readRelationships(rels, directory(workbook));
    }

    private Map<String, Relationship> readRelationships(String part, String baseDirectory) throws IOException {
        Map<String, Relationship> result = new LinkedHashMap<>();
        XMLStreamReader reader = pkg.xml(part);
        try {
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT
                        && reader.getLocalName().equals("Relationship")) {
                    String id = reader.getAttributeValue(null, "Id");
                    String type = reader.getAttributeValue(null, "Type");
                    String target = reader.getAttributeValue(null, "Target");
                    String mode = reader.getAttributeValue(null, "TargetMode");
                    if (id != null && type != null && target != null && !"External".equalsIgnoreCase(mode)) {
                        result.putIfAbsent(id, new Relationship(type, resolve(baseDirectory, target)));
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw pkg.failure(e, part);
        } finally {
            XlsxPackage.close(reader);
        }
        return result;
    }

    private Workbook workbook(String part) throws IOException {
        List<SheetEntry> sheets = new ArrayList<>();
        boolean uses1904 = false;
        XMLStreamReader reader = pkg.xml(part);
        try {
            while (reader.hasNext()) {
                if (reader.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (reader.getLocalName()) {
                    case "workbookPr" -> {
                        String value = reader.getAttributeValue(null, "date1904");
                        uses1904 = "1".equals(value) || "true".equalsIgnoreCase(value);
                    }
                    case "sheet" -> {
                        String name = reader.getAttributeValue(null, "name");
                        String id = null;
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            String namespace = reader.getAttributeNamespace(i);
                            if (reader.getAttributeLocalName(i).equals("id") && namespace != null
                                    && namespace.contains(REL_NS_PART)) {
                                id = reader.getAttributeValue(i);
                            }
                        }
                        if (name != null && id != null) {
                            sheets.add(new SheetEntry(name, id));
                        }
                    }
                    default -> {
                        // other workbook settings
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw pkg.failure(e, part);
        } finally {
            XlsxPackage.close(reader);
        }
        return new Workbook(sheets, uses1904);
    }

    /** The part of the requested sheet (exact name, else the only case-insensitive match), or of the first worksheet. */
    private String chooseSheet(Workbook book, Map<String, Relationship> rels) throws FileFormatException {
        List<String> worksheetNames = new ArrayList<>();
        Map<String, String> parts = new LinkedHashMap<>();
        for (SheetEntry entry : book.sheets()) {
            Relationship rel = rels.get(entry.relationshipId());
            if (rel != null && rel.type().endsWith("/worksheet") && pkg.has(rel.target())) {
                worksheetNames.add(entry.name());
                parts.putIfAbsent(entry.name(), rel.target());
            }
        }
        if (parts.isEmpty()) {
            throw new FileFormatException(FileFormatException.SHEET_NOT_FOUND, 0, "the workbook has no worksheet");
        }
        String wanted = options.sheet();
        if (wanted == null) {
            return parts.values().iterator().next();
        }
        if (parts.containsKey(wanted)) {
            return parts.get(wanted);
        }
        List<String> folded = worksheetNames.stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).equals(wanted.trim().toLowerCase(Locale.ROOT))).toList();
        if (folded.size() == 1) {
            return parts.get(folded.get(0));
        }
        throw new FileFormatException(FileFormatException.SHEET_NOT_FOUND, 0,
                "the workbook has no sheet named " + Texts.quote(wanted) + "; its sheets: "
                        + String.join(", ", worksheetNames.stream().map(Texts::quote).toList()));
    }

    private static String target(Map<String, Relationship> rels, String typeSuffix) {
        for (Relationship rel : rels.values()) {
            if (rel.type().endsWith(typeSuffix)) {
                return rel.target();
            }
        }
        return null;
    }

    /** Which cell formats ({@code cellXfs}, by index) show dates or times. */
    private boolean[] dateStyles(String part) throws IOException {
        Map<Integer, String> customFormats = new HashMap<>();
        List<Integer> formatIds = new ArrayList<>();
        XMLStreamReader reader = pkg.xml(part);
        try {
            boolean inCellXfs = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "numFmt" -> {
                            Integer id = parseInt(reader.getAttributeValue(null, "numFmtId"));
                            if (id != null) {
                                customFormats.put(id, reader.getAttributeValue(null, "formatCode"));
                            }
                        }
                        case "cellXfs" -> inCellXfs = true;
                        case "xf" -> {
                            if (inCellXfs) {
                                if (formatIds.size() >= 1_000_000) {
                                    throw new FileFormatException(FileFormatException.XLSX_TOO_LARGE, 0,
                                            "the workbook has more than 1,000,000 cell formats");
                                }
                                Integer id = parseInt(reader.getAttributeValue(null, "numFmtId"));
                                formatIds.add(id == null ? 0 : id);
                            }
                        }
                        default -> {
                            // fonts, fills, borders…
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("cellXfs")) {
                    inCellXfs = false;
                }
            }
        } catch (XMLStreamException e) {
            throw pkg.failure(e, part);
        } finally {
            XlsxPackage.close(reader);
        }
        boolean[] result = new boolean[formatIds.size()];
        for (int i = 0; i < result.length; i++) {
            int id = formatIds.get(i);
            String custom = customFormats.get(id);
            result[i] = custom != null ? ExcelValues.isDateFormat(custom) : ExcelValues.isBuiltInDateFormat(id);
        }
        return result;
    }

    private void readSharedStrings(String part) throws IOException {
        XMLStreamReader reader = pkg.xml(part);
        try {
            StringBuilder text = new StringBuilder();
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals("si")) {
                    text.setLength(0);
                    collectRichText(reader, text, -1);
                    strings.add(text.toString());
                }
            }
        } catch (XMLStreamException e) {
            throw pkg.failure(e, part);
        } finally {
            XlsxPackage.close(reader);
        }
    }

    private static Integer parseInt(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String stripSlash(String part) {
        return part.startsWith("/") ? part.substring(1) : part;
    }

    private static String directory(String part) {
        int slash = part.lastIndexOf('/');
        return slash < 0 ? "" : part.substring(0, slash + 1);
    }

    /** A relationship target resolved against the source part's directory, with {@code .} and {@code ..} removed. */
    static String resolve(String baseDirectory, String target) {
        String path = target.startsWith("/") ? target.substring(1) : baseDirectory + target;
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
            } else {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }
}
