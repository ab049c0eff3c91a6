package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * One parsed single-item write — Put, Update, Delete or ConditionCheck — as found in PutItem/UpdateItem/DeleteItem
 * requests and in TransactWriteItems elements. Parsing validates everything that does not need the table; the rest
 * happens in {@link #evaluate}, under the store's write lock.
 */
final class ItemWrite {
    enum Kind { PUT, UPDATE, DELETE, CONDITION_CHECK }

    /** The outcome of evaluating a write against the current item; {@code newItem} null means "delete". */
    record Outcome(Table table, ObjectNode key, ObjectNode oldItem, ObjectNode newItem) {
    }

    private final Kind kind;
    private final String tableName;
    private final JsonNode rawKey;
    private final ObjectNode item;
    private final UpdateExpression update;
    private final Condition condition;
    private final boolean returnItemOnConditionFailure;

    private ItemWrite(Kind kind, JsonNode request, JsonNode rawKey, ObjectNode item, UpdateExpression update,
            Condition condition) {
        this.kind = kind;
        this.tableName = Requests.tableName(request);
        this.rawKey = rawKey;
        this.item = item;
        this.update = update;
        this.condition = condition;
        this.returnItemOnConditionFailure = Requests.choice(request, "ReturnValuesOnConditionCheckFailure", "NONE",
                Set.of("ALL_OLD", "NONE")).equals("ALL_OLD");
    }

    static ItemWrite parse(Kind kind, JsonNode request) {
        Requests.rejectLegacy(request, "Expected", "ConditionalOperator", "AttributeUpdates");
        ExpressionAttributes attributes = ExpressionAttributes.from(request);
        ObjectNode item = null;
        JsonNode key = null;
        UpdateExpression update = null;
        if (kind == Kind.PUT) {
            JsonNode rawItem = request.get("Item");
            if (rawItem == null || rawItem.isNull()) {
                throw DynamoDbException.validation("1 validation error detected: Value null at 'item' failed to satisfy "
                        + "constraint: Member must not be null");
            }
            item = AttributeValues.normalizeItem(rawItem);
        } else {
            key = request.get("Key");
            if (key == null || key.isNull()) {
                throw DynamoDbException.validation("1 validation error detected: Value null at 'key' failed to satisfy "
                        + "constraint: Member must not be null");
            }
        }
        if (kind == Kind.UPDATE && request.hasNonNull("UpdateExpression")) {
            update = ExpressionParser.parseUpdate(request.get("UpdateExpression").asText(), attributes);
        }
        Condition condition = Requests.condition(request, "ConditionExpression", ExpressionKind.CONDITION, attributes);
        if (kind == Kind.CONDITION_CHECK && condition == null) {
            throw DynamoDbException.validation("The ConditionExpression of a ConditionCheck must be provided");
        }
        attributes.requireAllUsed();
        return new ItemWrite(kind, request, key, item, update, condition);
    }

    Kind kind() {
        return kind;
    }

    String tableName() {
        return tableName;
    }

    UpdateExpression update() {
        return update;
    }

    /** The validated primary key this write targets (needs the table's schema). */
    ObjectNode key(Table table) {
        if (kind == Kind.PUT) {
            table.keys().requireKeyIn(item);
            return table.keys().keyOf(item);
        }
        return table.keys().requireKey(rawKey);
    }

    /** Whether the condition (if any) holds for {@code existing} (null = no item). */
    boolean conditionHolds(ObjectNode existing) {
        return condition == null || condition.test(existing == null ? AttributeValues.NODES.objectNode() : existing);
    }

    /** The ConditionalCheckFailedException for this write, with the item if the request asked for it. */
    DynamoDbException conditionFailure(ObjectNode existing) {
        return DynamoDbException.conditionalCheckFailed(returnItemOnConditionFailure ? existing : null);
    }

    boolean returnItemOnConditionFailure() {
        return returnItemOnConditionFailure;
    }

    /** Computes the item after this write (null for a delete), without storing it. Call under the write lock. */
    Outcome evaluate(Table table, ObjectNode key, ObjectNode existing) {
        ObjectNode newItem = switch (kind) {
            case PUT -> item;
            case DELETE -> null;
            case CONDITION_CHECK -> existing;
            case UPDATE -> {
                ObjectNode base = existing != null ? existing : key.deepCopy();
                if (update == null) {
                    yield base;
                }
                for (AttributePath path : update.paths()) {
                    if (table.keys().attributeNames().contains(path.topName())) {
                        throw DynamoDbException.invalidParameter("Cannot update attribute " + path.topName()
                                + ". This attribute is part of the key");
                    }
                }
                yield update.apply(base);
            }
        };
        if (newItem != null && kind != Kind.CONDITION_CHECK) {
            table.validateItem(newItem);
        }
        return new Outcome(table, key, existing, newItem);
    }

    /** Stores the outcome of {@link #evaluate}. */
    static void apply(Outcome outcome, Kind kind) {
        if (kind == Kind.CONDITION_CHECK) {
            return;
        }
        if (outcome.newItem() == null) {
            outcome.table().delete(outcome.key());
        } else {
            outcome.table().put(outcome.newItem());
        }
    }
}
