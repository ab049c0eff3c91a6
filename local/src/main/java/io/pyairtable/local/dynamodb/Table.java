package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One table: its definition and its items, kept sorted by primary key. Not thread-safe on its own; {@link TableStore}
 * serialises access.
 */
final class Table {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";

    private final String name;
    private final String tableId;
    private final Instant createdAt;
    private final KeySchema keys;
    private final Map<String, String> attributeDefinitions;
    private final Map<String, SecondaryIndex> indexes = new LinkedHashMap<>();
    private final NavigableMap<ObjectNode, ObjectNode> items;
    private String billingMode;
    private long readCapacity;
    private long writeCapacity;
    private String ttlAttribute;
    private boolean pointInTimeRecovery;
    private boolean deletionProtection;
    private JsonNode streamSpecification;
    private final Map<String, String> tags = new LinkedHashMap<>();

    Table(String name, String tableId, Instant createdAt, KeySchema keys, Map<String, String> attributeDefinitions) {
        this.name = name;
        this.tableId = tableId;
        this.createdAt = createdAt;
        this.keys = keys;
        this.attributeDefinitions = new LinkedHashMap<>(attributeDefinitions);
        this.items = new TreeMap<>(keys.order());
        this.billingMode = "PAY_PER_REQUEST";
    }

    String name() {
        return name;
    }

    String tableId() {
        return tableId;
    }

    Instant createdAt() {
        return createdAt;
    }

    String arn() {
        return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + name;
    }

    KeySchema keys() {
        return keys;
    }

    Map<String, String> attributeDefinitions() {
        return attributeDefinitions;
    }

    Map<String, SecondaryIndex> indexes() {
        return indexes;
    }

    /** The index called {@code indexName}, or DynamoDB's ValidationException. */
    SecondaryIndex index(String indexName) {
        SecondaryIndex index = indexes.get(indexName);
        if (index == null) {
            throw DynamoDbException.validation("The table does not have the specified index: " + indexName);
        }
        return index;
    }

    // ---- items -------------------------------------------------------------------------------------------------

    ObjectNode get(ObjectNode key) {
        return items.get(key);
    }

    /** Stores {@code item} (already validated) and returns the item it replaced, or null. */
    ObjectNode put(ObjectNode item) {
        return items.put(keys.keyOf(item), item);
    }

    ObjectNode delete(ObjectNode key) {
        return items.remove(key);
    }

    Collection<ObjectNode> items() {
        return items.values();
    }

    /** Items with partition key {@code hashValue}, in sort key order. */
    Collection<ObjectNode> partition(JsonNode hashValue) {
        ObjectNode from = AttributeValues.NODES.objectNode();
        from.set(keys.hashName(), hashValue);
        List<ObjectNode> result = new ArrayList<>();
        for (ObjectNode item : items.tailMap(from, true).values()) {
            if (!item.get(keys.hashName()).equals(hashValue)) {
                break;
            }
            result.add(item);
        }
        return result;
    }

    int itemCount() {
        return items.size();
    }

    long sizeBytes() {
        long size = 0;
        for (ObjectNode item : items.values()) {
            size += AttributeValues.itemSize(item);
        }
        return size;
    }

    /**
     * Checks an item about to be stored: key attributes, index key types (where present), and the 400 KB limit.
     */
    void validateItem(ObjectNode item) {
        keys.requireKeyIn(item);
        for (SecondaryIndex index : indexes.values()) {
            for (String keyName : index.keys().attributeNames()) {
                JsonNode value = item.get(keyName);
                if (value == null) {
                    continue;
                }
                String expected = index.keys().typeOf(keyName);
                String actual = AttributeValues.type(value);
                if (!expected.equals(actual)) {
                    throw DynamoDbException.invalidParameter("Type mismatch for Index Key " + keyName + " Expected: " + expected
                            + " Actual: " + actual + " IndexName: " + index.name());
                }
                if (KeySchema.isEmptyKeyValue(value)) {
                    throw DynamoDbException.validation("One or more parameter values are not valid. A value specified for a "
                            + "secondary index key is not supported. The AttributeValue for a key attribute cannot contain "
                            + "an empty string value. IndexName: " + index.name() + ", IndexKey: " + keyName);
                }
            }
        }
        if (AttributeValues.itemSize(item) > 400 * 1024) {
            throw DynamoDbException.validation("Item size has exceeded the maximum allowed size");
        }
    }

