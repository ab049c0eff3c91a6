package io.pyairtable.functions.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.airtable.AirtableApi;
import io.pyairtable.airtable.AirtableException;
import io.pyairtable.airtable.AirtableRecord;
import io.pyairtable.airtable.Formula;
import io.pyairtable.airtable.RecordPage;
import io.pyairtable.airtable.RecordQuery;
import io.pyairtable.airtable.Schema;
import io.pyairtable.airtable.Sort;
import io.pyairtable.functions.core.ApiError;
import io.pyairtable.functions.core.airtable.AirtableErrors;
import io.pyairtable.functions.core.airtable.FilterParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The tools the model may call, run server-side with the caller's own Airtable connection (every request through
 * the shared rate limiter). Read tools answer data; write tools answer a proposal id and write nothing
 * ({@link Proposals}). Every answer is a {@link ToolResults} text: labelled untrusted, at most 8 KB.
 */
final class AirtableTools {
    static final int MAX_LIST = 100;
    static final int MAX_SCAN = 20_000;
    static final Set<String> TEXT_TYPES = Set.of("singleLineText", "multilineText", "richText", "email", "url",
            "phoneNumber", "singleSelect");
    static final Set<String> TOOLS = Set.of("list_bases", "list_tables", "describe_table", "list_records",
            "search_records", "get_record", "aggregate", "create_records", "update_records", "delete_records",
            "create_table");
    static final Set<String> WRITE_TOOLS = Set.of("create_records", "update_records", "delete_records", "create_table");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Proposals proposals;

    AirtableTools(Clock clock) {
        this.proposals = new Proposals(clock);
    }

    /** What one turn's tool calls share: the caller's Airtable client (resolved on first use) and the base. */
    record Context(Supplier<AirtableApi> api, String defaultBaseId, Consumer<Proposal> proposed) {
    }

    /** Runs one call; every failure becomes an error result for the model, never an exception. */
    String execute(ToolCall call, Context context) {
        try {
            Args args = new Args(call.arguments(), context.defaultBaseId());
            if (!call.name().equals("list_bases") && TOOLS.contains(call.name())) {
                args.baseId(); // checked before Airtable is reached
                if (!Set.of("list_tables", "create_table").contains(call.name())) {
                    args.table();
                }
            }
            return switch (call.name()) {
                case "list_bases" -> ToolResults.data(call.name(), listBases(context.api().get()));
                case "list_tables" -> ToolResults.data(call.name(), listTables(context.api().get(), args));
                case "describe_table" -> ToolResults.data(call.name(), describeTable(context.api().get(), args));
                case "list_records" -> ToolResults.data(call.name(), listRecords(context.api().get(), args));
                case "search_records" -> ToolResults.data(call.name(), searchRecords(context.api().get(), args));
                case "get_record" -> ToolResults.data(call.name(), getRecord(context.api().get(), args));
                case "aggregate" -> ToolResults.data(call.name(), aggregate(context.api().get(), args));
                case "create_records", "update_records", "delete_records", "create_table" -> {
                    AirtableApi api = context.api().get();
                    Proposal proposal = switch (call.name()) {
                        case "create_records" -> proposals.createRecords(args, api);
                        case "update_records" -> proposals.updateRecords(args, api);
                        case "delete_records" -> proposals.deleteRecords(args, api);
                        default -> proposals.createTable(args, api);
                    };
                    context.proposed().accept(proposal);
                    ObjectNode out = JSON.createObjectNode().put("proposalId", proposal.id())
                            .put("status", Proposal.PROPOSED).put("summary", proposal.summary())
                            .put("written", false)
                            .put("note", "Nothing was written. The user sees this proposal with its diff and must "
                                    + "confirm it in the app; tell them what you proposed.");
                    yield ToolResults.data(call.name(), out);
                }
                default -> ToolResults.error(call.name(), "unknown tool '" + call.name() + "'");
            };
        } catch (ToolException invalid) {
            return ToolResults.error(call.name(), invalid.getMessage());
        } catch (AirtableException airtable) {
            return ToolResults.error(call.name(), AirtableErrors.toApiError(airtable).getMessage());
        } catch (ApiError error) { // no connection, invalid filter
            return ToolResults.error(call.name(), error.getMessage());
        } catch (IllegalArgumentException invalid) { // the client's own checks (ids, sort, page sizes)
            return ToolResults.error(call.name(), "invalid arguments: " + invalid.getMessage());
        }
    }

