package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A KeyConditionExpression checked against a key schema: equality on the partition key, and optionally one condition
 * on the sort key ({@code = < <= > >= BETWEEN begins_with}).
 */
record KeyCondition(JsonNode hashValue, Condition rangeCondition) {

    boolean matchesRange(ObjectNode item) {
        return rangeCondition == null || rangeCondition.test(item);
    }

    static KeyCondition from(Condition condition, KeySchema keys) {
        List<Condition> parts = new ArrayList<>();
        flatten(condition, parts);
        JsonNode hashValue = null;
        Condition range = null;
        for (Condition part : parts) {
            String attribute = keyAttribute(part);
            if (attribute == null || keys.typeOf(attribute) == null) {
                boolean hashPresent = parts.stream().anyMatch(p -> keys.hashName().equals(keyAttribute(p)));
                throw DynamoDbException.validation(hashPresent ? "Query key condition not supported"
                        : "Query condition missed key schema element: " + keys.hashName());
            }
            for (JsonNode value : literalValues(part)) {
                if (!AttributeValues.type(value).equals(keys.typeOf(attribute))) {
                    throw DynamoDbException.invalidParameter("Condition parameter type does not match schema type");
                }
            }
            if (attribute.equals(keys.hashName())) {
                if (hashValue != null) {
                    throw DynamoDbException.validation("KeyConditionExpressions must only contain one condition per key");
                }
                if (!(part instanceof Condition.Compare compare) || compare.comparator() != Condition.Comparator.EQ) {
                    throw DynamoDbException.validation("Query key condition not supported");
                }
                hashValue = literalValues(part).get(0);
            } else {
                if (range != null) {
                    throw DynamoDbException.validation("KeyConditionExpressions must only contain one condition per key");
                }
                if (part instanceof Condition.BeginsWith && keys.typeOf(attribute).equals("N")) {
                    throw ExpressionKind.KEY_CONDITION.invalid("Incorrect operand type for operator or function; operator or "
                            + "function: begins_with, operand type: NUMBER");
                }
                range = part;
            }
        }
        if (hashValue == null) {
            throw DynamoDbException.validation("Query condition missed key schema element: " + keys.hashName());
        }
        return new KeyCondition(hashValue, range);
    }

    private static void flatten(Condition condition, List<Condition> parts) {
        if (condition instanceof Condition.And and) {
            flatten(and.left(), parts);
            flatten(and.right(), parts);
        } else if (condition instanceof Condition.Or) {
            throw ExpressionKind.KEY_CONDITION.invalid("Invalid operator used in KeyConditionExpression: OR");
        } else if (condition instanceof Condition.Not) {
            throw ExpressionKind.KEY_CONDITION.invalid("Invalid operator used in KeyConditionExpression: NOT");
        } else {
            parts.add(condition);
        }
    }

    /** The top-level attribute a key condition part constrains, or null if the part has no such shape. */
    private static String keyAttribute(Condition part) {
        if (part instanceof Condition.Compare compare) {
            if (compare.comparator() == Condition.Comparator.NE) {
                throw ExpressionKind.KEY_CONDITION.invalid("Invalid operator used in KeyConditionExpression: <>");
            }
            return compare.left() instanceof Operand.Path p && compare.right() instanceof Operand.Value ? topLevel(p) : null;
        }
        if (part instanceof Condition.Between between) {
            return between.value() instanceof Operand.Path p && between.lower() instanceof Operand.Value
                    && between.upper() instanceof Operand.Value ? topLevel(p) : null;
        }
        if (part instanceof Condition.BeginsWith beginsWith) {
            return beginsWith.value() instanceof Operand.Path p && beginsWith.prefix() instanceof Operand.Value ? topLevel(p) : null;
        }
        if (part instanceof Condition.In) {
            throw ExpressionKind.KEY_CONDITION.invalid("Invalid operator used in KeyConditionExpression: IN");
        }
        String name = part.getClass().getSimpleName();
        throw ExpressionKind.KEY_CONDITION.invalid("Invalid operator used in KeyConditionExpression: " + name);
    }

    private static String topLevel(Operand.Path path) {
        return path.path().isTopLevel() ? path.path().topName() : null;
    }

    private static List<JsonNode> literalValues(Condition part) {
        List<JsonNode> values = new ArrayList<>();
        if (part instanceof Condition.Compare compare) {
            values.add(((Operand.Value) compare.right()).value());
        } else if (part instanceof Condition.Between between) {
            values.add(((Operand.Value) between.lower()).value());
            values.add(((Operand.Value) between.upper()).value());
        } else if (part instanceof Condition.BeginsWith beginsWith) {
            values.add(((Operand.Value) beginsWith.prefix()).value());
        }
        return values;
    }
}
