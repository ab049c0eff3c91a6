package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB's type system on the wire form of attribute values ({@code {"S": "x"}}, {@code {"N": "1.5"}}, ...).
 *
 * <p>Values entering the engine are validated and put in canonical form by {@link #normalize}: numbers canonical
 * (see {@link DynamoNumber}), binaries re-encoded, set elements deduplicated-checked and sorted. Canonical values make
 * Jackson's {@code equals} the same as DynamoDB equality, including for sets and maps.
 */
final class AttributeValues {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Set<String> TYPES = Set.of("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS");
    private static final int MAX_DEPTH = 32;

    private AttributeValues() {
    }

    /** The type tag of a (normalized) value: S, N, B, BOOL, NULL, M, L, SS, NS or BS. */
    static String type(JsonNode value) {
        return value.fieldNames().next();
    }

    static ObjectNode of(String type, JsonNode content) {
        ObjectNode value = NODES.objectNode();
        value.set(type, content);
        return value;
    }

    static ObjectNode string(String s) {
        return of("S", NODES.textNode(s));
    }

    static ObjectNode number(java.math.BigDecimal n) {
        return of("N", NODES.textNode(DynamoNumber.format(DynamoNumber.check(n))));
    }

    /** Validates an item (a map of attribute name to value) and returns its canonical copy. */
    static ObjectNode normalizeItem(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw DynamoDbException.validation("An item must be a map of attribute names to attribute values");
        }
        ObjectNode out = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            requireAttributeName(field.getKey());
            out.set(field.getKey(), normalize(field.getValue(), 0));
        }
        return out;
    }

    static void requireAttributeName(String name) {
        if (name.isEmpty()) {
            throw DynamoDbException.invalidParameter("An AttributeValue may not contain an empty attribute name");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 65_535) {
            throw DynamoDbException.invalidParameter("An attribute name is longer than 65535 bytes");
        }
    }

    /** Validates one attribute value and returns its canonical copy. */
    static ObjectNode normalize(JsonNode value) {
        return normalize(value, 0);
    }

    private static ObjectNode normalize(JsonNode value, int depth) {
        if (depth > MAX_DEPTH) {
            throw DynamoDbException.validation("Nesting Levels have exceeded supported limits: "
                    + "Nesting Depth of AttributeValue has exceeded the maximum of 32");
        }
        if (value == null || !value.isObject() || value.size() == 0) {
            throw DynamoDbException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (value.size() > 1) {
            throw DynamoDbException.validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        String type = type(value);
        JsonNode content = value.get(type);
        switch (type) {
            case "S" -> {
                requireText(content, type);
                return of("S", content);
            }
            case "N" -> {
                requireText(content, type);
                return of("N", NODES.textNode(DynamoNumber.normalize(content.asText())));
            }
            case "B" -> {
                requireText(content, type);
                return of("B", NODES.textNode(canonicalBase64(content.asText())));
            }
            case "BOOL" -> {
                if (!content.isBoolean()) {
                    throw serialization("BOOL must be a boolean");
                }
                return of("BOOL", content);
            }
            case "NULL" -> {
                if (!content.isBoolean() || !content.booleanValue()) {
                    throw DynamoDbException.invalidParameter("Null attribute value types must have the value of true");
                }
                return of("NULL", content);
            }
            case "M" -> {
                if (!content.isObject()) {
                    throw serialization("M must be a map");
                }
                ObjectNode map = NODES.objectNode();
                content.fields().forEachRemaining(e -> map.set(e.getKey(), normalize(e.getValue(), depth + 1)));
                return of("M", map);
            }
            case "L" -> {
                if (!content.isArray()) {
                    throw serialization("L must be a list");
                }
                ArrayNode list = NODES.arrayNode();
                content.forEach(element -> list.add(normalize(element, depth + 1)));
                return of("L", list);
            }
            case "SS", "NS", "BS" -> {
                return of(type, normalizeSet(type, content));
            }
            default -> throw DynamoDbException.validation(
                    "Supplied AttributeValue has an unsupported datatype " + type
                            + ", must contain exactly one of the supported datatypes");
        }
    }

    private static ArrayNode normalizeSet(String type, JsonNode content) {
        if (!content.isArray()) {
            throw serialization(type + " must be a list");
        }
        if (content.isEmpty()) {
            String kind = switch (type) {
                case "SS" -> "string";
                case "NS" -> "number";
                default -> "binary";
            };
            throw DynamoDbException.invalidParameter("An " + kind + " set  may not be empty");
        }
        List<String> elements = new ArrayList<>();
        for (JsonNode element : content) {
            requireText(element, type);
            String text = element.asText();
            elements.add(switch (type) {
                case "NS" -> DynamoNumber.normalize(text);
                case "BS" -> canonicalBase64(text);
                default -> text;
            });
        }
        elements.sort(setOrder(type));
        for (int i = 1; i < elements.size(); i++) {
            if (elements.get(i).equals(elements.get(i - 1))) {
                throw DynamoDbException.invalidParameter("Input collection " + content + " contains duplicates.");
            }
        }
        ArrayNode out = NODES.arrayNode();
        elements.forEach(out::add);
        return out;
    }

    /** The order set elements are kept in: strings by UTF-8 bytes, numbers numerically, binaries by unsigned bytes. */
    static Comparator<String> setOrder(String setType) {
        return switch (setType) {
            case "NS" -> DynamoNumber::compare;
            case "BS" -> AttributeValues::compareBinary;
            default -> AttributeValues::compareStrings;
        };
    }

    /** The scalar type of a set's elements: SS → S, NS → N, BS → B. */
    static String elementType(String setType) {
        return setType.substring(0, 1);
    }

    static boolean isSet(String type) {
        return type.equals("SS") || type.equals("NS") || type.equals("BS");
    }

    /** Whether values of this type can be ordered by {@code < <= > >= BETWEEN}: S, N and B. */
    static boolean isOrderable(String type) {
        return type.equals("S") || type.equals("N") || type.equals("B");
    }

    /**
     * Compares two values of the same orderable type (S, N or B) the way DynamoDB sorts them: strings and binaries by
     * unsigned UTF-8 / raw bytes, numbers numerically.
     */
    static int compare(JsonNode a, JsonNode b) {
        String type = type(a);
        String x = a.get(type).asText();
        String y = b.get(type).asText();
        return switch (type) {
            case "N" -> DynamoNumber.compare(x, y);
            case "B" -> compareBinary(x, y);
            default -> compareStrings(x, y);
        };
    }

    /** UTF-8 byte order, which equals code point order (unlike {@link String#compareTo}). */
    static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    static int compareBinary(String base64a, String base64b) {
        return Arrays.compareUnsigned(decode(base64a), decode(base64b));
    }

    static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64);
    }

    private static String canonicalBase64(String text) {
        try {
            return Base64.getEncoder().encodeToString(Base64.getMimeDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw serialization("Base64 encoded length is expected a multiple of 4 bytes");
        }
    }

    private static void requireText(JsonNode content, String type) {
        if (content == null || !content.isTextual()) {
            throw serialization("Expected a string for an attribute value of type " + type);
        }
    }

    private static DynamoDbException serialization(String message) {
        return DynamoDbException.of("SerializationException", message);
    }

    /** The size DynamoDB bills and limits for an item: attribute names plus values, in bytes. */
    static long itemSize(ObjectNode item) {
        long size = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            size += utf8Length(field.getKey()) + size(field.getValue());
        }
        return size;
    }

    /** The size of one value, following DynamoDB's published rules (numbers about one byte per two digits). */
    static long size(JsonNode value) {
        String type = type(value);
        JsonNode content = value.get(type);
        return switch (type) {
            case "S" -> utf8Length(content.asText());
            case "N" -> numberSize(content.asText());
            case "B" -> decode(content.asText()).length;
            case "BOOL", "NULL" -> 1;
            case "SS" -> sum(content, e -> utf8Length(e.asText()));
            case "NS" -> sum(content, e -> numberSize(e.asText()));
            case "BS" -> sum(content, e -> decode(e.asText()).length);
            case "L" -> 3 + sum(content, e -> 1 + size(e));
            case "M" -> {
                long total = 3;
                Iterator<Map.Entry<String, JsonNode>> fields = content.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    total += 1 + utf8Length(field.getKey()) + size(field.getValue());
                }
                yield total;
            }
            default -> 0;
        };
    }

    private static long sum(JsonNode array, java.util.function.ToLongFunction<JsonNode> size) {
        long total = 0;
        for (JsonNode element : array) {
            total += size.applyAsLong(element);
        }
        return total;
    }

    private static long numberSize(String text) {
        long digits = text.chars().filter(Character::isDigit).count();
        return (digits + 1) / 2 + 1;
    }

    static long utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
