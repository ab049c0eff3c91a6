package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of a list-records request, read either from the query string of
 * {@code GET /v0/{base}/{table}} or from the JSON body of {@code POST .../listRecords}.
 */
record ListOptions(
        int pageSize,
        Integer maxRecords,
        String offset,
        String view,
        List<String> fields,
        List<SortSpec> sort,
        String filterByFormula,
        boolean stringCellFormat,
        String timeZone,
        String userLocale,
        boolean returnFieldsByFieldId,
        boolean commentCount) {

    static final int MAX_PAGE_SIZE = 100;
    private static final Pattern SORT_PARAM = Pattern.compile("sort\\[(\\d{1,6})]\\[(field|direction)]");
    private static final Pattern INDEXED_FIELDS_PARAM = Pattern.compile("fields\\[\\d*]");

    /** Parses query parameters such as {@code fields[]=Name&sort[0][field]=Name&sort[0][direction]=desc}. */
    static ListOptions fromQuery(QueryParameters query) {
        List<String> fields = new ArrayList<>();
        Map<Integer, String[]> sortByIndex = new TreeMap<>();
        for (Map.Entry<String, String> parameter : query.entries()) {
            String name = parameter.getKey();
            if (name.equals("fields") || INDEXED_FIELDS_PARAM.matcher(name).matches()) {
                fields.add(parameter.getValue());
            }
            Matcher sort = SORT_PARAM.matcher(name);
            if (sort.matches()) {
                String[] spec = sortByIndex.computeIfAbsent(Integer.parseInt(sort.group(1)), index -> new String[2]);
                spec[sort.group(2).equals("field") ? 0 : 1] = parameter.getValue();
            }
        }
        List<SortSpec> sort = new ArrayList<>();
        for (String[] spec : sortByIndex.values()) {
            if (spec[0] == null) {
                throw AirtableErrors.invalidRequest("Each sort entry needs a field");
            }
            sort.add(SortSpec.parse(spec[0], spec[1]));
        }
        boolean commentCount = query.all("recordMetadata[]").contains("commentCount")
                || query.all("recordMetadata").contains("commentCount");
        return new ListOptions(
                pageSize(query.first("pageSize")),
                maxRecords(query.first("maxRecords")),
                emptyToNull(query.first("offset")),
                emptyToNull(query.first("view")),
                List.copyOf(fields),
                List.copyOf(sort),
                emptyToNull(query.first("filterByFormula")),
                stringFormat(query.first("cellFormat")),
                query.first("timeZone"),
                query.first("userLocale"),
                "true".equalsIgnoreCase(query.first("returnFieldsByFieldId")) || "1".equals(query.first("returnFieldsByFieldId")),
                commentCount);
    }

    /** Parses the JSON body of {@code POST .../listRecords}. */
    static ListOptions fromBody(ObjectNode body) {
        List<String> fields = new ArrayList<>();
        for (JsonNode field : arrayOrEmpty(body, "fields")) {
            fields.add(requireText(field, "fields"));
        }
        List<SortSpec> sort = new ArrayList<>();
        for (JsonNode spec : arrayOrEmpty(body, "sort")) {
            if (!spec.isObject() || !spec.path("field").isTextual()) {
                throw AirtableErrors.invalidRequest("Each sort entry must be an object with a \"field\"");
            }
            sort.add(SortSpec.parse(spec.get("field").asText(), spec.path("direction").asText(null)));
        }
        boolean commentCount = false;
        for (JsonNode metadata : arrayOrEmpty(body, "recordMetadata")) {
            commentCount |= metadata.asText().equals("commentCount");
        }
        return new ListOptions(
                pageSize(text(body, "pageSize")),
                maxRecords(text(body, "maxRecords")),
                emptyToNull(text(body, "offset")),
                emptyToNull(text(body, "view")),
                List.copyOf(fields),
                List.copyOf(sort),
                emptyToNull(text(body, "filterByFormula")),
                stringFormat(text(body, "cellFormat")),
                text(body, "timeZone"),
                text(body, "userLocale"),
                body.path("returnFieldsByFieldId").asBoolean(false),
                commentCount);
    }

    private static int pageSize(String value) {
        if (value == null) {
            return MAX_PAGE_SIZE;
        }
        int size = integer(value, "pageSize");
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw AirtableErrors.invalidRequest("pageSize must be between 1 and " + MAX_PAGE_SIZE + ", got " + size);
        }
        return size;
    }

    private static Integer maxRecords(String value) {
        if (value == null) {
            return null;
        }
        int max = integer(value, "maxRecords");
        if (max < 0) {
            throw AirtableErrors.invalidRequest("maxRecords must not be negative");
        }
        return max == 0 ? null : max;
    }

    private static boolean stringFormat(String cellFormat) {
        if (cellFormat == null || cellFormat.equals("json")) {
            return false;
        }
        if (cellFormat.equals("string")) {
            return true;
        }
        throw AirtableErrors.invalidRequest("cellFormat must be \"json\" or \"string\", got \"" + cellFormat + "\"");
    }

    private static int integer(String value, String parameter) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw AirtableErrors.invalidRequest(parameter + " must be an integer, got \"" + value + "\"");
        }
    }

    private static Iterable<JsonNode> arrayOrEmpty(ObjectNode body, String property) {
        JsonNode value = body.get(property);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw AirtableErrors.invalidRequest("\"" + property + "\" must be an array");
        }
        return value;
    }

    private static String text(ObjectNode body, String property) {
        JsonNode value = body.get(property);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw AirtableErrors.invalidRequest("\"" + property + "\" must be a string or number");
        }
        return value.asText();
    }

    private static String requireText(JsonNode node, String property) {
        if (!node.isTextual()) {
            throw AirtableErrors.invalidRequest("\"" + property + "\" must contain strings");
        }
        return node.asText();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
