package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A document path such as {@code a.b[0].c}, with names already resolved from {@code #placeholders}: a top-level
 * attribute name followed by map keys and list indexes. Reads, writes and removes inside an item's wire form.
 */
final class AttributePath {
    /** One step of a path: a map key ({@code name != null}) or a list index. */
    record Step(String name, int index) {
        boolean isIndex() {
            return name == null;
        }

        @Override
        public String toString() {
            return isIndex() ? "[" + index + "]" : name;
        }
    }

    private final List<Step> steps;

    AttributePath(List<Step> steps) {
        if (steps.isEmpty() || steps.get(0).isIndex()) {
            throw new IllegalArgumentException("a document path starts with an attribute name");
        }
        this.steps = List.copyOf(steps);
    }

    static AttributePath of(String topLevelName) {
        return new AttributePath(List.of(new Step(topLevelName, 0)));
    }

    List<Step> steps() {
        return steps;
    }

    String topName() {
        return steps.get(0).name();
    }

    boolean isTopLevel() {
        return steps.size() == 1;
    }

    /** The value at this path in {@code item}, or null when any step is missing or of the wrong type. */
    JsonNode get(ObjectNode item) {
        JsonNode current = item.get(topName());
        for (int i = 1; i < steps.size() && current != null; i++) {
            current = child(current, steps.get(i));
        }
        return current;
    }

    private static JsonNode child(JsonNode value, Step step) {
        if (step.isIndex()) {
            JsonNode list = value.get("L");
            return list != null && step.index() < list.size() ? list.get(step.index()) : null;
        }
        JsonNode map = value.get("M");
        return map == null ? null : map.get(step.name());
    }

    /**
     * Sets the value at this path. The parent must exist (a map for a key, a list for an index); an index past the end
     * of a list appends, as DynamoDB does.
     */
    void set(ObjectNode item, JsonNode value) {
        if (isTopLevel()) {
            item.set(topName(), value);
            return;
        }
        JsonNode parent = parent().get(item);
        Step last = steps.get(steps.size() - 1);
        if (parent != null && last.isIndex() && parent.has("L")) {
            ArrayNode list = (ArrayNode) parent.get("L");
            if (last.index() < list.size()) {
                list.set(last.index(), value);
            } else {
                list.add(value);
            }
        } else if (parent != null && !last.isIndex() && parent.has("M")) {
            ((ObjectNode) parent.get("M")).set(last.name(), value);
        } else {
            throw DynamoDbException.validation("The document path provided in the update expression is invalid for update");
        }
    }

    /** Removes the value at this path; a missing value is not an error. Removing a list element shifts the rest. */
    void remove(ObjectNode item) {
        if (isTopLevel()) {
            item.remove(topName());
            return;
        }
        JsonNode parent = parent().get(item);
        Step last = steps.get(steps.size() - 1);
        if (parent == null) {
            return;
        }
        if (last.isIndex() && parent.has("L")) {
            ArrayNode list = (ArrayNode) parent.get("L");
            if (last.index() < list.size()) {
                list.remove(last.index());
            }
        } else if (!last.isIndex() && parent.has("M")) {
            ((ObjectNode) parent.get("M")).remove(last.name());
        } else {
            throw DynamoDbException.validation("The document path provided in the update expression is invalid for update");
        }
    }

    AttributePath parent() {
        return new AttributePath(steps.subList(0, steps.size() - 1));
    }

    /** Whether one of the two paths is a prefix of (or equal to) the other. */
    boolean overlaps(AttributePath other) {
        int common = Math.min(steps.size(), other.steps.size());
        return steps.subList(0, common).equals(other.steps.subList(0, common));
    }

    /** DynamoDB's rendering in error messages, e.g. {@code [a, b, [0]]}. */
    String describe() {
        List<String> parts = new ArrayList<>();
        steps.forEach(step -> parts.add(step.toString()));
        return parts.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributePath other && steps.equals(other.steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(topName());
        for (int i = 1; i < steps.size(); i++) {
            Step step = steps.get(i);
            out.append(step.isIndex() ? step.toString() : "." + step.name());
        }
        return out.toString();
    }
}
