package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TransactWriteItems and TransactGetItems. A write transaction runs under the store's write lock: every condition is
 * checked against the current items, and either all writes apply or none does and the caller gets
 * TransactionCanceledException with one reason per element, in request order. A ClientRequestToken makes a
 * transaction idempotent for ten minutes, as on AWS.
 */
final class TransactionOperations {
    private static final int MAX_ITEMS = 100;
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);

    private record CompletedTransaction(JsonNode request, Instant at) {
    }

    private final TableStore store;
    private final Clock clock;
    private final Map<String, CompletedTransaction> completedByToken = new HashMap<>();

    TransactionOperations(TableStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    ObjectNode transactWriteItems(JsonNode request) {
        JsonNode elements = transactItems(request);
        List<ItemWrite> writes = new ArrayList<>();
        for (JsonNode element : elements) {
            writes.add(parseElement(element));
        }
        String token = Requests.text(request, "ClientRequestToken");
        ObjectNode fingerprint = request.deepCopy();
        fingerprint.remove(List.of("ReturnConsumedCapacity", "ReturnItemCollectionMetrics"));
        return store.write(() -> {
            if (token != null && replayed(token, fingerprint)) {
                return AttributeValues.NODES.objectNode();
            }
            List<Table> tables = new ArrayList<>();
            List<ObjectNode> keys = new ArrayList<>();
            Set<String> targets = new HashSet<>();
            for (ItemWrite write : writes) {
                Table table = store.table(write.tableName());
                ObjectNode key = write.key(table);
                if (!targets.add(table.name() + "\u0000" + key)) {
                    throw DynamoDbException.validation("Transaction request cannot include multiple operations on one item");
                }
                tables.add(table);
                keys.add(key);
            }
            ArrayNode reasons = AttributeValues.NODES.arrayNode();
            List<ItemWrite.Outcome> outcomes = new ArrayList<>();
            boolean cancelled = false;
            for (int i = 0; i < writes.size(); i++) {
                ItemWrite write = writes.get(i);
                ObjectNode existing = tables.get(i).get(keys.get(i));
                ObjectNode reason = reasons.addObject();
                if (!write.conditionHolds(existing)) {
                    reason.put("Code", "ConditionalCheckFailed").put("Message", "The conditional request failed");
                    if (write.returnItemOnConditionFailure() && existing != null) {
                        reason.set("Item", existing);
                    }
                    cancelled = true;
                    continue;
                }
                try {
                    outcomes.add(write.evaluate(tables.get(i), keys.get(i), existing));
                    reason.put("Code", "None");
                } catch (DynamoDbException invalid) {
                    reason.put("Code", "ValidationError").put("Message", invalid.getMessage());
                    cancelled = true;
                }
            }
            if (cancelled) {
                throw DynamoDbException.transactionCanceled(reasons);
            }
            for (int i = 0; i < writes.size(); i++) {
                ItemWrite.apply(outcomes.get(i), writes.get(i).kind());
            }
            if (token != null) {
                completedByToken.put(token, new CompletedTransaction(fingerprint, clock.instant()));
            }
            return AttributeValues.NODES.objectNode();
        });
    }

    /** Whether {@code token} was already used by this very request (a retry); a different request is an error. */
    private boolean replayed(String token, JsonNode fingerprint) {
        Instant now = clock.instant();
        completedByToken.values().removeIf(done -> done.at().plus(TOKEN_LIFETIME).isBefore(now));
        CompletedTransaction previous = completedByToken.get(token);
        if (previous == null) {
            return false;
        }
        if (!previous.request().equals(fingerprint)) {
            throw DynamoDbException.of("IdempotentParameterMismatchException", "Specified idempotency token was used with "
                    + "different request parameters within the 10 minutes time window.");
        }
        return true;
    }

    private static ItemWrite parseElement(JsonNode element) {
        List<String> present = new ArrayList<>();
        element.fieldNames().forEachRemaining(present::add);
        if (present.size() != 1) {
            throw DynamoDbException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        String action = present.get(0);
        ItemWrite.Kind kind = switch (action) {
            case "Put" -> ItemWrite.Kind.PUT;
            case "Update" -> ItemWrite.Kind.UPDATE;
            case "Delete" -> ItemWrite.Kind.DELETE;
            case "ConditionCheck" -> ItemWrite.Kind.CONDITION_CHECK;
            default -> throw DynamoDbException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        };
        return ItemWrite.parse(kind, element.get(action));
    }

    ObjectNode transactGetItems(JsonNode request) {
        JsonNode elements = transactItems(request);
        record Get(String tableName, JsonNode key, Projection projection) {
        }
        List<Get> gets = new ArrayList<>();
        for (JsonNode element : elements) {
            JsonNode get = element.get("Get");
            if (get == null || element.size() != 1) {
                throw DynamoDbException.validation("TransactGetItems elements must contain exactly one Get");
            }
            ExpressionAttributes attributes = ExpressionAttributes.from(get);
            Projection projection = Requests.projection(get, attributes);
            attributes.requireAllUsed();
            gets.add(new Get(Requests.tableName(get), get.get("Key"), projection));
        }
        return store.read(() -> {
            ObjectNode response = AttributeValues.NODES.objectNode();
            ArrayNode responses = response.putArray("Responses");
            for (Get get : gets) {
                Table table = store.table(get.tableName());
                ObjectNode item = table.get(table.keys().requireKey(get.key()));
                ObjectNode entry = responses.addObject();
                if (item != null) {
                    entry.set("Item", get.projection() == null ? item : get.projection().apply(item));
                }
            }
            return response;
        });
    }

    private static JsonNode transactItems(JsonNode request) {
        JsonNode elements = request.get("TransactItems");
        if (elements == null || !elements.isArray() || elements.isEmpty() || elements.size() > MAX_ITEMS) {
            throw DynamoDbException.validation("1 validation error detected: Value at 'transactItems' failed to satisfy "
                    + "constraint: Member must have length less than or equal to 100, Member must have length greater than "
                    + "or equal to 1");
        }
        return elements;
    }
}
