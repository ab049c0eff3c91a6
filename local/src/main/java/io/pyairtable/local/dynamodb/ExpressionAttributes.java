package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues} of one request. Expressions resolve
 * placeholders here; afterwards {@link #requireAllUsed()} rejects unused ones, as DynamoDB does.
 */
final class ExpressionAttributes {
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, ObjectNode> values = new LinkedHashMap<>();
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();

    /** Reads both maps from a request (either may be absent, neither may be empty). */
    static ExpressionAttributes from(JsonNode request) {
        ExpressionAttributes attributes = new ExpressionAttributes();
        JsonNode names = request.get("ExpressionAttributeNames");
        if (names != null && !names.isNull()) {
            if (!names.isObject() || names.isEmpty()) {
                throw DynamoDbException.validation("ExpressionAttributeNames must not be empty");
            }
            names.fields().forEachRemaining(e -> {
                if (!e.getKey().matches("#[A-Za-z0-9_]+")) {
                    throw DynamoDbException.validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \""
                            + e.getKey() + "\"");
                }
                if (!e.getValue().isTextual() || e.getValue().asText().isEmpty()) {
                    throw DynamoDbException.validation("ExpressionAttributeNames contains invalid value: Empty attribute name "
                            + "for key " + e.getKey());
                }
                attributes.names.put(e.getKey(), e.getValue().asText());
            });
        }
        JsonNode values = request.get("ExpressionAttributeValues");
        if (values != null && !values.isNull()) {
            if (!values.isObject() || values.isEmpty()) {
                throw DynamoDbException.validation("ExpressionAttributeValues must not be empty");
            }
            values.fields().forEachRemaining(e -> {
                if (!e.getKey().matches(":[A-Za-z0-9_]+")) {
                    throw DynamoDbException.validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \""
                            + e.getKey() + "\"");
                }
                try {
                    attributes.values.put(e.getKey(), AttributeValues.normalize(e.getValue()));
                } catch (DynamoDbException invalid) {
                    throw DynamoDbException.validation("ExpressionAttributeValues contains invalid value: "
                            + invalid.getMessage() + " for key " + e.getKey());
                }
            });
        }
        return attributes;
    }

    /** The attribute name behind {@code #placeholder}, or null if it is not defined. */
    String name(String placeholder) {
        String name = names.get(placeholder);
        if (name != null) {
            usedNames.add(placeholder);
        }
        return name;
    }

    /** The value behind {@code :placeholder}, or null if it is not defined. */
    ObjectNode value(String placeholder) {
        ObjectNode value = values.get(placeholder);
        if (value != null) {
            usedValues.add(placeholder);
        }
        return value;
    }

    /** Throws DynamoDB's ValidationException when a name or value was provided but no expression used it. */
    void requireAllUsed() {
        Set<String> unusedNames = new TreeSet<>(names.keySet());
        unusedNames.removeAll(usedNames);
        if (!unusedNames.isEmpty()) {
            throw DynamoDbException.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        Set<String> unusedValues = new TreeSet<>(values.keySet());
        unusedValues.removeAll(usedValues);
        if (!unusedValues.isEmpty()) {
            throw DynamoDbException.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
    }
}
