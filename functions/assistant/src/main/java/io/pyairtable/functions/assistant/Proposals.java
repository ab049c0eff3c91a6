package io.pyairtable.functions.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.airtable.AirtableApi;
import io.pyairtable.airtable.AirtableRecord;
import io.pyairtable.airtable.Formula;
import io.pyairtable.airtable.RecordQuery;
import io.pyairtable.airtable.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The write tools. None of them writes: each checks its input against the live schema, reads what the user needs
 * to judge the change (an update's current values, a delete's records) and returns a {@link Proposal} — a change
 * set body plus a human diff — that only the confirm route turns into a change set.
 */
final class Proposals {
    static final int MAX_RECORDS = 100;
    static final int MAX_FIELDS = 100;
    static final int MAX_NEW_FIELDS = 50;
    static final Set<String> READ_ONLY_TYPES = Set.of("formula", "rollup", "lookup", "multipleLookupValues", "count",
            "createdTime", "lastModifiedTime", "autoNumber", "createdBy", "lastModifiedBy", "button",
            "externalSyncSource", "aiText");
    /** Field types a proposed table may use (those the create-table API accepts without further setup). */
    static final Set<String> NEW_FIELD_TYPES = Set.of("singleLineText", "multilineText", "richText", "email", "url",
            "phoneNumber", "number", "currency", "percent", "checkbox", "date", "dateTime", "singleSelect",
            "multipleSelects", "rating", "duration");
    private static final Pattern FIELD_NAME = Pattern.compile("[^\\p{Cntrl}]{1,255}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    Proposals(Clock clock) {
        this.clock = clock;
    }

    Proposal createRecords(Args args, AirtableApi api) {
        String baseId = args.baseId();
        Schema.TableSchema table = AirtableTools.table(api, baseId, args.table());
        JsonNode records = args.array("records", 1, MAX_RECORDS);
        ArrayNode operations = JSON.createArrayNode();
        ArrayNode changes = JSON.createArrayNode();
        for (int i = 0; i < records.size(); i++) {
            ObjectNode fields = fields(table, records.get(i).get("fields"), "records[" + i + "].fields");
            operations.addObject().put("op", "create").set("fields", fields);
            changes.addObject().put("op", "create").set("after", fields);
        }
        return changeSet(baseId, table, operations, args.bool("typecast"),
                "Create " + count(records.size()) + " in " + table.name(), changes);
    }

