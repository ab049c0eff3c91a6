package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Control-plane operations: CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable, the TTL and continuous
 * backup settings, and tags. Tables are ACTIVE as soon as they are created.
 */
final class TableOperations {
    private final TableStore store;
    private final Clock clock;

    TableOperations(TableStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    ObjectNode createTable(JsonNode request) {
        Table table = newTable(request, clock.instant(), UUID.randomUUID().toString());
        return store.write(() -> {
            if (store.tables().containsKey(table.name())) {
                throw DynamoDbException.resourceInUse("Table already exists: " + table.name());
            }
            store.tables().put(table.name(), table);
            return tableDescription(table.describe("ACTIVE"));
        });
    }

    ObjectNode describeTable(JsonNode request) {
        String name = Requests.tableName(request);
        return store.read(() -> {
            Table table = store.tables().get(name);
            if (table == null) {
                throw DynamoDbException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
            }
            ObjectNode out = AttributeValues.NODES.objectNode();
            out.set("Table", table.describe("ACTIVE"));
            return out;
        });
    }

    ObjectNode listTables(JsonNode request) {
        int limit = request.path("Limit").asInt(100);
        if (limit < 1 || limit > 100) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to satisfy "
                    + "constraint: Member must have value less than or equal to 100");
        }
        String start = Requests.text(request, "ExclusiveStartTableName");
        return store.read(() -> {
            ObjectNode out = AttributeValues.NODES.objectNode();
            ArrayNode names = out.putArray("TableNames");
            List<String> all = new ArrayList<>(store.tables().keySet());
            int from = 0;
            if (start != null) {
                while (from < all.size() && all.get(from).compareTo(start) <= 0) {
                    from++;
                }
            }
            int to = Math.min(all.size(), from + limit);
            all.subList(from, to).forEach(names::add);
            if (to < all.size()) {
                out.put("LastEvaluatedTableName", all.get(to - 1));
            }
            return out;
        });
    }

    ObjectNode deleteTable(JsonNode request) {
        String name = Requests.tableName(request);
        return store.write(() -> {
            Table table = store.tables().get(name);
            if (table == null) {
                throw DynamoDbException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
            }
            if (table.deletionProtection()) {
                throw DynamoDbException.validation("Resource cannot be deleted as it is currently protected against deletion. "
                        + "Disable deletion protection first.");
            }
            store.tables().remove(name);
            return tableDescription(table.describe("DELETING"));
        });
    }

    /** UpdateTable: billing mode / throughput, deletion protection, stream spec, and creating or deleting GSIs. */
    ObjectNode updateTable(JsonNode request) {
        String name = Requests.tableName(request);
        return store.write(() -> {
            Table table = store.table(name);
            Map<String, String> definitions = new LinkedHashMap<>(table.attributeDefinitions());
            definitions.putAll(attributeDefinitions(request.path("AttributeDefinitions")));
            if (request.has("BillingMode") || request.has("ProvisionedThroughput")) {
                applyBilling(table, request);
            }
            if (request.has("DeletionProtectionEnabled")) {
                table.deletionProtection(request.get("DeletionProtectionEnabled").asBoolean());
            }
            if (request.has("StreamSpecification")) {
                table.streamSpecification(request.get("StreamSpecification"));
            }
            for (JsonNode update : request.path("GlobalSecondaryIndexUpdates")) {
                if (update.has("Create")) {
                    SecondaryIndex index = index(update.get("Create"), true, definitions, table.keys());
                    if (table.indexes().containsKey(index.name())) {
                        throw DynamoDbException.validation("Attempting to create an index which already exists");
                    }
                    table.indexes().put(index.name(), index);
                    table.attributeDefinitions().putAll(definitions);
                } else if (update.has("Delete")) {
                    String indexName = update.get("Delete").path("IndexName").asText();
                    if (table.indexes().remove(indexName) == null) {
                        throw DynamoDbException.resourceNotFound("Requested resource not found: Index: " + indexName
                                + " not found");
                    }
                } else if (!update.has("Update")) {
                    throw DynamoDbException.validation("GlobalSecondaryIndexUpdates must contain Create, Update or Delete");
                }
            }
            return tableDescription(table.describe("ACTIVE"));
        });
    }

    ObjectNode updateTimeToLive(JsonNode request) {
        String name = Requests.tableName(request);
        JsonNode spec = request.get("TimeToLiveSpecification");
        if (spec == null || !spec.has("Enabled") || spec.path("AttributeName").asText("").isEmpty()) {
            throw DynamoDbException.validation("TimeToLiveSpecification requires Enabled and AttributeName");
        }
        boolean enable = spec.get("Enabled").asBoolean();
        String attribute = spec.get("AttributeName").asText();
        return store.write(() -> {
            Table table = store.table(name);
            if (enable) {
                if (table.ttlAttribute() != null) {
                    throw DynamoDbException.validation(table.ttlAttribute().equals(attribute)
                            ? "TimeToLive is already enabled"
                            : "TimeToLive is active on a different AttributeName: current AttributeName is " + table.ttlAttribute());
                }
                table.ttlAttribute(attribute);
            } else {
                if (table.ttlAttribute() == null) {
                    throw DynamoDbException.validation("TimeToLive is already disabled");
                }
                table.ttlAttribute(null);
            }
            ObjectNode out = AttributeValues.NODES.objectNode();
            out.putObject("TimeToLiveSpecification").put("AttributeName", attribute).put("Enabled", enable);
            return out;
        });
    }

    ObjectNode describeTimeToLive(JsonNode request) {
        String name = Requests.tableName(request);
        return store.read(() -> {
            Table table = store.table(name);
            ObjectNode out = AttributeValues.NODES.objectNode();
            ObjectNode description = out.putObject("TimeToLiveDescription");
            if (table.ttlAttribute() == null) {
                description.put("TimeToLiveStatus", "DISABLED");
            } else {
                description.put("TimeToLiveStatus", "ENABLED").put("AttributeName", table.ttlAttribute());
            }
            return out;
        });
    }

    ObjectNode updateContinuousBackups(JsonNode request) {
        String name = Requests.tableName(request);
        JsonNode spec = request.get("PointInTimeRecoverySpecification");
        if (spec == null || !spec.has("PointInTimeRecoveryEnabled")) {
            throw DynamoDbException.validation("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled is required");
        }
        return store.write(() -> {
            Table table = store.table(name);
            table.pointInTimeRecovery(spec.get("PointInTimeRecoveryEnabled").asBoolean());
            return continuousBackups(table);
        });
    }

    ObjectNode describeContinuousBackups(JsonNode request) {
        String name = Requests.tableName(request);
        return store.read(() -> continuousBackups(store.table(name)));
    }

    private ObjectNode continuousBackups(Table table) {
        ObjectNode out = AttributeValues.NODES.objectNode();
        ObjectNode description = out.putObject("ContinuousBackupsDescription").put("ContinuousBackupsStatus", "ENABLED");
        ObjectNode pitr = description.putObject("PointInTimeRecoveryDescription")
                .put("PointInTimeRecoveryStatus", table.pointInTimeRecovery() ? "ENABLED" : "DISABLED");
        if (table.pointInTimeRecovery()) {
            pitr.put("EarliestRestorableDateTime", BigDecimal.valueOf(table.createdAt().toEpochMilli(), 3));
            pitr.put("LatestRestorableDateTime", BigDecimal.valueOf(clock.millis(), 3));
            pitr.put("RecoveryPeriodInDays", 35);
        }
        return out;
    }

    ObjectNode tagResource(JsonNode request) {
        String arn = Requests.text(request, "ResourceArn");
        return store.write(() -> {
            Table table = tableByArn(arn);
            for (JsonNode tag : request.path("Tags")) {
                table.tags().put(tag.path("Key").asText(), tag.path("Value").asText());
            }
            return AttributeValues.NODES.objectNode();
        });
    }

    ObjectNode untagResource(JsonNode request) {
        String arn = Requests.text(request, "ResourceArn");
        return store.write(() -> {
            Table table = tableByArn(arn);
            request.path("TagKeys").forEach(key -> table.tags().remove(key.asText()));
            return AttributeValues.NODES.objectNode();
        });
    }

    ObjectNode listTagsOfResource(JsonNode request) {
        String arn = Requests.text(request, "ResourceArn");
        return store.read(() -> {
            ObjectNode out = AttributeValues.NODES.objectNode();
            ArrayNode tags = out.putArray("Tags");
            tableByArn(arn).tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
            return out;
        });
    }

    private Table tableByArn(String arn) {
        String prefix = "arn:aws:dynamodb:" + Table.REGION + ":" + Table.ACCOUNT + ":table/";
        if (arn == null || !arn.startsWith(prefix)) {
            throw DynamoDbException.validation("Invalid TableArn: " + arn);
        }
        Table table = store.tables().get(arn.substring(prefix.length()));
        if (table == null) {
            throw DynamoDbException.resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found");
        }
        return table;
    }

    private static ObjectNode tableDescription(ObjectNode description) {
        ObjectNode out = AttributeValues.NODES.objectNode();
        out.set("TableDescription", description);
        return out;
    }

    // ---- definitions -------------------------------------------------------------------------------------------

    /** Builds a table from a CreateTable request (also used to restore tables from a data file). */
    static Table newTable(JsonNode request, Instant createdAt, String tableId) {
        String name = Requests.tableName(request);
        Map<String, String> definitions = attributeDefinitions(request.get("AttributeDefinitions"));
        KeySchema keys = KeySchema.parse(request.get("KeySchema"), definitions, "table " + name);
        Table table = new Table(name, tableId, createdAt, keys, definitions);
        applyBilling(table, request);
        Set<String> used = new LinkedHashSet<>(keys.attributeNames());
        for (JsonNode gsi : request.path("GlobalSecondaryIndexes")) {
            addIndex(table, index(gsi, true, definitions, keys), used);
        }
        for (JsonNode lsi : request.path("LocalSecondaryIndexes")) {
            SecondaryIndex index = index(lsi, false, definitions, keys);
            if (!keys.hasRange()) {
                throw DynamoDbException.invalidParameter("Table KeySchema does not have a range key, which is required when "
                        + "specifying a LocalSecondaryIndex");
            }
            if (!index.keys().hashName().equals(keys.hashName()) || !index.keys().hasRange()) {
                throw DynamoDbException.invalidParameter("Index KeySchema does not have the same leading hash key as table "
                        + "KeySchema for index: " + index.name());
            }
            addIndex(table, index, used);
        }
        if (!used.containsAll(definitions.keySet())) {
            throw DynamoDbException.invalidParameter("Some AttributeDefinitions are not used. AttributeDefinitions: "
                    + definitions.keySet() + ", keys used: " + used);
        }
        table.deletionProtection(request.path("DeletionProtectionEnabled").asBoolean(false));
        if (request.hasNonNull("StreamSpecification")) {
            table.streamSpecification(request.get("StreamSpecification"));
        }
        for (JsonNode tag : request.path("Tags")) {
            table.tags().put(tag.path("Key").asText(), tag.path("Value").asText());
        }
        return table;
    }

    private static void addIndex(Table table, SecondaryIndex index, Set<String> used) {
        if (table.indexes().containsKey(index.name())) {
            throw DynamoDbException.invalidParameter("Duplicate index name: " + index.name());
        }
        table.indexes().put(index.name(), index);
        used.addAll(index.keys().attributeNames());
    }

    private static Map<String, String> attributeDefinitions(JsonNode definitions) {
        Map<String, String> types = new LinkedHashMap<>();
        if (definitions == null || definitions.isMissingNode() || definitions.isNull()) {
            return types;
        }
        for (JsonNode definition : definitions) {
            String name = definition.path("AttributeName").asText("");
            String type = definition.path("AttributeType").asText("");
            if (name.isEmpty() || !Set.of("S", "N", "B").contains(type)) {
                throw DynamoDbException.validation("1 validation error detected: Value '" + type + "' at "
                        + "'attributeDefinitions.member.attributeType' failed to satisfy constraint: Member must satisfy enum "
                        + "value set: [B, N, S]");
            }
            if (types.put(name, type) != null) {
                throw DynamoDbException.invalidParameter("Duplicate AttributeName in AttributeDefinitions: " + name);
            }
        }
        return types;
    }

    private static SecondaryIndex index(JsonNode spec, boolean global, Map<String, String> definitions, KeySchema tableKeys) {
        String name = Requests.name(spec, "IndexName", "indexName");
        KeySchema keys = KeySchema.parse(spec.get("KeySchema"), definitions, "index " + name);
        JsonNode projection = spec.path("Projection");
        String type = projection.path("ProjectionType").asText("");
        if (!Set.of("ALL", "KEYS_ONLY", "INCLUDE").contains(type)) {
            throw DynamoDbException.invalidParameter("Unknown ProjectionType: " + type + " for index: " + name);
        }
        List<String> nonKey = new ArrayList<>();
        projection.path("NonKeyAttributes").forEach(attr -> nonKey.add(attr.asText()));
        if (type.equals("INCLUDE") == nonKey.isEmpty()) {
            throw DynamoDbException.invalidParameter(type.equals("INCLUDE")
                    ? "NonKeyAttributes must be specified for ProjectionType INCLUDE, index: " + name
                    : "ProjectionType is " + type + ", but NonKeyAttributes is specified");
        }
        JsonNode throughput = spec.path("ProvisionedThroughput");
        return new SecondaryIndex(name, global, keys, type, nonKey, throughput.path("ReadCapacityUnits").asLong(0),
                throughput.path("WriteCapacityUnits").asLong(0));
    }

    private static void applyBilling(Table table, JsonNode request) {
        String mode = Requests.choice(request, "BillingMode", request.has("ProvisionedThroughput") ? "PROVISIONED" : "PAY_PER_REQUEST",
                Set.of("PROVISIONED", "PAY_PER_REQUEST"));
        JsonNode throughput = request.get("ProvisionedThroughput");
        boolean hasThroughput = throughput != null && !throughput.isNull();
        if (mode.equals("PAY_PER_REQUEST") && hasThroughput) {
            throw DynamoDbException.invalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                    + "BillingMode is PAY_PER_REQUEST");
        }
        if (mode.equals("PROVISIONED")) {
            long read = hasThroughput ? throughput.path("ReadCapacityUnits").asLong(0) : 0;
            long write = hasThroughput ? throughput.path("WriteCapacityUnits").asLong(0) : 0;
            if (read < 1 || write < 1) {
                throw DynamoDbException.invalidParameter("ReadCapacityUnits and WriteCapacityUnits must both be specified when "
                        + "BillingMode is PROVISIONED");
            }
            table.billing(mode, read, write);
        } else {
            table.billing(mode, 0, 0);
        }
    }
}