    // ---- settings ----------------------------------------------------------------------------------------------

    String billingMode() {
        return billingMode;
    }

    void billing(String mode, long read, long write) {
        this.billingMode = mode;
        this.readCapacity = read;
        this.writeCapacity = write;
    }

    long readCapacity() {
        return readCapacity;
    }

    long writeCapacity() {
        return writeCapacity;
    }

    /** The TTL attribute name, or null when TTL is disabled. */
    String ttlAttribute() {
        return ttlAttribute;
    }

    void ttlAttribute(String attributeName) {
        this.ttlAttribute = attributeName;
    }

    boolean pointInTimeRecovery() {
        return pointInTimeRecovery;
    }

    void pointInTimeRecovery(boolean enabled) {
        this.pointInTimeRecovery = enabled;
    }

    boolean deletionProtection() {
        return deletionProtection;
    }

    void deletionProtection(boolean enabled) {
        this.deletionProtection = enabled;
    }

    JsonNode streamSpecification() {
        return streamSpecification;
    }

    void streamSpecification(JsonNode specification) {
        this.streamSpecification = specification;
    }

    Map<String, String> tags() {
        return tags;
    }

    /** The {@code TableDescription} shape of DescribeTable, CreateTable and DeleteTable. */
    ObjectNode describe(String status) {
        ObjectNode out = AttributeValues.NODES.objectNode();
        ArrayNode definitions = out.putArray("AttributeDefinitions");
        attributeDefinitions.forEach((attr, type) -> definitions.addObject().put("AttributeName", attr).put("AttributeType", type));
        out.put("TableName", name);
        out.set("KeySchema", keys.describe());
        out.put("TableStatus", status);
        out.put("CreationDateTime", BigDecimal.valueOf(createdAt.toEpochMilli(), 3));
        boolean provisioned = billingMode.equals("PROVISIONED");
        out.putObject("ProvisionedThroughput").put("NumberOfDecreasesToday", 0)
                .put("ReadCapacityUnits", provisioned ? readCapacity : 0)
                .put("WriteCapacityUnits", provisioned ? writeCapacity : 0);
        long sizeBytes = sizeBytes();
        out.put("TableSizeBytes", sizeBytes).put("ItemCount", itemCount()).put("TableArn", arn()).put("TableId", tableId);
        out.putObject("BillingModeSummary").put("BillingMode", billingMode)
                .put("LastUpdateToPayPerRequestDateTime", BigDecimal.valueOf(createdAt.toEpochMilli(), 3));
        ArrayNode global = AttributeValues.NODES.arrayNode();
        ArrayNode local = AttributeValues.NODES.arrayNode();
        for (SecondaryIndex index : indexes.values()) {
            long count = 0;
            long size = 0;
            for (ObjectNode item : items.values()) {
                if (index.keys().matches(item)) {
                    count++;
                    size += AttributeValues.itemSize(index.project(item, keys));
                }
            }
            (index.global() ? global : local).add(index.describe(arn(), count, size, provisioned));
        }
        if (!global.isEmpty()) {
            out.set("GlobalSecondaryIndexes", global);
        }
        if (!local.isEmpty()) {
            out.set("LocalSecondaryIndexes", local);
        }
        if (streamSpecification != null) {
            out.set("StreamSpecification", streamSpecification);
            if (streamSpecification.path("StreamEnabled").asBoolean(false)) {
                out.put("LatestStreamLabel", createdAt.toString());
                out.put("LatestStreamArn", arn() + "/stream/" + createdAt);
            }
        }
        out.put("DeletionProtectionEnabled", deletionProtection);
        return out;
    }
}
