package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Single-item and batch operations: PutItem, GetItem, UpdateItem, DeleteItem, BatchGetItem, BatchWriteItem. */
final class ItemOperations {
    private static final int MAX_BATCH_GET = 100;
    private static final int MAX_BATCH_WRITE = 25;

    private final TableStore store;

    ItemOperations(TableStore store) {
        this.store = store;
    }

    ObjectNode putItem(JsonNode request) {
        return write(ItemWrite.Kind.PUT, request, Set.of("NONE", "ALL_OLD"));
    }

    ObjectNode deleteItem(JsonNode request) {
        return write(ItemWrite.Kind.DELETE, request, Set.of("NONE", "ALL_OLD"));
    }

    ObjectNode updateItem(JsonNode request) {
        return write(ItemWrite.Kind.UPDATE, request, Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"));
    }

    private ObjectNode write(ItemWrite.Kind kind, JsonNode request, Set<String> allowedReturnValues) {
        String returnValues = Requests.text(request, "ReturnValues");
        if (returnValues == null) {
            returnValues = "NONE";
        } else if (!allowedReturnValues.contains(returnValues)) {
            throw DynamoDbException.validation("Return values set to invalid value");
        }
        ItemWrite write = ItemWrite.parse(kind, request);
        ItemWrite.Outcome outcome = store.write(() -> {
            Table table = store.table(write.tableName());
            ObjectNode key = write.key(table);
            ObjectNode existing = table.get(key);
            if (!write.conditionHolds(existing)) {
                throw write.conditionFailure(existing);
            }
            ItemWrite.Outcome result = write.evaluate(table, key, existing);
            ItemWrite.apply(result, kind);
            return result;
        });
        ObjectNode response = AttributeValues.NODES.objectNode();
        ObjectNode attributes = switch (returnValues) {
            case "ALL_OLD" -> outcome.oldItem();
            case "ALL_NEW" -> outcome.newItem();
            case "UPDATED_OLD" -> outcome.oldItem() == null || write.update() == null ? null
                    : new Projection(write.update().paths()).apply(outcome.oldItem());
            case "UPDATED_NEW" -> write.update() == null ? null : new Projection(write.update().paths()).apply(outcome.newItem());
            default -> null;
        };
        if (attributes != null && !attributes.isEmpty()) {
            response.set("Attributes", attributes);
        }
        Requests.consumedCapacity(request, response, write.tableName(), 1.0);
        return response;
    }

    ObjectNode getItem(JsonNode request) {
        String tableName = Requests.tableName(request);
        ExpressionAttributes attributes = ExpressionAttributes.from(request);
        Projection projection = Requests.projection(request, attributes);
        attributes.requireAllUsed();
        JsonNode rawKey = request.get("Key");
        if (rawKey == null || rawKey.isNull()) {
            throw DynamoDbException.validation("1 validation error detected: Value null at 'key' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        ObjectNode response = AttributeValues.NODES.objectNode();
        ObjectNode item = store.read(() -> {
            Table table = store.table(tableName);
            return table.get(table.keys().requireKey(rawKey));
        });
        if (item != null) {
            response.set("Item", projection == null ? item : projection.apply(item));
        }
        Requests.consumedCapacity(request, response, tableName, 0.5);
        return response;
    }

    ObjectNode batchGetItem(JsonNode request) {
        JsonNode requestItems = request.path("RequestItems");
        if (!requestItems.isObject() || requestItems.isEmpty()) {
            throw DynamoDbException.validation("1 validation error detected: Value at 'requestItems' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 1");
        }
        record TableRead(String tableName, JsonNode keys, Projection projection) {
        }
        List<TableRead> reads = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, JsonNode> entry : iterable(requestItems)) {
            JsonNode spec = entry.getValue();
            ObjectNode named = AttributeValues.NODES.objectNode().put("TableName", entry.getKey());
            String tableName = Requests.tableName(named);
            ExpressionAttributes attributes = ExpressionAttributes.from(spec);
            Projection projection = Requests.projection(spec, attributes);
            attributes.requireAllUsed();
            JsonNode keys = spec.path("Keys");
            if (!keys.isArray() || keys.isEmpty()) {
                throw DynamoDbException.validation("1 validation error detected: Value at 'requestItems." + tableName
                        + ".member.keys' failed to satisfy constraint: Member must have length greater than or equal to 1");
            }
            total += keys.size();
            reads.add(new TableRead(tableName, keys, projection));
        }
        if (total > MAX_BATCH_GET) {
            throw DynamoDbException.validation("Too many items requested for the BatchGetItem call");
        }
        return store.read(() -> {
            ObjectNode response = AttributeValues.NODES.objectNode();
            ObjectNode responses = response.putObject("Responses");
            for (TableRead read : reads) {
                Table table = store.table(read.tableName());
                ArrayNode found = responses.putArray(read.tableName());
                Set<ObjectNode> seen = new TreeSet<>(table.keys().order());
                for (JsonNode rawKey : read.keys()) {
                    ObjectNode key = table.keys().requireKey(rawKey);
                    if (!seen.add(key)) {
                        throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                    }
                    ObjectNode item = table.get(key);
                    if (item != null) {
                        found.add(read.projection() == null ? item : read.projection().apply(item));
                    }
                }
            }
            response.putObject("UnprocessedKeys");
            return response;
        });
    }

    ObjectNode batchWriteItem(JsonNode request) {
        JsonNode requestItems = request.path("RequestItems");
        int total = 0;
        for (JsonNode writes : requestItems) {
            total += writes.size();
        }
        if (!requestItems.isObject() || requestItems.isEmpty() || total == 0 || total > MAX_BATCH_WRITE) {
            throw DynamoDbException.validation("1 validation error detected: Value at 'requestItems' failed to satisfy "
                    + "constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, "
                    + "Member must have length greater than or equal to 1]");
        }
        List<ItemWrite> writes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : iterable(requestItems)) {
            for (JsonNode element : entry.getValue()) {
                boolean put = element.has("PutRequest");
                if (put == element.has("DeleteRequest")) {
                    throw DynamoDbException.validation("Supplied AttributeValue has more than one datatypes set, must contain "
                            + "exactly one of PutRequest or DeleteRequest");
                }
                ObjectNode single = ((ObjectNode) element.get(put ? "PutRequest" : "DeleteRequest")).deepCopy();
                single.put("TableName", entry.getKey());
                writes.add(ItemWrite.parse(put ? ItemWrite.Kind.PUT : ItemWrite.Kind.DELETE, single));
            }
        }
        return store.write(() -> {
            // validate every write before applying any
            List<ItemWrite.Outcome> outcomes = new ArrayList<>();
            Map<String, Set<ObjectNode>> seen = new java.util.HashMap<>();
            for (ItemWrite write : writes) {
                Table table = store.table(write.tableName());
                ObjectNode key = write.key(table);
                if (!seen.computeIfAbsent(table.name(), t -> new TreeSet<>(table.keys().order())).add(key)) {
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                }
                outcomes.add(write.evaluate(table, key, table.get(key)));
            }
            for (int i = 0; i < writes.size(); i++) {
                ItemWrite.apply(outcomes.get(i), writes.get(i).kind());
            }
            ObjectNode response = AttributeValues.NODES.objectNode();
            response.putObject("UnprocessedItems");
            return response;
        });
    }

    static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
