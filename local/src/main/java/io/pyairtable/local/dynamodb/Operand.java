package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * A value-producing part of an expression: a document path, a {@code :value}, {@code size(path)}, or — in update
 * expressions — {@code if_not_exists}, {@code list_append} and {@code +}/{@code -}. {@link #evaluate} returns null when
 * the value is undefined (a missing attribute, the size of something without a size).
 */
sealed interface Operand {

    JsonNode evaluate(ObjectNode item);

    /** An attribute of the item. */
    record Path(AttributePath path) implements Operand {
        @Override
        public JsonNode evaluate(ObjectNode item) {
            return path.get(item);
        }
    }

    /** An {@code :placeholder}, already resolved. */
    record Value(String placeholder, ObjectNode value) implements Operand {
        @Override
        public JsonNode evaluate(ObjectNode item) {
            return value;
        }
    }

    /** {@code size(path)}: string length, binary length, number of set/list elements or map entries. */
    record Size(AttributePath path) implements Operand {
        @Override
        public JsonNode evaluate(ObjectNode item) {
            JsonNode value = path.get(item);
            if (value == null) {
                return null;
            }
            String type = AttributeValues.type(value);
            JsonNode content = value.get(type);
            long size = switch (type) {
                case "S" -> content.asText().codePointCount(0, content.asText().length());
                case "B" -> AttributeValues.decode(content.asText()).length;
                case "SS", "NS", "BS", "L", "M" -> content.size();
                default -> -1;
            };
            return size < 0 ? null : AttributeValues.number(BigDecimal.valueOf(size));
        }
    }

    /** {@code if_not_exists(path, operand)} (update expressions). */
    record IfNotExists(AttributePath path, Operand fallback) implements Operand {
        @Override
        public JsonNode evaluate(ObjectNode item) {
            JsonNode existing = path.get(item);
            return existing != null ? existing : UpdateExpression.require(fallback.evaluate(item));
        }
    }

    /** {@code list_append(first, second)} (update expressions). */
    record ListAppend(Operand first, Operand second) implements Operand {
        @Override
        public JsonNode evaluate(ObjectNode item) {
            JsonNode a = UpdateExpression.require(first.evaluate(item));
            JsonNode b = UpdateExpression.require(second.evaluate(item));
            if (!a.has("L") || !b.has("L")) {
                throw UpdateExpression.incorrectOperandType();
            }
            ArrayNode joined = a.get("L").deepCopy();
            b.get("L").forEach(element -> joined.add(element.deepCopy()));
            return AttributeValues.of("L", joined);
        }
    }

    /** {@code left + right} or {@code left - right} on numbers (update expressions). */
    record Arithmetic(Operand left, boolean plus, Operand right) implements Operand {
        @Override
        public JsonNode evaluate(ObjectNode item) {
            JsonNode a = UpdateExpression.require(left.evaluate(item));
            JsonNode b = UpdateExpression.require(right.evaluate(item));
            if (!a.has("N") || !b.has("N")) {
                throw UpdateExpression.incorrectOperandType();
            }
            BigDecimal x = new BigDecimal(a.get("N").asText());
            BigDecimal y = new BigDecimal(b.get("N").asText());
            return AttributeValues.number(plus ? x.add(y) : x.subtract(y));
        }
    }
}
