package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Query and Scan, on a table or a secondary index, with DynamoDB's paging: {@code Limit} caps the items examined
 * (before the filter), pages also stop at 1 MB, and {@code LastEvaluatedKey} is returned when items remain.
 */
final class QueryOperations {
    private static final long MAX_PAGE_BYTES = 1024 * 1024;
    private static final Set<String> SELECTS = Set.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT");

    private final TableStore store;

    QueryOperations(TableStore store) {
        this.store = store;
    }

    /** The parts of a Query or Scan request that are read the same way. */
    private record ReadRequest(String tableName, String indexName, Condition filter, Projection projection, String select,
            Integer limit, JsonNode exclusiveStartKey, boolean consistentRead) {
    }

    ObjectNode query(JsonNode request) {
        Requests.rejectLegacy(request, "KeyConditions", "QueryFilter", "ConditionalOperator");
        ExpressionAttributes attributes = ExpressionAttributes.from(request);
        String keySource = Requests.text(request, "KeyConditionExpression");
        if (keySource == null) {
            throw DynamoDbException.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified "
                    + "in the request.");
        }
        Condition keyCondition = ExpressionParser.parseCondition(keySource, ExpressionKind.KEY_CONDITION, attributes);
        ReadRequest read = readRequest(request, attributes);
        boolean forward = request.path("ScanIndexForward").asBoolean(true);
        return store.read(() -> {
            Table table = store.table(read.tableName());
            SecondaryIndex index = read.indexName() == null ? null : table.index(read.indexName());
            KeySchema keys = index == null ? table.keys() : index.keys();
            KeyCondition key = KeyCondition.from(keyCondition, keys);
            List<ObjectNode> candidates = new ArrayList<>();
            if (index == null) {
                candidates.addAll(table.partition(key.hashValue()));
            } else {
                for (ObjectNode item : table.items()) {
                    if (index.keys().matches(item) && item.get(keys.hashName()).equals(key.hashValue())) {
                        candidates.add(item);
                    }
                }
                candidates.sort(order(table, index));
            }
            candidates.removeIf(item -> !key.matchesRange(item));
            if (!forward) {
                Collections.reverse(candidates);
            }
            return page(request, read, table, index, candidates, forward);
        });
    }

    ObjectNode scan(JsonNode request) {
        Requests.rejectLegacy(request, "ScanFilter", "ConditionalOperator");
        ExpressionAttributes attributes = ExpressionAttributes.from(request);
        ReadRequest read = readRequest(request, attributes);
        Integer segment = request.hasNonNull("Segment") ? request.get("Segment").asInt() : null;
        Integer totalSegments = request.hasNonNull("TotalSegments") ? request.get("TotalSegments").asInt() : null;
        if ((segment == null) != (totalSegments == null)) {
            throw DynamoDbException.validation(segment == null
                    ? "The Segment parameter is required but was not present in the request when parameter TotalSegments is present"
                    : "The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
        }
        if (totalSegments != null && (totalSegments < 1 || totalSegments > 1_000_000 || segment < 0 || segment >= totalSegments)) {
            throw DynamoDbException.validation("The Segment parameter is zero-based and must be less than parameter "
                    + "TotalSegments: Segment: " + segment + " is out of bounds for TotalSegments: " + totalSegments);
        }
        return store.read(() -> {
            Table table = store.table(read.tableName());
            SecondaryIndex index = read.indexName() == null ? null : table.index(read.indexName());
            List<ObjectNode> candidates = new ArrayList<>();
            for (ObjectNode item : table.items()) {
                if ((index == null || index.keys().matches(item))
                        && (segment == null || segmentOf(item, table.keys(), totalSegments) == segment)) {
                    candidates.add(item);
                }
            }
            if (index != null) {
                candidates.sort(order(table, index));
            }
            return page(request, read, table, index, candidates, true);
        });
    }

    private static int segmentOf(ObjectNode item, KeySchema keys, int totalSegments) {
        return Math.floorMod(item.get(keys.hashName()).hashCode(), totalSegments);
    }

    private ReadRequest readRequest(JsonNode request, ExpressionAttributes attributes) {
        String tableName = Requests.tableName(request);
        String indexName = request.hasNonNull("IndexName") ? Requests.name(request, "IndexName", "indexName") : null;
        Condition filter = Requests.condition(request, "FilterExpression", ExpressionKind.FILTER, attributes);
        Projection projection = Requests.projection(request, attributes);
        attributes.requireAllUsed();
        String select = Requests.choice(request, "Select", null, SELECTS);
        if (projection != null && select != null && !select.equals("SPECIFIC_ATTRIBUTES")) {
            throw DynamoDbException.validation("Cannot specify the AttributesToGet or ProjectionExpression when choosing to get "
                    + select);
        }
        if (projection == null && "SPECIFIC_ATTRIBUTES".equals(select)) {
            throw DynamoDbException.validation("Must specify the AttributesToGet or ProjectionExpression when choosing to get "
                    + "SPECIFIC_ATTRIBUTES");
        }
        if (indexName == null && "ALL_PROJECTED_ATTRIBUTES".equals(select)) {
            throw DynamoDbException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        Integer limit = request.hasNonNull("Limit") ? request.get("Limit").asInt() : null;
        if (limit != null && limit < 1) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to satisfy "
                    + "constraint: Member must have value greater than or equal to 1");
        }
        JsonNode startKey = request.hasNonNull("ExclusiveStartKey") ? request.get("ExclusiveStartKey") : null;
        return new ReadRequest(tableName, indexName, filter, projection, select, limit, startKey,
                request.path("ConsistentRead").asBoolean(false));
    }

    /** Items ordered by the index key, then by the table key (so the order is total and pages can resume). */
    private static Comparator<ObjectNode> order(Table table, SecondaryIndex index) {
        return index == null ? table.keys().order() : index.keys().order().thenComparing(table.keys().order());
    }

    private ObjectNode page(JsonNode request, ReadRequest read, Table table, SecondaryIndex index, List<ObjectNode> candidates,
            boolean forward) {
        if (index != null && index.global() && read.consistentRead()) {
            throw DynamoDbException.validation("Consistent reads are not supported on global secondary indexes");
        }
        if (index != null && "ALL_ATTRIBUTES".equals(read.select()) && !index.projectionType().equals("ALL")) {
            throw DynamoDbException.invalidParameter("Select type ALL_ATTRIBUTES is not supported for global secondary index "
                    + index.name() + " because its projection type is not ALL");
        }
        Comparator<ObjectNode> order = order(table, index);
        int start = 0;
        if (read.exclusiveStartKey() != null) {
            ObjectNode startKey = startKey(read.exclusiveStartKey(), table, index);
            while (start < candidates.size()) {
                int relation = order.compare(candidates.get(start), startKey);
                if (forward ? relation > 0 : relation < 0) {
                    break;
                }
                start++;
            }
        }
        boolean count = "COUNT".equals(read.select());
        ObjectNode response = AttributeValues.NODES.objectNode();
        ArrayNode items = AttributeValues.NODES.arrayNode();
        int scanned = 0;
        int matched = 0;
        long bytes = 0;
        ObjectNode last = null;
        int position = start;
        while (position < candidates.size()) {
            if ((read.limit() != null && scanned >= read.limit()) || bytes >= MAX_PAGE_BYTES) {
                break;
            }
            ObjectNode item = candidates.get(position++);
            scanned++;
            bytes += AttributeValues.itemSize(item);
            last = item;
            ObjectNode visible = index == null ? item : index.project(item, table.keys());
            if (read.filter() != null && !read.filter().test(visible)) {
                continue;
            }
            matched++;
            if (!count) {
                items.add(read.projection() == null ? visible : read.projection().apply(visible));
            }
        }
        if (!count) {
            response.set("Items", items);
        }
        response.put("Count", matched).put("ScannedCount", scanned);
        if (position < candidates.size() && last != null) {
            ObjectNode lastKey = table.keys().keyOf(last);
            if (index != null) {
                lastKey.setAll(index.keys().keyOf(last));
            }
            response.set("LastEvaluatedKey", lastKey);
        }
        Requests.consumedCapacity(request, response, table.name(), Math.max(0.5, bytes / 8192.0));
        return response;
    }

    private static ObjectNode startKey(JsonNode raw, Table table, SecondaryIndex index) {
        ObjectNode key = AttributeValues.normalizeItem(raw);
        List<String> required = new ArrayList<>(table.keys().attributeNames());
        if (index != null) {
            required.addAll(index.keys().attributeNames());
        }
        for (String name : required) {
            JsonNode value = key.get(name);
            String type = table.keys().typeOf(name) != null ? table.keys().typeOf(name) : index.keys().typeOf(name);
            if (value == null || !AttributeValues.type(value).equals(type)) {
                throw DynamoDbException.validation("The provided starting key is invalid: The provided key element does not "
                        + "match the schema");
            }
        }
        return key;
    }
}
