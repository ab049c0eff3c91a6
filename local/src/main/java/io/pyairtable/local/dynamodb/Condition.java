package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A parsed condition (ConditionExpression, FilterExpression, KeyConditionExpression) that tests an item. Comparisons
 * between values of different types, or with a missing attribute, are simply false — except {@code <>}, which is
 * true when the two sides differ in any way, as in DynamoDB.
 */
sealed interface Condition {

    boolean test(ObjectNode item);

    enum Comparator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }

        boolean test(JsonNode a, JsonNode b) {
            if (this == EQ) {
                return a != null && a.equals(b);
            }
            if (this == NE) {
                return a == null || !a.equals(b);
            }
            if (a == null || b == null || !AttributeValues.type(a).equals(AttributeValues.type(b))
                    || !AttributeValues.isOrderable(AttributeValues.type(a))) {
                return false;
            }
            int order = AttributeValues.compare(a, b);
            return switch (this) {
                case LT -> order < 0;
                case LE -> order <= 0;
                case GT -> order > 0;
                default -> order >= 0;
            };
        }
    }

    record Compare(Operand left, Comparator comparator, Operand right) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            return comparator.test(left.evaluate(item), right.evaluate(item));
        }
    }

    record Between(Operand value, Operand lower, Operand upper) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            JsonNode v = value.evaluate(item);
            return Comparator.GE.test(v, lower.evaluate(item)) && Comparator.LE.test(v, upper.evaluate(item));
        }
    }

    record In(Operand value, List<Operand> candidates) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            JsonNode v = value.evaluate(item);
            return v != null && candidates.stream().anyMatch(c -> v.equals(c.evaluate(item)));
        }
    }

    record And(Condition left, Condition right) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            return left.test(item) && right.test(item);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            return left.test(item) || right.test(item);
        }
    }

    record Not(Condition condition) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            return !condition.test(item);
        }
    }

    record AttributeExists(AttributePath path) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            return path.get(item) != null;
        }
    }

    record AttributeNotExists(AttributePath path) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            return path.get(item) == null;
        }
    }

    record AttributeType(AttributePath path, String type) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            JsonNode value = path.get(item);
            return value != null && AttributeValues.type(value).equals(type);
        }
    }

    /** {@code begins_with(a, b)}: a string prefix of a string, or a byte prefix of a binary. */
    record BeginsWith(Operand value, Operand prefix) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            JsonNode v = value.evaluate(item);
            JsonNode p = prefix.evaluate(item);
            if (v == null || p == null || !AttributeValues.type(v).equals(AttributeValues.type(p))) {
                return false;
            }
            if (v.has("S")) {
                return v.get("S").asText().startsWith(p.get("S").asText());
            }
            if (v.has("B")) {
                byte[] bytes = AttributeValues.decode(v.get("B").asText());
                byte[] start = AttributeValues.decode(p.get("B").asText());
                return bytes.length >= start.length
                        && java.util.Arrays.equals(bytes, 0, start.length, start, 0, start.length);
            }
            return false;
        }
    }

    /** {@code contains(a, b)}: substring of a string, member of a set, or element of a list. */
    record Contains(Operand container, Operand element) implements Condition {
        @Override
        public boolean test(ObjectNode item) {
            JsonNode c = container.evaluate(item);
            JsonNode e = element.evaluate(item);
            if (c == null || e == null) {
                return false;
            }
            String type = AttributeValues.type(c);
            String elementType = AttributeValues.type(e);
            if (type.equals("S") && elementType.equals("S")) {
                return c.get("S").asText().contains(e.get("S").asText());
            }
            if (AttributeValues.isSet(type) && AttributeValues.elementType(type).equals(elementType)) {
                for (JsonNode member : c.get(type)) {
                    if (member.asText().equals(e.get(elementType).asText())) {
                        return true;
                    }
                }
                return false;
            }
            if (type.equals("L")) {
                for (JsonNode member : c.get("L")) {
                    if (member.equals(e)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
