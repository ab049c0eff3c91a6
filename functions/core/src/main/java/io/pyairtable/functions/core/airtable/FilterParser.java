package io.pyairtable.functions.core.airtable;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pyairtable.airtable.Formula;
import io.pyairtable.functions.core.ApiError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The structured {@code filter} query parameter → an Airtable formula built with {@link Formula} (values and field
 * names escaped, never pasted). Grammar: a node is {@code {"and":[node…]}}, {@code {"or":[node…]}} or a condition
 * {@code {"field":"Stage","op":"eq","value":"Won"}}; ops {@code eq ne gt gte lt lte contains empty notEmpty};
 * values are strings, numbers or booleans ({@code empty}/{@code notEmpty} take none). Limits: 4,000 characters,
 * depth 5, 50 conditions, field names ≤ 255 and string values ≤ 1,000 characters. Used by the records API's
 * {@code filter} parameter and the assistant's {@code list_records}/{@code aggregate} tools.
 */
public final class FilterParser {
    public static final int MAX_LENGTH = 4000;
    public static final int MAX_DEPTH = 5;
    public static final int MAX_CONDITIONS = 50;
    public static final int MAX_FIELD = 255;
    public static final int MAX_VALUE = 1000;
    private static final Set<String> OPS = Set.of("eq", "ne", "gt", "gte", "lt", "lte", "contains", "empty",
            "notEmpty");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private int conditions;

    private FilterParser() {
    }

    public static Formula parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw invalid("filter is longer than " + MAX_LENGTH + " characters.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw invalid("filter is not valid JSON.");
        }
        if (root == null) {
            throw invalid("filter is empty.");
        }
        return new FilterParser().node(root, 1);
    }

    /** The same grammar and limits for a filter that is already JSON (e.g. a tool argument of the assistant). */
    public static Formula parse(JsonNode filter) {
        if (filter == null || filter.isNull()) {
            throw invalid("filter is empty.");
        }
        return parse(filter.toString());
    }

    private Formula node(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw invalid("filter is nested deeper than " + MAX_DEPTH + " levels.");
        }
        if (!node.isObject()) {
            throw invalid("each filter node must be a JSON object.");
        }
        if (node.has("and") || node.has("or")) {
            if (node.size() != 1) {
                throw invalid("an and/or node has exactly one key.");
            }
            String op = node.has("and") ? "and" : "or";
            JsonNode parts = node.get(op);
            if (!parts.isArray() || parts.isEmpty()) {
                throw invalid("\"" + op + "\" needs a non-empty array.");
            }
            List<Formula> formulas = new ArrayList<>();
            for (JsonNode part : parts) {
                formulas.add(node(part, depth + 1));
            }
            return op.equals("and") ? Formula.and(formulas) : Formula.or(formulas);
        }
        return condition(node);
    }

    private Formula condition(JsonNode node) {
        if (++conditions > MAX_CONDITIONS) {
            throw invalid("filter has more than " + MAX_CONDITIONS + " conditions.");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!Set.of("field", "op", "value").contains(name)) {
                throw invalid("unknown key in a filter condition (allowed: field, op, value, and, or).");
            }
        }
        JsonNode field = node.get("field");
        if (field == null || !field.isTextual() || field.textValue().isEmpty() || field.textValue().length() > MAX_FIELD) {
            throw invalid("a filter condition needs a field name of 1 to " + MAX_FIELD + " characters.");
        }
        JsonNode opNode = node.get("op");
        if (opNode == null || !opNode.isTextual() || !OPS.contains(opNode.textValue())) {
            throw invalid("unknown filter op (allowed: eq, ne, gt, gte, lt, lte, contains, empty, notEmpty).");
        }
        String op = opNode.textValue();
        Formula f = Formula.field(field.textValue());
        if (op.equals("empty") || op.equals("notEmpty")) {
            if (node.has("value")) {
                throw invalid("\"" + op + "\" takes no value.");
            }
            // BLANK() equals both an empty string and a missing value
            return op.equals("empty") ? Formula.eq(f, Formula.blank()) : Formula.not(Formula.eq(f, Formula.blank()));
        }
        Formula value = value(node.get("value"));
        return switch (op) {
            case "eq" -> Formula.eq(f, value);
            case "ne" -> Formula.ne(f, value);
            case "gt" -> Formula.gt(f, value);
            case "gte" -> Formula.gte(f, value);
            case "lt" -> Formula.lt(f, value);
            case "lte" -> Formula.lte(f, value);
            case "contains" -> {
                if (!node.get("value").isTextual()) {
                    throw invalid("\"contains\" needs a string value.");
                }
                // case-insensitive substring; the field is turned into text first
                yield Formula.gt(Formula.find(Formula.lower(value), Formula.lower(Formula.concat(f, Formula.value("")))),
                        Formula.value(0));
            }
            default -> throw new IllegalStateException(op);
        };
    }

    private static Formula value(JsonNode value) {
        if (value == null) {
            throw invalid("a filter condition needs a value.");
        }
        if (value.isTextual()) {
            if (value.textValue().length() > MAX_VALUE) {
                throw invalid("a filter value is longer than " + MAX_VALUE + " characters.");
            }
            return Formula.value(value.textValue());
        }
        if (value.isNumber()) {
            if (!Double.isFinite(value.doubleValue())) {
                throw invalid("a filter value must be a finite number.");
            }
            return Formula.value(value.decimalValue());
        }
        if (value.isBoolean()) {
            return Formula.value(value.booleanValue());
        }
        throw invalid("a filter value must be a string, a number or a boolean.");
    }

    private static ApiError invalid(String message) {
        return new ApiError(400, "INVALID_FILTER", "The filter is invalid: " + message);
    }
}