    // ------------------------------------------------------------------ read tools

    private static JsonNode listBases(AirtableApi api) {
        ArrayNode bases = JSON.createArrayNode();
        for (Schema.BaseInfo base : api.bases()) {
            bases.addObject().put("id", base.id()).put("name", base.name()).put("permissionLevel", base.permissionLevel());
        }
        return JSON.createObjectNode().set("bases", bases);
    }

    private static JsonNode listTables(AirtableApi api, Args args) {
        String baseId = args.baseId();
        ArrayNode tables = JSON.createArrayNode();
        for (Schema.TableSchema table : api.base(baseId).schema().tables()) {
            ObjectNode t = tables.addObject().put("id", table.id()).put("name", table.name());
            if (table.description() != null) {
                t.put("description", table.description());
            }
            t.put("primaryField", primaryName(table));
            t.put("fieldCount", table.fields().size());
            t.set("fields", JSON.valueToTree(table.fields().stream().map(Schema.FieldSchema::name).toList()));
        }
        return JSON.createObjectNode().put("baseId", baseId).set("tables", tables);
    }

    private static JsonNode describeTable(AirtableApi api, Args args) {
        String baseId = args.baseId();
        Schema.TableSchema table = table(api, baseId, args.table());
        ObjectNode out = JSON.createObjectNode().put("baseId", baseId).put("id", table.id()).put("name", table.name());
        if (table.description() != null) {
            out.put("description", table.description());
        }
        out.put("primaryField", primaryName(table));
        ArrayNode fields = out.putArray("fields");
        for (Schema.FieldSchema field : table.fields()) {
            ObjectNode f = fields.addObject().put("name", field.name()).put("type", field.type());
            if (field.description() != null) {
                f.put("description", field.description());
            }
            JsonNode choices = field.options() == null ? null : field.options().get("choices");
            if (choices != null && choices.isArray()) {
                ArrayNode names = f.putArray("choices");
                choices.forEach(c -> names.add(c.path("name").asText()));
            }
            if (field.options() != null && field.options().hasNonNull("linkedTableId")) {
                f.put("linkedTableId", field.options().get("linkedTableId").asText());
            }
            if (Proposals.READ_ONLY_TYPES.contains(field.type())) {
                f.put("computed", true);
            }
        }
        ArrayNode views = out.putArray("views");
        table.views().forEach(v -> views.add(v.name()));
        return out;
    }

    private static JsonNode listRecords(AirtableApi api, Args args) {
        String baseId = args.baseId();
        Schema.TableSchema table = table(api, baseId, args.table());
        int max = args.integer("maxRecords", 1, MAX_LIST, 50);
        RecordQuery.Builder query = RecordQuery.builder().pageSize(max);
        List<String> fields = args.strings("fields", 30, 255);
        if (!fields.isEmpty()) {
            query.fields(fields);
        }
        JsonNode filter = args.get("filter");
        if (filter != null) {
            query.filter(FilterParser.parse(filter));
        }
        String view = args.string("view", 255, false);
        if (view != null) {
            query.view(view);
        }
        JsonNode sort = args.get("sort");
        if (sort != null) {
            query.sort(sorts(sort));
        }
        RecordPage page = api.base(baseId).table(table.id()).page(query.build(), null);
        List<AirtableRecord> records = page.records().subList(0, Math.min(max, page.records().size()));
        ObjectNode out = JSON.createObjectNode().put("table", table.name()).put("returned", records.size())
                .put("moreRecordsExist", page.hasMore() || page.records().size() > max);
        if (page.hasMore()) {
            out.put("hint", "only the first " + records.size() + " records are shown; use aggregate for totals and "
                    + "counts over all records, or a filter to narrow the list");
        }
        out.set("records", records(records));
        return out;
    }

