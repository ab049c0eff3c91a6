package io.pyairtable.functions.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.airtable.AirtableRecord;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * sum / count / avg / min / max of one field, optionally per group, over every record it is given — computed here
 * with exact decimals, not by the model. Numbers are the field's numeric values (numbers, or numeric text such as
 * a formula's); other values are skipped and counted in {@code skippedValues}. A record whose group field holds
 * several values (links, multiple selects, lookups) counts in each of their groups; an empty one in "(empty)".
 * {@code count} counts records (with a field: records where it is not empty).
 */
final class Aggregation {
    static final Set<String> FUNCTIONS = Set.of("sum", "count", "avg", "min", "max");
    static final String EMPTY_GROUP = "(empty)";
    static final int MAX_GROUPS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String function;
    private final String field;
    private final String groupBy;
    private final Function<Object, List<String>> groupKeys;
    private final Acc total = new Acc();
    private final Map<String, Acc> groups = new TreeMap<>();
    private long records;

    /**
     * @param groupKeys turns a group field's value into its group names (link ids → the linked records' names)
     */
    Aggregation(String function, String field, String groupBy, Function<Object, List<String>> groupKeys) {
        if (!FUNCTIONS.contains(function)) {
            throw new ToolException("function must be one of sum, count, avg, min, max");
        }
        if (field == null && !function.equals("count")) {
            throw new ToolException(function + " needs a field");
        }
        this.function = function;
        this.field = field;
        this.groupBy = groupBy;
        this.groupKeys = groupKeys;
    }

    void add(AirtableRecord record) {
        records++;
        Object value = field == null ? null : record.fields().get(field);
        total.add(value, field == null);
        if (groupBy != null) {
            for (String key : groupKeys.apply(record.fields().get(groupBy))) {
                groups.computeIfAbsent(key, k -> new Acc()).add(value, field == null);
            }
        }
    }

    ObjectNode result() {
        ObjectNode out = JSON.createObjectNode().put("function", function);
        out.put("field", field);
        if (groupBy != null) {
            out.put("groupBy", groupBy);
        }
        out.put("recordsScanned", records);
        out.put("exact", true);
        out.set("value", decimal(total.value(function)));
        if (total.skipped > 0) {
            out.put("skippedValues", total.skipped);
        }
        if (groupBy != null) {
            out.put("groupCount", groups.size());
            ArrayNode list = out.putArray("groups");
            groups.entrySet().stream().limit(MAX_GROUPS).forEach(e -> {
                ObjectNode group = list.addObject().put("group", e.getKey());
                group.set("value", decimal(e.getValue().value(function)));
                group.put("records", e.getValue().records);
            });
            if (groups.size() > MAX_GROUPS) {
                out.put("groupsShown", MAX_GROUPS);
            }
        }
        return out;
    }

    /** As a JSON number written plainly (Jackson's node factory would normalise 10 to 1E+1). */
    private static JsonNode decimal(BigDecimal value) {
        return value == null ? NullNode.getInstance() : DecimalNode.valueOf(value);
    }

    /** Numbers are read exactly from their decimal text (no binary floating point on the way). */
    static BigDecimal number(Object value) {
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString().trim());
            } catch (NumberFormatException notNumeric) {
                return null;
            }
        }
        if (value instanceof Collection<?> list && list.size() == 1) { // a lookup or rollup of one value
            return number(list.iterator().next());
        }
        return null;
    }

    static boolean isEmpty(Object value) {
        return value == null || (value instanceof String s && s.isEmpty())
                || (value instanceof Collection<?> c && c.isEmpty()) || Boolean.FALSE.equals(value);
    }

    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Default group keys: texts as they are, several values → each, objects (collaborators…) → their name. */
    static List<String> keysOf(Object value) {
        if (isEmpty(value)) {
            return List.of(EMPTY_GROUP);
        }
        if (value instanceof Collection<?> list) {
            List<String> keys = new ArrayList<>();
            for (Object item : list) {
                keys.addAll(keysOf(item));
            }
            return keys.stream().distinct().toList();
        }
        if (value instanceof Map<?, ?> map) {
            Object name = map.containsKey("name") ? map.get("name") : map.containsKey("email") ? map.get("email")
                    : map.get("id");
            return List.of(String.valueOf(name));
        }
        if (value instanceof Number number) {
            return List.of(plain(new BigDecimal(number.toString())).toPlainString());
        }
        return List.of(String.valueOf(value));
    }

    private static final class Acc {
        long records;
        long counted;
        long skipped;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal min;
        BigDecimal max;

        void add(Object value, boolean countRecords) {
            records++;
            if (countRecords) {
                counted++;
                return;
            }
            if (isEmpty(value)) {
                return;
            }
            BigDecimal number = number(value);
            counted++;
            if (number == null) {
                skipped++;
                return;
            }
            sum = sum.add(number);
            min = min == null || number.compareTo(min) < 0 ? number : min;
            max = max == null || number.compareTo(max) > 0 ? number : max;
        }

        BigDecimal value(String function) {
            long numeric = counted - skipped;
            return switch (function) {
                case "count" -> BigDecimal.valueOf(counted);
                case "sum" -> plain(sum);
                case "avg" -> numeric == 0 ? null : plain(sum.divide(BigDecimal.valueOf(numeric), MathContext.DECIMAL64));
                case "min" -> min == null ? null : plain(min);
                case "max" -> max == null ? null : plain(max);
                default -> throw new IllegalStateException(function);
            };
        }
    }
}
