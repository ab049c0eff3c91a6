package io.pyairtable.functions.imports.parse;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 4180 reader: fields separated by one delimiter character, optionally enclosed in double quotes (a quote inside
 * is doubled; quoted fields may hold delimiters and line breaks), records ended by CRLF, LF or CR. Memory is bounded
 * by the decoding buffer and by {@code maxColumns × maxCellChars} for the record being read, whatever the file size.
 */
final class CsvRowReader implements RowReader {
    static final char[] CANDIDATE_DELIMITERS = {',', ';', '\t', '|'};
    /** Characters of the header line looked at to detect the delimiter. */
    private static final int DETECTION_WINDOW = 1 << 20;

    private final TextInput input;
    private final ReadOptions options;
    private final char delimiter;
    private final List<String> columns;
    /** Column name per field position; null for a position whose header cell is empty. */
    private final String[] names;
    private final long headerLine;
    private final StringBuilder field = new StringBuilder();
    private final List<String> fields = new ArrayList<>();
    private long line = 1;
    private long recordLine;
    private long rows;
    private boolean ended;

    CsvRowReader(InputStream in, ReadOptions options) throws IOException {
        this.input = new TextInput(in);
        this.options = options;
        this.delimiter = options.delimiter() != null ? options.delimiter() : detectDelimiter();
        List<String> header = null;
        while (header == null) {
            if (!readRecord(options.maxColumns(), true)) {
                throw new FileFormatException(FileFormatException.NO_HEADER, 0,
                        "the file is empty: the first line must name the columns");
            }
            if (!allEmpty(fields)) {
                header = fields;
            }
        }
        this.headerLine = recordLine;
        int named = header.size();
        while (named > 0 && header.get(named - 1).trim().isEmpty()) {
            named--;
        }
        names = new String[header.size()];
        List<String> list = new ArrayList<>(named);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < named; i++) {
            String name = header.get(i).trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!seen.add(name)) {
                throw new FileFormatException(FileFormatException.DUPLICATE_COLUMN, headerLine,
                        "the column \"" + Texts.excerpt(name) + "\" appears twice in the header (line " + headerLine + ")");
            }
            names[i] = name;
            list.add(name);
        }
        columns = Collections.unmodifiableList(list);
    }

    /** The delimiter the reader uses (given or detected). */
    char delimiter() {
        return delimiter;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public SourceRow next() throws IOException {
        while (!ended) {
            if (!readRecord(names.length, false)) {
                ended = true;
                return null;
            }
            if (allEmpty(fields)) {
                continue;
            }
            if (++rows > options.maxRows()) {
                throw new FileFormatException(FileFormatException.TOO_MANY_ROWS, recordLine,
                        "the file has more than " + options.maxRows() + " data rows (limit reached on line "
                                + recordLine + ")");
            }
            Map<String, Object> values = new LinkedHashMap<>(names.length * 4 / 3 + 1);
            for (int i = 0; i < fields.size(); i++) {
                String value = fields.get(i);
                if (value.isEmpty()) {
                    continue;
                }
                String name = names[i];
                if (name == null) {
                    throw new FileFormatException(FileFormatException.EMPTY_COLUMN_NAME, recordLine,
                            "line " + recordLine + " has a value in column " + (i + 1)
                                    + ", whose header cell is empty: name the column or delete the value");
                }
                values.put(name, value);
            }
            return new SourceRow(recordLine, values);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        ended = true;
        input.close();
    }

    private static boolean allEmpty(List<String> fields) {
        for (String value : fields) {
            if (!value.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Looks ahead at the first non-blank line (up to {@link #DETECTION_WINDOW} characters) without consuming it and
     * picks the candidate delimiter occurring most often outside quotes (ties: the order of
     * {@link #CANDIDATE_DELIMITERS}); a comma when none occurs.
     */
    private char detectDelimiter() throws IOException {
        int[] counts = new int[CANDIDATE_DELIMITERS.length];
        boolean quoted = false;
        boolean content = false;
        int i = input.pos;
        scan:
        while (i - input.pos < DETECTION_WINDOW) {
            if (i == input.limit && !input.appendMore()) {
                break;
            }
            char c = input.buf[i++];
            if (c == '"') {
                quoted = !quoted;
                content = true;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (content) {
                    break scan;
                }
            } else {
                content = true;
                if (!quoted) {
                    for (int k = 0; k < CANDIDATE_DELIMITERS.length; k++) {
                        if (c == CANDIDATE_DELIMITERS[k]) {
                            counts[k]++;
                        }
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CANDIDATE_DELIMITERS[best];
    }

    /** The next character, or -1 at the end of the input. */
    private int read() throws IOException {
        if (input.pos == input.limit && !input.refill(line)) {
            return -1;
        }
        return input.buf[input.pos++];
    }

    /**
     * Reads one record into {@link #fields}. Fields after the first {@code stored} are checked to be empty and not
     * kept. Returns false at the end of the input.
     *
     * @param header whether this is (a candidate for) the header line, for the error raised by extra fields
     */
    private boolean readRecord(int stored, boolean header) throws IOException {
        fields.clear();
        int c = read();
        if (c < 0) {
            return false;
        }
        recordLine = line;
        int count = 0;
        while (true) {
            field.setLength(0);
            if (c == '"') {
                long quoteLine = line;
                while (true) {
                    if (input.pos == input.limit && !input.refill(line)) {
                        throw new FileFormatException(FileFormatException.MALFORMED_CSV, recordLine,
                                "unterminated quoted field: the quote opened on line " + quoteLine
                                        + " is never closed (record starting on line " + recordLine + ")");
                    }
                    char[] buf = input.buf;
                    int start = input.pos;
                    int end = input.limit;
                    int i = start;
                    while (i < end && buf[i] != '"' && buf[i] != '\r' && buf[i] != '\n') {
                        i++;
                    }
                    field.append(buf, start, i - start);
                    input.pos = i;
                    checkLength(count, header);
                    if (i == end) {
                        continue;
                    }
                    char special = buf[i];
                    input.pos = i + 1;
                    if (special == '"') {
                        int after = read();
                        if (after == '"') {
                            field.append('"');
                            continue;
                        }
                        c = after;
                        break;
                    }
                    field.append(special);
                    line++;
                    if (special == '\r') {
                        if (input.pos == input.limit && !input.refill(line)) {
                            continue;
                        }
                        if (input.buf[input.pos] == '\n') {
                            input.pos++;
                            field.append('\n');
                        }
                    }
                    checkLength(count, header);
                }
                if (c != delimiter && c != '\r' && c != '\n' && c >= 0) {
                    throw new FileFormatException(FileFormatException.MALFORMED_CSV, recordLine,
                            "line " + line + ": unexpected character '" + (char) c + "' after the closing quote of a"
                                    + " field; a quote inside a quoted field must be doubled (\"\")");
                }
            } else {
                while (c >= 0 && c != delimiter && c != '\r' && c != '\n') {
                    if (c == '"') {
                        throw new FileFormatException(FileFormatException.MALFORMED_CSV, recordLine,
                                "line " + line + ": a quote (\") inside a field that does not start with a quote;"
                                        + " enclose the field in quotes and double the quote (\"\")");
                    }
                    // copy the run of ordinary characters straight from the buffer
                    char[] buf = input.buf;
                    int start = input.pos - 1;
                    int end = input.limit;
                    int i = input.pos;
                    while (i < end) {
                        char ch = buf[i];
                        if (ch == delimiter || ch == '"' || ch == '\r' || ch == '\n') {
                            break;
                        }
                        i++;
                    }
                    field.append(buf, start, i - start);
                    input.pos = i;
                    checkLength(count, header);
                    c = read();
                }
            }
            if (count < stored) {
                fields.add(field.length() == 0 ? "" : field.toString());
            } else if (field.length() > 0) {
                if (header) {
                    throw new FileFormatException(FileFormatException.TOO_MANY_COLUMNS, recordLine,
                            "the header (line " + recordLine + ") has more than " + options.maxColumns() + " columns");
                }
                throw new FileFormatException(FileFormatException.MALFORMED_CSV, recordLine,
                        "line " + recordLine + " has more fields than the header (" + stored + "); a value containing"
                                + " the delimiter '" + printable(delimiter) + "' must be enclosed in quotes");
            }
            count++;
            if (c == delimiter) {
                c = read();
                continue;
            }
            // end of record
            if (c == '\r') {
                line++;
                if ((input.pos < input.limit || input.refill(line)) && input.buf[input.pos] == '\n') {
                    input.pos++;
                }
            } else if (c == '\n') {
                line++;
            }
            return true;
        }
    }

    private void checkLength(int position, boolean header) throws FileFormatException {
        if (field.length() > options.maxCellChars()) {
            String where = header || position >= names.length || names[position] == null
                    ? "column " + (position + 1) : "column \"" + Texts.excerpt(names[position]) + "\"";
            throw new FileFormatException(FileFormatException.CELL_TOO_LONG, recordLine,
                    "line " + recordLine + ", " + where + ": a value is longer than " + options.maxCellChars()
                            + " characters (an unclosed quote makes the rest of the file one value)");
        }
    }

    static String printable(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }
}