    private static JsonNode searchRecords(AirtableApi api, Args args) {
        String baseId = args.baseId();
        Schema.TableSchema table = table(api, baseId, args.table());
        String text = args.string("query", 200, true);
        int max = args.integer("maxRecords", 1, MAX_LIST, 25);
        List<String> wanted = args.strings("fields", 30, 255);
        List<Schema.FieldSchema> searched = new ArrayList<>();
        if (wanted.isEmpty()) {
            table.fields().stream().filter(f -> TEXT_TYPES.contains(f.type())).forEach(searched::add);
        } else {
            for (String name : wanted) {
                searched.add(table.field(name).orElseThrow(() -> new ToolException("table " + table.name()
                        + " has no field '" + name + "'")));
            }
        }
        if (searched.isEmpty()) {
            throw new ToolException("table " + table.name() + " has no text fields to search; use list_records with a filter");
        }
        // FIND(LOWER("text"), LOWER({Field} & "")) > 0 for each field, OR-ed: built from parts, never pasted
        Formula needle = Formula.lower(Formula.value(text));
        List<Formula> matches = searched.stream().map(f -> Formula.gt(Formula.find(needle,
                Formula.lower(Formula.concat(Formula.field(f.name()), Formula.value("")))), Formula.value(0))).toList();
        RecordQuery query = RecordQuery.builder().pageSize(max).filter(Formula.or(matches)).build();
        RecordPage page = api.base(baseId).table(table.id()).page(query, null);
        ObjectNode out = JSON.createObjectNode().put("table", table.name()).put("query", text)
                .put("returned", page.records().size()).put("moreRecordsExist", page.hasMore());
        out.set("searchedFields", JSON.valueToTree(searched.stream().map(Schema.FieldSchema::name).toList()));
        out.set("records", records(page.records()));
        return out;
    }

    private static JsonNode getRecord(AirtableApi api, Args args) {
        String baseId = args.baseId();
        Schema.TableSchema table = table(api, baseId, args.table());
        String recordId = args.recordId("recordId");
        AirtableRecord record = api.base(baseId).table(table.id()).get(recordId);
        return JSON.createObjectNode().put("table", table.name()).set("record", records(List.of(record)).get(0));
    }

    /**
     * Reads every matching record (all pages, only the two fields needed) and computes the result here. A table
     * larger than {@link #MAX_SCAN} records is refused rather than answered inexactly.
     */
    private static JsonNode aggregate(AirtableApi api, Args args) {
        String baseId = args.baseId();
        Schema.TableSchema table = table(api, baseId, args.table());
        String function = args.string("function", 10, true);
        String fieldName = args.string("field", 255, false);
        String groupName = args.string("groupBy", 255, false);
        Schema.FieldSchema field = fieldName == null ? null : field(table, fieldName);
        Schema.FieldSchema group = groupName == null ? null : field(table, groupName);
        Function<Object, List<String>> keys = Aggregation::keysOf;
        if (group != null && group.type().equals("multipleRecordLinks") && group.options() != null
                && group.options().hasNonNull("linkedTableId")) {
            Map<String, String> names = names(api, baseId, group.options().get("linkedTableId").asText());
            keys = value -> Aggregation.keysOf(value).stream().map(id -> names.getOrDefault(id, id)).distinct().toList();
        }
        Aggregation aggregation = new Aggregation(function, field == null ? null : field.name(),
                group == null ? null : group.name(), keys);
        Set<String> needed = new LinkedHashSet<>();
        if (field != null) {
            needed.add(field.name());
        }
        if (group != null) {
            needed.add(group.name());
        }
        RecordQuery.Builder query = RecordQuery.builder().pageSize(100);
        query.fields(needed.isEmpty() ? List.of(primaryName(table)) : List.copyOf(needed));
        JsonNode filter = args.get("filter");
        if (filter != null) {
            query.filter(FilterParser.parse(filter));
        }
        long[] scanned = {0};
        api.base(baseId).table(table.id()).stream(query.build()).forEach(record -> {
            if (++scanned[0] > MAX_SCAN) {
                throw new ToolException("the table has more than " + MAX_SCAN + " matching records; add a filter "
                        + "(an exact aggregate over more is not computed here)");
            }
            aggregation.add(record);
        });
        ObjectNode out = aggregation.result();
        out.put("table", table.name());
        if (filter != null) {
            out.set("filter", filter);
        }
        return out;
    }

