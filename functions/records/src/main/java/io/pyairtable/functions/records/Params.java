package io.pyairtable.functions.records;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.pyairtable.airtable.Ids;
import io.pyairtable.airtable.RecordQuery;
import io.pyairtable.airtable.Sort;
import io.pyairtable.functions.core.ApiError;
import io.pyairtable.functions.core.airtable.FilterParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Path and query parameters of an event, validated at the edge (DESIGN §3: reject, don't sanitise). */
final class Params {
    static final int MAX_NAME = 255;
    static final int MAX_IDS = 100;
    private static final Set<String> LIST_PARAMS = Set.of("pageSize", "offset", "view", "fields", "sort", "filter");

    private final Map<String, String> path;
    private final Map<String, List<String>> query;

    Params(APIGatewayV2HTTPEvent event) {
        this.path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        this.query = parseQuery(event.getRawQueryString());
    }

    String baseId() {
        String value = path.get("baseId");
        if (!Ids.isBaseId(value)) {
            throw ApiError.validation("baseId must be an Airtable base id (app + 14 letters or digits).");
        }
        return value;
    }

    /** A table id ({@code tbl…}) or a table name of 1 to 255 characters without control characters. */
    String table() {
        String value = path.get("table");
        if (value == null || value.isEmpty() || value.length() > MAX_NAME || hasControl(value)
                || value.startsWith("tbl") && value.length() == 17 && !Ids.isTableId(value)) {
            throw ApiError.validation("table must be a table id (tbl…) or a table name of 1 to 255 characters.");
        }
        return value;
    }

    String recordId() {
        String value = path.get("recordId");
        if (!Ids.isRecordId(value)) {
            throw ApiError.validation("recordId must be an Airtable record id (rec + 14 letters or digits).");
        }
        return value;
    }

    /** {@code ids=rec1,rec2} or repeated {@code ids}: 1 to 100 record ids. */
    List<String> recordIds() {
        List<String> ids = new ArrayList<>();
        for (String value : query.getOrDefault("ids", List.of())) {
            for (String id : value.split(",", -1)) {
                if (!Ids.isRecordId(id)) {
                    throw ApiError.validation("ids must be Airtable record ids (rec + 14 letters or digits).");
                }
                ids.add(id);
            }
        }
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            throw ApiError.validation("ids must list 1 to " + MAX_IDS + " record ids.");
        }
        return ids;
    }

    /** The list query: pageSize (1–100), view, fields, sort (Field or Field:asc|desc), filter (FilterParser). */
    RecordQuery recordQuery() {
        for (String name : query.keySet()) {
            if (!LIST_PARAMS.contains(name)) {
                throw ApiError.validation("Unknown query parameter " + name(name) + " (allowed: " + LIST_PARAMS + ").");
            }
        }
        RecordQuery.Builder builder = RecordQuery.builder();
        String pageSize = single("pageSize");
        if (pageSize != null) {
            if (!pageSize.matches("[0-9]{1,3}") || Integer.parseInt(pageSize) < 1 || Integer.parseInt(pageSize) > 100) {
                throw ApiError.validation("pageSize must be an integer from 1 to 100.");
            }
            builder.pageSize(Integer.parseInt(pageSize));
        }
        String view = single("view");
        if (view != null) {
            requireName(view, "view");
            builder.view(view);
        }
        List<String> fields = new ArrayList<>();
        for (String value : query.getOrDefault("fields", List.of())) {
            for (String field : value.split(",", -1)) {
                requireName(field, "fields");
                fields.add(field);
            }
        }
        if (fields.size() > 100) {
            throw ApiError.validation("fields may list at most 100 fields.");
        }
        if (!fields.isEmpty()) {
            builder.fields(fields);
        }
        List<Sort> sorts = new ArrayList<>();
        for (String value : query.getOrDefault("sort", List.of())) {
            int colon = value.lastIndexOf(':');
            String direction = colon < 0 ? "asc" : value.substring(colon + 1);
            String field = colon < 0 ? value : value.substring(0, colon);
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw ApiError.validation("sort must be Field, Field:asc or Field:desc.");
            }
            requireName(field, "sort");
            sorts.add(direction.equals("asc") ? Sort.asc(field) : Sort.desc(field));
        }
        if (sorts.size() > 10) {
            throw ApiError.validation("sort may be given at most 10 times.");
        }
        if (!sorts.isEmpty()) {
            builder.sort(sorts);
        }
        String filter = single("filter");
        if (filter != null) {
            builder.filter(FilterParser.parse(filter));
        }
        return builder.build();
    }

    /** The page offset Airtable gave with the previous page (opaque, ≤ 200 characters of [A-Za-z0-9/]). */
    String offset() {
        String offset = single("offset");
        if (offset != null && !offset.matches("[A-Za-z0-9/._-]{1,200}")) {
            throw ApiError.validation("offset must be the offset of the previous page.");
        }
        return offset;
    }

    private String single(String name) {
        List<String> values = query.get(name);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiError.validation(name + " may be given only once.");
        }
        return values.get(0);
    }

    private static void requireName(String value, String what) {
        if (value.isEmpty() || value.length() > MAX_NAME || hasControl(value)) {
            throw ApiError.validation(what + " must name fields of 1 to " + MAX_NAME + " characters.");
        }
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static String name(String parameter) {
        return parameter.length() > 40 || hasControl(parameter) ? "(too long)" : "'" + parameter + "'";
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        if (raw.length() > 16_000) {
            throw ApiError.validation("The query string is longer than 16,000 characters.");
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw ApiError.validation("The query string is not valid URL encoding.");
            }
        }
        return out;
    }
}
