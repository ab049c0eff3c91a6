package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** Turns a stored record into the API's {@code {"id","createdTime","fields":{...}}} object. */
final class RecordRenderer {

    /**
     * @param byFieldId key {@code fields} by field id instead of name ({@code returnFieldsByFieldId})
     * @param onlyFieldIds the {@code fields[]} projection, or {@code null} for all fields
     * @param stringFormat the {@code cellFormat=string} formatter, or {@code null} for JSON values
     * @param commentCount add {@code "commentCount":0} ({@code recordMetadata[]=commentCount})
     */
    record Options(boolean byFieldId, Set<String> onlyFieldIds, CellFormatter stringFormat, boolean commentCount) {

        static final Options DEFAULT = new Options(false, null, null, false);

        static Options keyedBy(boolean byFieldId) {
            return new Options(byFieldId, null, null, false);
        }
    }

    private RecordRenderer() {
    }

    static ObjectNode render(Base base, Table table, StoredRecord record, Options options) {
        ObjectNode json = Json.object();
        json.put("id", record.id());
        json.put("createdTime", CellValues.timestamp(record.createdTime()));
        ObjectNode fields = json.putObject("fields");
        for (Field field : table.fields()) {
            if (options.onlyFieldIds() != null && !options.onlyFieldIds().contains(field.id())) {
                continue;
            }
            Object value = CellReader.read(table, field, record);
            if (CellValues.isEmpty(value)) {
                continue;
            }
            String key = options.byFieldId() ? field.id() : field.name();
            if (options.stringFormat() != null) {
                fields.put(key, options.stringFormat().format(base, field, value));
            } else {
                fields.set(key, Json.toNode(value));
            }
        }
        if (options.commentCount()) {
            json.put("commentCount", 0);
        }
        return json;
    }
}