    Proposal updateRecords(Args args, AirtableApi api) {
        String baseId = args.baseId();
        Schema.TableSchema table = AirtableTools.table(api, baseId, args.table());
        JsonNode records = args.array("records", 1, MAX_RECORDS);
        Map<String, ObjectNode> updates = new LinkedHashMap<>();
        Set<String> touched = new LinkedHashSet<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            String id = record.path("id").asText("");
            if (!Args.RECORD_ID.matcher(id).matches()) {
                throw new ToolException("records[" + i + "].id must be a record id (rec + 14 letters or digits)");
            }
            if (updates.containsKey(id)) {
                throw new ToolException("records[" + i + "] changes " + id + " a second time; one entry per record");
            }
            ObjectNode fields = fields(table, record.get("fields"), "records[" + i + "].fields");
            fields.fieldNames().forEachRemaining(touched::add);
            updates.put(id, fields);
        }
        Map<String, AirtableRecord> current = read(api, baseId, table, updates.keySet(), List.copyOf(touched));
        ArrayNode operations = JSON.createArrayNode();
        ArrayNode changes = JSON.createArrayNode();
        for (Map.Entry<String, ObjectNode> update : updates.entrySet()) {
            operations.addObject().put("op", "update").put("id", update.getKey()).set("fields", update.getValue());
            ObjectNode before = JSON.createObjectNode();
            update.getValue().fieldNames().forEachRemaining(field -> before.set(field,
                    JSON.valueToTree(current.get(update.getKey()).fields().get(field))));
            ObjectNode change = changes.addObject().put("op", "update").put("id", update.getKey());
            change.put("record", primary(table, current.get(update.getKey())));
            change.set("before", before);
            change.set("after", update.getValue());
        }
        return changeSet(baseId, table, operations, args.bool("typecast"),
                "Update " + count(updates.size()) + " in " + table.name(), changes);
    }

    Proposal deleteRecords(Args args, AirtableApi api) {
        String baseId = args.baseId();
        Schema.TableSchema table = AirtableTools.table(api, baseId, args.table());
        List<String> ids = args.strings("recordIds", MAX_RECORDS, 17);
        if (ids.isEmpty()) {
            throw new ToolException("recordIds must list 1 to " + MAX_RECORDS + " record ids");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String id : ids) {
            if (!Args.RECORD_ID.matcher(id).matches()) {
                throw new ToolException("recordIds must hold record ids (rec + 14 letters or digits)");
            }
            if (!unique.add(id)) {
                throw new ToolException("recordIds lists " + id + " twice");
            }
        }
        Map<String, AirtableRecord> current = read(api, baseId, table, unique, List.of());
        ArrayNode operations = JSON.createArrayNode();
        ArrayNode changes = JSON.createArrayNode();
        for (String id : unique) {
            operations.addObject().put("op", "delete").put("id", id);
            ObjectNode change = changes.addObject().put("op", "delete").put("id", id);
            change.put("record", primary(table, current.get(id)));
            change.set("before", JSON.valueToTree(current.get(id).fields()));
        }
        return changeSet(baseId, table, operations, false, "Delete " + count(unique.size()) + " from " + table.name(),
                changes);
    }

    /**
     * A new table (and optionally its first records). Confirming creates the table through Airtable's schema API
     * — outside the saga — and then applies the records as a change set.
     */
    Proposal createTable(Args args, AirtableApi api) {
        String baseId = args.baseId();
        String name = args.string("name", 255, true);
        String description = args.string("description", 20_000, false);
        Schema.BaseSchema schema = api.base(baseId).schema();
        if (schema.tables().stream().anyMatch(t -> t.name().equalsIgnoreCase(name))) {
            throw new ToolException("base " + baseId + " already has a table named '" + name + "'");
        }
        JsonNode fields = args.array("fields", 1, MAX_NEW_FIELDS);
        ArrayNode specs = JSON.createArrayNode();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            JsonNode field = fields.get(i);
            String where = "fields[" + i + "]";
            String fieldName = field.path("name").asText("");
            if (!FIELD_NAME.matcher(fieldName).matches()) {
                throw new ToolException(where + ".name must be 1 to 255 characters without control characters");
            }
            if (!names.add(fieldName.toLowerCase())) {
                throw new ToolException(where + ".name repeats '" + fieldName + "'");
            }
            String type = field.path("type").asText("singleLineText");
            if (!NEW_FIELD_TYPES.contains(type)) {
                throw new ToolException(where + ".type must be one of " + NEW_FIELD_TYPES);
            }
            if (i == 0 && !Set.of("singleLineText", "multilineText", "email", "url", "phoneNumber", "number",
                    "currency", "percent", "date", "dateTime").contains(type)) {
                throw new ToolException("fields[0] is the primary field: use singleLineText (or another simple type)");
            }
            ObjectNode spec = specs.addObject().put("name", fieldName).put("type", type);
            if (field.hasNonNull("description")) {
                spec.put("description", field.get("description").asText());
            }
            JsonNode options = field.get("options");
            if (options != null && options.isObject()) {
                spec.set("options", options);
            } else {
                ObjectNode defaults = defaultOptions(type);
                if (defaults != null) {
                    spec.set("options", defaults);
                }
            }
        }
        JsonNode records = args.get("records");
        ArrayNode rows = JSON.createArrayNode();
        if (records != null) {
            if (!records.isArray() || records.size() > MAX_RECORDS) {
                throw new ToolException("records must be an array of at most " + MAX_RECORDS + " {\"fields\":{…}}");
            }
            for (int i = 0; i < records.size(); i++) {
                JsonNode values = records.get(i).get("fields");
                if (values == null || !values.isObject() || values.isEmpty()) {
                    throw new ToolException("records[" + i + "].fields must be a non-empty object");
                }
                values.fieldNames().forEachRemaining(field -> {
                    if (!names.contains(field.toLowerCase())) {
                        throw new ToolException("records: '" + field + "' is not one of the new table's fields");
                    }
                });
                rows.addObject().set("fields", values);
            }
        }
        ObjectNode request = JSON.createObjectNode().put("baseId", baseId);
        ObjectNode table = request.putObject("table").put("name", name);
        if (description != null) {
            table.put("description", description);
        }
        table.set("fields", specs);
        request.set("records", rows);
        ObjectNode diff = JSON.createObjectNode().put("kind", Proposal.CREATE_TABLE).put("baseId", baseId);
        diff.set("table", table.deepCopy());
        ArrayNode changes = diff.putArray("changes");
        rows.forEach(row -> changes.addObject().put("op", "create").set("after", row.get("fields")));
        String summary = "Create table " + name + " with " + specs.size() + " field" + (specs.size() == 1 ? "" : "s")
                + (rows.isEmpty() ? "" : " and " + count(rows.size()));
        return new Proposal(UUID.randomUUID().toString(), Proposal.CREATE_TABLE, Proposal.PROPOSED, summary, request,
                diff, clock.instant().toString(), 0, null, null);
    }

    /** The options Airtable's create-table API requires for a type, when the model gave none. */
    static ObjectNode defaultOptions(String type) {
        ObjectNode options = JSON.createObjectNode();
        switch (type) {
            case "number", "percent" -> options.put("precision", 0);
            case "currency" -> options.put("precision", 2).put("symbol", "$");
            case "checkbox" -> options.put("icon", "check").put("color", "greenBright");
            case "date" -> options.putObject("dateFormat").put("name", "iso");
            case "dateTime" -> {
                options.putObject("dateFormat").put("name", "iso");
                options.putObject("timeFormat").put("name", "24hour");
                options.put("timeZone", "utc");
            }
            case "singleSelect", "multipleSelects" -> options.putArray("choices");
            case "rating" -> options.put("max", 5).put("icon", "star").put("color", "yellowBright");
            case "duration" -> options.put("durationFormat", "h:mm");
            default -> {
                return null;
            }
        }
        return options;
    }

    private Proposal changeSet(String baseId, Schema.TableSchema table, ArrayNode operations, boolean typecast,
            String summary, ArrayNode changes) {
        ObjectNode request = JSON.createObjectNode().put("baseId", baseId).put("table", table.id());
        request.set("operations", operations);
        if (typecast) {
            request.put("typecast", true);
        }
        ObjectNode diff = JSON.createObjectNode().put("kind", Proposal.CHANGESET).put("baseId", baseId);
        diff.putObject("table").put("id", table.id()).put("name", table.name());
        diff.set("changes", changes);
        return new Proposal(UUID.randomUUID().toString(), Proposal.CHANGESET, Proposal.PROPOSED, summary, request, diff,
                clock.instant().toString(), 0, null, null);
    }

    /** Field values keyed by the fields' names; unknown and computed fields are refused. */
    private static ObjectNode fields(Schema.TableSchema table, JsonNode values, String where) {
        if (values == null || !values.isObject() || values.isEmpty() || values.size() > MAX_FIELDS) {
            throw new ToolException(where + " must be an object of 1 to " + MAX_FIELDS + " fields");
        }
        ObjectNode out = JSON.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> entries = values.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            Schema.FieldSchema field = table.field(entry.getKey()).orElseThrow(() -> new ToolException(where
                    + ": table " + table.name() + " has no field '" + entry.getKey() + "' (describe_table lists them)"));
            if (READ_ONLY_TYPES.contains(field.type())) {
                throw new ToolException(where + ": '" + field.name() + "' is computed by Airtable and cannot be written");
            }
            out.set(field.name(), entry.getValue());
        }
        return out;
    }

    /** The records' current values (only {@code fields}, or all when empty); a missing record is an error. */
    private static Map<String, AirtableRecord> read(AirtableApi api, String baseId, Schema.TableSchema table,
            Set<String> ids, List<String> fields) {
        List<Formula> matches = new ArrayList<>();
        ids.forEach(id -> matches.add(Formula.eq(Formula.recordId(), Formula.value(id))));
        Map<String, AirtableRecord> found = new LinkedHashMap<>();
        for (int from = 0; from < matches.size(); from += 50) { // keep each formula (and URL) short
            RecordQuery.Builder query = RecordQuery.builder()
                    .filter(Formula.or(matches.subList(from, Math.min(matches.size(), from + 50))));
            if (!fields.isEmpty()) {
                List<String> wanted = new ArrayList<>(fields);
                table.fields().stream().filter(f -> f.id().equals(table.primaryFieldId())).findFirst()
                        .ifPresent(p -> { if (!wanted.contains(p.name())) { wanted.add(p.name()); } });
                query.fields(wanted);
            }
            api.base(baseId).table(table.id()).list(query.build()).forEach(r -> found.put(r.id(), r));
        }
        for (String id : ids) {
            if (!found.containsKey(id)) {
                throw new ToolException("table " + table.name() + " has no record " + id);
            }
        }
        return found;
    }

    private static String primary(Schema.TableSchema table, AirtableRecord record) {
        return table.fields().stream().filter(f -> f.id().equals(table.primaryFieldId())).findFirst()
                .map(f -> record.fields().get(f.name())).map(String::valueOf).orElse(record.id());
    }

    private static String count(int n) {
        return n + " record" + (n == 1 ? "" : "s");
    }
}