    /** The linked table's record id → primary field value, for grouping by a link field. */
    private static Map<String, String> names(AirtableApi api, String baseId, String tableId) {
        Schema.TableSchema linked = table(api, baseId, tableId);
        String primary = primaryName(linked);
        Map<String, String> names = new HashMap<>();
        Iterator<AirtableRecord> records = api.base(baseId).table(tableId)
                .stream(RecordQuery.builder().pageSize(100).fields(primary).build()).iterator();
        while (records.hasNext() && names.size() <= MAX_SCAN) {
            AirtableRecord record = records.next();
            Object value = record.fields().get(primary);
            names.put(record.id(), value == null ? record.id() : String.valueOf(value));
        }
        return names;
    }

    // ------------------------------------------------------------------ helpers

    /** The table by id or name (names compared exactly, then ignoring case); unknown → the list of tables. */
    static Schema.TableSchema table(AirtableApi api, String baseId, String idOrName) {
        Schema.BaseSchema schema = api.base(baseId).schema();
        return schema.table(idOrName)
                .or(() -> schema.tables().stream().filter(t -> t.name().equalsIgnoreCase(idOrName)).findFirst())
                .orElseThrow(() -> new ToolException("base " + baseId + " has no table '" + idOrName + "'; its tables: "
                        + schema.tables().stream().map(Schema.TableSchema::name).collect(Collectors.joining(", "))));
    }

    private static Schema.FieldSchema field(Schema.TableSchema table, String name) {
        return table.field(name)
                .or(() -> table.fields().stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst())
                .orElseThrow(() -> new ToolException("table " + table.name() + " has no field '" + name + "'; its fields: "
                        + table.fields().stream().map(Schema.FieldSchema::name).collect(Collectors.joining(", "))));
    }

    static String primaryName(Schema.TableSchema table) {
        return table.fields().stream().filter(f -> f.id().equals(table.primaryFieldId())).findFirst()
                .map(Schema.FieldSchema::name).orElse(table.fields().isEmpty() ? null : table.fields().get(0).name());
    }

    private static List<Sort> sorts(JsonNode sort) {
        if (!sort.isArray() || sort.size() > 3) {
            throw new ToolException("sort must be an array of at most 3 {\"field\",\"direction\":\"asc|desc\"}");
        }
        List<Sort> out = new ArrayList<>();
        for (JsonNode key : sort) {
            String field = key.path("field").asText("");
            String direction = key.path("direction").asText("asc");
            if (field.isEmpty() || !(direction.equals("asc") || direction.equals("desc"))) {
                throw new ToolException("each sort key needs a field and direction asc or desc");
            }
            out.add(direction.equals("asc") ? Sort.asc(field) : Sort.desc(field));
        }
        return out;
    }

    private static ArrayNode records(List<AirtableRecord> records) {
        ArrayNode out = JSON.createArrayNode();
        for (AirtableRecord record : records) {
            ObjectNode r = out.addObject().put("id", record.id());
            r.set("fields", JSON.valueToTree(record.fields()));
        }
        return out;
    }

    // ------------------------------------------------------------------ specs

