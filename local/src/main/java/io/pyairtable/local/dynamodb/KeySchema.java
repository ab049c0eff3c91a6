package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The key of a table or index: a partition (HASH) attribute and an optional sort (RANGE) attribute, each of type S, N or
 * B. Also the order items are kept in: by partition key, then sort key (missing keys first).
 */
record KeySchema(String hashName, String hashType, String rangeName, String rangeType) {

    boolean hasRange() {
        return rangeName != null;
    }

    List<String> attributeNames() {
        List<String> names = new ArrayList<>();
        names.add(hashName);
        if (hasRange()) {
            names.add(rangeName);
        }
        return names;
    }

    String typeOf(String attributeName) {
        return attributeName.equals(hashName) ? hashType : attributeName.equals(rangeName) ? rangeType : null;
    }

    /** The key attributes of {@code item} (which must have them). */
    ObjectNode keyOf(ObjectNode item) {
        ObjectNode key = AttributeValues.NODES.objectNode();
        for (String name : attributeNames()) {
            JsonNode value = item.get(name);
            if (value != null) {
                key.set(name, value);
            }
        }
        return key;
    }

    /** Checks the key attributes of an item being written (PutItem), with DynamoDB's messages. */
    void requireKeyIn(ObjectNode item) {
        for (String name : attributeNames()) {
            JsonNode value = item.get(name);
            if (value == null) {
                throw DynamoDbException.invalidParameter("Missing the key " + name + " in the item");
            }
            String actual = AttributeValues.type(value);
            if (!actual.equals(typeOf(name))) {
                throw DynamoDbException.invalidParameter("Type mismatch for key " + name + " expected: " + typeOf(name)
                        + " actual: " + actual);
            }
            requireNotEmpty(name, value);
        }
    }

    /** Validates a {@code Key} parameter: exactly the key attributes, of the right types. Returns it normalized. */
    ObjectNode requireKey(JsonNode key) {
        ObjectNode normalized = AttributeValues.normalizeItem(key);
        if (normalized.size() != attributeNames().size()) {
            throw DynamoDbException.validation("The provided key element does not match the schema");
        }
        for (String name : attributeNames()) {
            JsonNode value = normalized.get(name);
            if (value == null || !AttributeValues.type(value).equals(typeOf(name))) {
                throw DynamoDbException.validation("The provided key element does not match the schema");
            }
            requireNotEmpty(name, value);
        }
        return normalized;
    }

    private static void requireNotEmpty(String name, JsonNode value) {
        if (isEmptyKeyValue(value)) {
            throw DynamoDbException.validation("One or more parameter values are not valid. The AttributeValue for a key "
                    + "attribute cannot contain an empty string value. Key: " + name);
        }
    }

    static boolean isEmptyKeyValue(JsonNode value) {
        return (value.has("S") && value.get("S").asText().isEmpty()) || (value.has("B") && value.get("B").asText().isEmpty());
    }

    /** Whether {@code item} has this schema's key attributes with the right types (i.e. appears in a sparse index). */
    boolean matches(ObjectNode item) {
        for (String name : attributeNames()) {
            JsonNode value = item.get(name);
            if (value == null || !AttributeValues.type(value).equals(typeOf(name)) || isEmptyKeyValue(value)) {
                return false;
            }
        }
        return true;
    }

    /** Orders items (or keys) by this schema; attributes that are missing sort first. */
    Comparator<ObjectNode> order() {
        return (a, b) -> {
            int byHash = compareAttribute(a.get(hashName), b.get(hashName));
            return byHash != 0 || !hasRange() ? byHash : compareAttribute(a.get(rangeName), b.get(rangeName));
        };
    }

    private static int compareAttribute(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return AttributeValues.compare(a, b);
    }

    /** The {@code KeySchema} parameter form. */
    ArrayNode describe() {
        ArrayNode schema = AttributeValues.NODES.arrayNode();
        schema.addObject().put("AttributeName", hashName).put("KeyType", "HASH");
        if (hasRange()) {
            schema.addObject().put("AttributeName", rangeName).put("KeyType", "RANGE");
        }
        return schema;
    }

    /**
     * Reads a {@code KeySchema} parameter, with attribute types from {@code AttributeDefinitions}. Error messages
     * name {@code what} (the table or an index).
     */
    static KeySchema parse(JsonNode schema, java.util.Map<String, String> definitions, String what) {
        if (schema == null || !schema.isArray() || schema.isEmpty() || schema.size() > 2) {
            throw DynamoDbException.validation("1 validation error detected: Value at 'keySchema' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 2 and greater than or equal to 1 (" + what + ")");
        }
        String hash = null;
        String range = null;
        for (JsonNode element : schema) {
            String name = element.path("AttributeName").asText("");
            String keyType = element.path("KeyType").asText("");
            if (name.isEmpty()) {
                throw DynamoDbException.validation("KeySchema AttributeName must not be empty (" + what + ")");
            }
            if (keyType.equals("HASH") && hash == null) {
                hash = name;
            } else if (keyType.equals("RANGE") && range == null) {
                range = name;
            } else {
                throw DynamoDbException.invalidParameter("Invalid KeySchema: Some index key attribute have no definition"
                        + " or an invalid KeyType " + keyType + " (" + what + ")");
            }
        }
        if (hash == null) {
            throw DynamoDbException.invalidParameter("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (hash.equals(range)) {
            throw DynamoDbException.invalidParameter("Both the Hash Key and the Range Key element in the KeySchema have the "
                    + "same name");
        }
        for (String name : range == null ? List.of(hash) : List.of(hash, range)) {
            if (!definitions.containsKey(name)) {
                throw DynamoDbException.invalidParameter("Some index key attributes are not defined in AttributeDefinitions. "
                        + "Keys: [" + name + "], AttributeDefinitions: " + definitions.keySet());
            }
        }
        return new KeySchema(hash, definitions.get(hash), range, range == null ? null : definitions.get(range));
    }
}
