package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Picks the attributes named by a ProjectionExpression (or AttributesToGet) out of an item. Nested paths keep their
 * structure: {@code a.b} yields {@code {a: {M: {b: ...}}}}; list elements keep their relative order, compacted.
 */
final class Projection {
    private final List<AttributePath> paths;

    Projection(List<AttributePath> paths) {
        this.paths = List.copyOf(paths);
    }

    List<AttributePath> paths() {
        return paths;
    }

    ObjectNode apply(ObjectNode item) {
        ObjectNode result = AttributeValues.NODES.objectNode();
        for (AttributePath path : paths) {
            JsonNode value = item.get(path.topName());
            if (value == null) {
                continue;
            }
            JsonNode projected = project(value, path.steps(), 1, result.get(path.topName()));
            if (projected != null) {
                result.set(path.topName(), projected);
            }
        }
        return compactLists(result);
    }

    /** Projects {@code value} along {@code steps[from..]} and merges into {@code into} (what earlier paths produced). */
    private static JsonNode project(JsonNode value, List<AttributePath.Step> steps, int from, JsonNode into) {
        if (from == steps.size()) {
            return value.deepCopy();
        }
        AttributePath.Step step = steps.get(from);
        if (step.isIndex()) {
            JsonNode list = value.get("L");
            if (list == null || step.index() >= list.size()) {
                return into;
            }
            // Lists are built as maps from index to element, then compacted in index order.
            ObjectNode sparse = into != null ? (ObjectNode) into : AttributeValues.of("_IDX", AttributeValues.NODES.objectNode());
            ObjectNode elements = (ObjectNode) sparse.get("_IDX");
            String key = Integer.toString(step.index());
            JsonNode element = project(list.get(step.index()), steps, from + 1, elements.get(key));
            if (element != null) {
                elements.set(key, element);
            }
            return sparse;
        }
        JsonNode map = value.get("M");
        if (map == null || !map.has(step.name())) {
            return into;
        }
        ObjectNode target = into != null ? (ObjectNode) into : AttributeValues.of("M", AttributeValues.NODES.objectNode());
        ObjectNode entries = (ObjectNode) target.get("M");
        JsonNode child = project(map.get(step.name()), steps, from + 1, entries.get(step.name()));
        if (child != null) {
            entries.set(step.name(), child);
        }
        return target;
    }

    private static ObjectNode compactLists(ObjectNode attributes) {
        attributes.fields().forEachRemaining(e -> e.setValue(compact(e.getValue())));
        return attributes;
    }

    private static JsonNode compact(JsonNode value) {
        if (value.has("_IDX")) {
            Map<Integer, JsonNode> ordered = new TreeMap<>();
            value.get("_IDX").fields().forEachRemaining(e -> ordered.put(Integer.parseInt(e.getKey()), compact(e.getValue())));
            ArrayNode list = AttributeValues.NODES.arrayNode();
            ordered.values().forEach(list::add);
            return AttributeValues.of("L", list);
        }
        if (value.has("M") && value.size() == 1 && value.get("M").isObject()) {
            ObjectNode map = (ObjectNode) value.get("M");
            map.fields().forEachRemaining(e -> e.setValue(compact(e.getValue())));
        }
        return value;
    }
}
