package io.pyairtable.functions.imports.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads either a top-level JSON array of objects or a sequence of objects separated by whitespace (JSON Lines; blank
 * lines are whitespace), with Jackson's streaming parser: one record in memory at a time. Each value of a record is
 * limited to {@code maxCellChars} (strings by length; nested arrays and objects by the length of their strings plus
 * one per element), its keys to {@code maxColumns}.
 */
final class JsonRowReader implements RowReader {
    private static final int MAX_DEPTH = 64;

    private final JsonParser parser;
    private final ReadOptions options;
    private final boolean array;
    private final List<String> columns;
    private SourceRow first;
    private long index;
    private boolean ended;
    /** Characters left for the value being read (nested values count their strings and elements). */
    private long budget;
    private String currentKey;
    /** Whether a record has been started and not finished (for the row of an error). */
    private boolean inRecord;

    JsonRowReader(InputStream in, ReadOptions options) throws IOException {
        this.options = options;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Math.max(options.maxCellChars(), 1024))
                        .maxNestingDepth(MAX_DEPTH + 2)
                        .build())
                .build();
        JsonParser created;
        try {
            created = factory.createParser(in); // detects the encoding from the first bytes
        } catch (JsonProcessingException | CharConversionException e) {
            throw translate(e);
        }
        this.parser = created;
        JsonToken token = nextToken();
        if (token == null) {
            array = false;
            ended = true;
        } else if (token == JsonToken.START_ARRAY) {
            array = true;
            token = nextToken();
        } else if (token == JsonToken.START_OBJECT) {
            array = false;
        } else {
            throw new FileFormatException(FileFormatException.NOT_AN_OBJECT, 1,
                    "record 1 is not a JSON object: the file must be an array of objects or one object per line");
        }
        if (!ended) {
            first = read(token);
        }
        columns = first == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(first.values().keySet()));
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public SourceRow next() throws IOException {
        if (first != null) {
            SourceRow row = first;
            first = null;
            return row;
        }
        if (ended) {
            return null;
        }
        return read(nextToken());
    }

    /** Reads the record starting with {@code token}: an object, or the end of the array or of the input. */
    private SourceRow read(JsonToken token) throws IOException {
        try {
            return readRecord(token);
        } catch (JsonProcessingException | CharConversionException e) {
            throw translate(e);
        }
    }

    private SourceRow readRecord(JsonToken token) throws IOException {
        if (token == null) {
            if (array) {
                throw malformed("the file ends inside the top-level array (missing ']')", null);
            }
            ended = true;
            return null;
        }
        if (array && token == JsonToken.END_ARRAY) {
            JsonToken after = nextToken();
            if (after != null) {
                throw malformed("unexpected content after the top-level array", null);
            }
            ended = true;
            return null;
        }
        long number = ++index;
        inRecord = true;
        if (token != JsonToken.START_OBJECT) {
            throw new FileFormatException(FileFormatException.NOT_AN_OBJECT, number,
                    "record " + number + " is not a JSON object but " + describe(token) + location());
        }
        if (number > options.maxRows()) {
            throw new FileFormatException(FileFormatException.TOO_MANY_ROWS, number,
                    "the file has more than " + options.maxRows() + " records");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        while ((token = nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            currentKey = key;
            if (values.containsKey(key)) {
                throw new FileFormatException(FileFormatException.DUPLICATE_COLUMN, number,
                        "record " + number + " has the key " + Texts.quote(key) + " twice");
            }
            if (values.size() >= options.maxColumns()) {
                throw new FileFormatException(FileFormatException.TOO_MANY_COLUMNS, number,
                        "record " + number + " has more than " + options.maxColumns() + " keys");
            }
            budget = options.maxCellChars();
            values.put(key, value(nextToken(), 1));
        }
        currentKey = null;
        if (token != JsonToken.END_OBJECT) {
            throw malformed("record " + number + " is not a well-formed object", null);
        }
        inRecord = false;
        return new SourceRow(number, values);
    }

    private Object value(JsonToken token, int depth) throws IOException {
        if (token == null) {
            throw malformed("the file ends inside record " + index, null);
        }
        switch (token) {
            case VALUE_STRING -> {
                String text = parser.getText();
                spend(text.length());
                return text;
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                spend(parser.getTextLength());
                return parser.getDecimalValue();
            }
            case VALUE_TRUE -> {
                spend(4);
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                spend(5);
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                spend(depth > 1 ? 4 : 0);
                return null;
            }
            case START_ARRAY -> {
                checkDepth(depth);
                List<Object> list = new ArrayList<>();
                JsonToken element;
                while ((element = nextToken()) != JsonToken.END_ARRAY) {
                    spend(1);
                    list.add(value(element, depth + 1));
                }
                return list;
            }
            case START_OBJECT -> {
                checkDepth(depth);
                Map<String, Object> map = new LinkedHashMap<>();
                JsonToken element;
                while ((element = nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    spend(key.length() + 1);
                    map.put(key, value(nextToken(), depth + 1));
                }
                if (element != JsonToken.END_OBJECT) {
                    throw malformed("record " + index + " has a malformed nested object", null);
                }
                return map;
            }
            default -> throw malformed("unexpected " + describe(token), null);
        }
    }

    private void checkDepth(int depth) throws FileFormatException {
        if (depth > MAX_DEPTH) {
            throw malformed("record " + index + " nests arrays or objects deeper than " + MAX_DEPTH + " levels", null);
        }
    }

    private void spend(long chars) throws FileFormatException {
        budget -= chars;
        if (budget < 0) {
            throw new FileFormatException(FileFormatException.CELL_TOO_LONG, index,
                    "record " + index + ": the value of " + Texts.quote(currentKey) + " is longer than "
                            + options.maxCellChars() + " characters");
        }
    }

    private JsonToken nextToken() throws IOException {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException | CharConversionException e) {
            throw translate(e);
        }
    }

    /** Jackson's exception (thrown by any parser call: strings and numbers are decoded lazily) as a file error. */
    private FileFormatException translate(IOException e) {
        if (e instanceof CharConversionException) {
            return new FileFormatException(FileFormatException.ENCODING, errorRow(),
                    "the file is not valid UTF-8/UTF-16/UTF-32 text" + location(), e);
        }
        String message = e instanceof JsonProcessingException json && json.getOriginalMessage() != null
                ? json.getOriginalMessage() : String.valueOf(e.getMessage());
        if (e instanceof StreamConstraintsException && message.contains("String value length")) {
            return new FileFormatException(FileFormatException.CELL_TOO_LONG, errorRow(),
                    "record " + errorRow() + (currentKey == null ? ": a value" : ": the value of "
                            + Texts.quote(currentKey)) + " is longer than " + options.maxCellChars() + " characters", e);
        }
        if (message.contains("Invalid UTF-8") || message.contains("Invalid UTF-32")) {
            return new FileFormatException(FileFormatException.ENCODING, errorRow(),
                    "the file is not valid UTF-8" + location(), e);
        }
        return malformed(firstSentence(message), e);
    }

    private FileFormatException malformed(String message, Throwable cause) {
        return new FileFormatException(FileFormatException.MALFORMED_JSON, errorRow(),
                "not valid JSON: " + message + location(), cause);
    }

    /** The record an error belongs to: the one being read, or else the next one. */
    private long errorRow() {
        return inRecord ? index : index + 1;
    }

    private String location() {
        JsonLocation location = parser == null ? null : parser.currentLocation();
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String firstSentence(String message) {
        int newline = message.indexOf('\n');
        String line = newline >= 0 ? message.substring(0, newline) : message;
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    @Override
    public void close() throws IOException {
        ended = true;
        parser.close();
    }
}