    static List<ToolSpec> specs() {
        String base = "\"baseId\":{\"type\":\"string\",\"description\":\"Base id (app…); defaults to the conversation's base\"}";
        String table = "\"table\":{\"type\":\"string\",\"description\":\"Table id (tbl…) or name\"}";
        String filter = "\"filter\":{\"type\":\"object\",\"description\":\"Structured filter: {\\\"and\\\":[…]}, "
                + "{\\\"or\\\":[…]} or {\\\"field\\\":\\\"Stage\\\",\\\"op\\\":\\\"eq\\\",\\\"value\\\":\\\"Won\\\"}; ops eq ne gt gte lt lte "
                + "contains empty notEmpty\"}";
        String fields = "\"fields\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"description\":\"Only these fields\"}";
        String max = "\"maxRecords\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":100}";
        String records = "\"records\":{\"type\":\"array\",\"maxItems\":100,\"items\":{\"type\":\"object\",\"properties\":"
                + "{\"fields\":{\"type\":\"object\"}},\"required\":[\"fields\"]}}";
        return List.of(
                spec("list_bases", "List the Airtable bases the user can access.", "{}", "[]"),
                spec("list_tables", "List the tables of a base with their fields' names.", "{" + base + "}", "[]"),
                spec("describe_table", "Describe a table: every field with its type, select choices and links.",
                        "{" + base + "," + table + "}", "[\"table\"]"),
                spec("list_records", "List up to 100 records of a table, optionally filtered, sorted and limited to "
                        + "some fields. Not for totals: use aggregate.", "{" + base + "," + table + "," + filter + ","
                        + fields + "," + max + ",\"view\":{\"type\":\"string\"},\"sort\":{\"type\":\"array\",\"items\":"
                        + "{\"type\":\"object\",\"properties\":{\"field\":{\"type\":\"string\"},\"direction\":{\"type\":"
                        + "\"string\",\"enum\":[\"asc\",\"desc\"]}}}}}", "[\"table\"]"),
                spec("search_records", "Case-insensitive text search in a table's text fields (or the given fields).",
                        "{" + base + "," + table + ",\"query\":{\"type\":\"string\"}," + fields + "," + max + "}",
                        "[\"table\",\"query\"]"),
                spec("get_record", "Read one record by id.", "{" + base + "," + table
                        + ",\"recordId\":{\"type\":\"string\"}}", "[\"table\",\"recordId\"]"),
                spec("aggregate", "Exact sum, count, avg, min or max of a field over ALL matching records (every "
                        + "page), optionally per group (groupBy a field; link fields group by the linked record's "
                        + "name). Use it for any total or count.", "{" + base + "," + table + ",\"function\":{\"type\":"
                        + "\"string\",\"enum\":[\"sum\",\"count\",\"avg\",\"min\",\"max\"]},\"field\":{\"type\":\"string\"},"
                        + "\"groupBy\":{\"type\":\"string\"}," + filter + "}", "[\"table\",\"function\"]"),
                spec("create_records", "PROPOSE creating records (1–100). Writes nothing: the user must confirm.",
                        "{" + base + "," + table + "," + records + ",\"typecast\":{\"type\":\"boolean\"}}",
                        "[\"table\",\"records\"]"),
                spec("update_records", "PROPOSE changing fields of records (1–100, by id). Writes nothing: the user "
                        + "sees before/after values and must confirm.", "{" + base + "," + table + ",\"records\":{\"type\":"
                        + "\"array\",\"maxItems\":100,\"items\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":"
                        + "\"string\"},\"fields\":{\"type\":\"object\"}},\"required\":[\"id\",\"fields\"]}},\"typecast\":"
                        + "{\"type\":\"boolean\"}}", "[\"table\",\"records\"]"),
                spec("delete_records", "PROPOSE deleting records (1–100, by id). Writes nothing: the user must confirm.",
                        "{" + base + "," + table + ",\"recordIds\":{\"type\":\"array\",\"maxItems\":100,\"items\":"
                        + "{\"type\":\"string\"}}}", "[\"table\",\"recordIds\"]"),
                spec("create_table", "PROPOSE a new table (first field = primary field) and optionally its first "
                        + "records. Writes nothing: the user must confirm.", "{" + base + ",\"name\":{\"type\":\"string\"},"
                        + "\"description\":{\"type\":\"string\"},\"fields\":{\"type\":\"array\",\"maxItems\":50,\"items\":"
                        + "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"type\":{\"type\":\"string\","
                        + "\"enum\":" + JSON.valueToTree(Proposals.NEW_FIELD_TYPES.stream().sorted().toList()) + "},"
                        + "\"description\":{\"type\":\"string\"}},\"required\":[\"name\"]}}," + records + "}",
                        "[\"name\",\"fields\"]"));
    }

    private static ToolSpec spec(String name, String description, String properties, String required) {
        try {
            ObjectNode schema = JSON.createObjectNode().put("type", "object");
            schema.set("properties", JSON.readTree(properties));
            schema.set("required", JSON.readTree(required));
            return new ToolSpec(name, description, schema);
        } catch (Exception e) {
            throw new IllegalStateException("tool schema of " + name + " is not JSON", e);
        }
    }
}
