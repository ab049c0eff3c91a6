package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringTokenizer;
import java.util.UUID;

/**
 * The intrinsic functions of the States Language. Every failure at run time (wrong argument type, bad JSON, index out
 * of range, ...) is a {@code States.IntrinsicFailure}.
 *
 * <p>Choices where AWS documents little: {@code States.MathRandom(start, end[, seed])} returns an integer in
 * {@code [start, end)}; {@code States.StringSplit} treats every character of its second argument as a delimiter and
 * drops empty tokens; {@code States.JsonMerge} only supports the shallow mode (third argument {@code false}), as AWS.
 */
final class IntrinsicFunctions {
    private static final int UNBOUNDED = Integer.MAX_VALUE;
    private static final int MAX_STRING_LENGTH = 10_000;
    private static final int MAX_RANGE_ITEMS = 1000;
    private static final Map<String, String> HASH_ALGORITHMS = Map.of(
            "MD5", "MD5", "SHA-1", "SHA-1", "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512");

    /** name → {min arguments, max arguments}. */
    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("States.Format", new int[] {1, UNBOUNDED}),
            Map.entry("States.StringToJson", new int[] {1, 1}),
            Map.entry("States.JsonToString", new int[] {1, 1}),
            Map.entry("States.Array", new int[] {0, UNBOUNDED}),
            Map.entry("States.ArrayPartition", new int[] {2, 2}),
            Map.entry("States.ArrayContains", new int[] {2, 2}),
            Map.entry("States.ArrayRange", new int[] {3, 3}),
            Map.entry("States.ArrayGetItem", new int[] {2, 2}),
            Map.entry("States.ArrayLength", new int[] {1, 1}),
            Map.entry("States.ArrayUnique", new int[] {1, 1}),
            Map.entry("States.Base64Encode", new int[] {1, 1}),
            Map.entry("States.Base64Decode", new int[] {1, 1}),
            Map.entry("States.Hash", new int[] {2, 2}),
            Map.entry("States.JsonMerge", new int[] {3, 3}),
            Map.entry("States.MathRandom", new int[] {2, 3}),
            Map.entry("States.MathAdd", new int[] {2, 2}),
            Map.entry("States.StringSplit", new int[] {2, 2}),
            Map.entry("States.UUID", new int[] {0, 0}));

    private IntrinsicFunctions() {
    }

    static boolean exists(String name) {
        return ARITY.containsKey(name);
    }

    static void checkArity(String name, int count) {
        int[] arity = ARITY.get(name);
        if (count < arity[0] || count > arity[1]) {
            String expected = arity[0] == arity[1] ? String.valueOf(arity[0])
                    : arity[1] == UNBOUNDED ? "at least " + arity[0] : arity[0] + " to " + arity[1];
            throw new IllegalArgumentException(name + " takes " + expected + " argument(s), got " + count);
        }
    }

    static JsonNode invoke(IntrinsicExpression.Call call, DataScope scope) {
        String name = call.name();
        if (name.equals("States.Format")) {
            return format(call, scope);
        }
        List<JsonNode> args = new ArrayList<>(call.arguments().size());
        for (IntrinsicExpression argument : call.arguments()) {
            args.add(argument.evaluate(scope));
        }
        switch (name) {
            case "States.StringToJson":
                return stringToJson(string(name, args, 0));
            case "States.JsonToString":
                return Json.NODES.textNode(Json.write(args.get(0)));
            case "States.Array":
                return Json.array().addAll(args);
            case "States.ArrayPartition":
                return partition(array(name, args, 0), integer(name, args, 1));
            case "States.ArrayContains":
                return Json.NODES.booleanNode(contains(array(name, args, 0), args.get(1)));
            case "States.ArrayRange":
                return range(integer(name, args, 0), integer(name, args, 1), integer(name, args, 2));
            case "States.ArrayGetItem":
                return getItem(array(name, args, 0), integer(name, args, 1));
            case "States.ArrayLength":
                return Json.NODES.numberNode(array(name, args, 0).size());
            case "States.ArrayUnique":
                return unique(array(name, args, 0));
            case "States.Base64Encode":
                return Json.NODES.textNode(Base64.getEncoder().encodeToString(
                        limited(name, string(name, args, 0)).getBytes(StandardCharsets.UTF_8)));
            case "States.Base64Decode":
                return base64Decode(limited(name, string(name, args, 0)));
            case "States.Hash":
                return hash(limited(name, string(name, args, 0)), string(name, args, 1));
            case "States.JsonMerge":
                return merge(args);
            case "States.MathRandom":
                return random(name, args, scope.random());
            case "States.MathAdd":
                return Json.NODES.numberNode((long) integer(name, args, 0) + integer(name, args, 1));
            case "States.StringSplit":
                return split(string(name, args, 0), string(name, args, 1));
            case "States.UUID":
                return Json.NODES.textNode(uuid(scope.random()).toString());
            default:
                throw new IllegalStateException("unhandled intrinsic " + name);
        }
    }

    private static JsonNode format(IntrinsicExpression.Call call, DataScope scope) {
        IntrinsicExpression first = call.arguments().get(0);
        String template;
        boolean escapes;
        if (first instanceof IntrinsicExpression.Literal literal && literal.value().isTextual()) {
            template = literal.raw();
            escapes = true;
        } else {
            JsonNode value = first.evaluate(scope);
            if (!value.isTextual()) {
                throw failure("States.Format: the template must be a string, got " + Json.abbreviate(value));
            }
            template = value.asText();
            escapes = false;
        }
        List<IntrinsicExpression> values = call.arguments().subList(1, call.arguments().size());
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (escapes && c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (used >= values.size()) {
                    throw failure("States.Format: more {} placeholders than arguments");
                }
                out.append(formatValue(values.get(used++).evaluate(scope)));
                i++;
            } else {
                out.append(c);
            }
        }
        if (used != values.size()) {
            throw failure("States.Format: " + values.size() + " argument(s) for " + used + " placeholder(s)");
        }
        return Json.NODES.textNode(out.toString());
    }

    private static String formatValue(JsonNode value) {
        if (value.isContainerNode()) {
            throw failure("States.Format: arguments must be strings, numbers, booleans or null, got " + Json.abbreviate(value));
        }
        return value.isTextual() ? value.asText() : Json.write(value);
    }

    private static JsonNode stringToJson(String text) {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw failure("States.StringToJson: the argument is not JSON: " + e.getMessage());
        }
    }

    private static JsonNode partition(ArrayNode array, int size) {
        if (size <= 0) {
            throw failure("States.ArrayPartition: the chunk size must be positive, got " + size);
        }
        ArrayNode result = Json.array();
        ArrayNode chunk = null;
        for (JsonNode element : array) {
            if (chunk == null || chunk.size() == size) {
                chunk = result.addArray();
            }
            chunk.add(element);
        }
        return result;
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (Json.sameValue(element, value)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode range(int start, int end, int step) {
        if (step == 0) {
            throw failure("States.ArrayRange: the step must not be 0");
        }
        ArrayNode result = Json.array();
        for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
            if (result.size() == MAX_RANGE_ITEMS) {
                throw failure("States.ArrayRange: more than " + MAX_RANGE_ITEMS + " items");
            }
            result.add(i);
        }
        return result;
    }

    private static JsonNode getItem(ArrayNode array, int index) {
        if (index < 0 || index >= array.size()) {
            throw failure("States.ArrayGetItem: index " + index + " is out of bounds for an array of " + array.size());
        }
        return array.get(index);
    }

    private static JsonNode unique(ArrayNode array) {
        ArrayNode unique = Json.array();
        for (JsonNode element : array) {
            if (!contains(unique, element)) {
                unique.add(element);
            }
        }
        return unique;
    }

    private static JsonNode base64Decode(String text) {
        try {
            return Json.NODES.textNode(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw failure("States.Base64Decode: the argument is not base64: " + e.getMessage());
        }
    }

    private static JsonNode hash(String data, String algorithm) {
        String javaName = HASH_ALGORITHMS.get(algorithm);
        if (javaName == null) {
            throw failure("States.Hash: unsupported algorithm '" + algorithm + "' (use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512)");
        }
        try {
            byte[] digest = MessageDigest.getInstance(javaName).digest(data.getBytes(StandardCharsets.UTF_8));
            return Json.NODES.textNode(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode merge(List<JsonNode> args) {
        if (!args.get(0).isObject() || !args.get(1).isObject()) {
            throw failure("States.JsonMerge: both arguments must be JSON objects");
        }
        if (!args.get(2).isBoolean()) {
            throw failure("States.JsonMerge: the third argument (isDeepMerge) must be a boolean");
        }
        if (args.get(2).asBoolean()) {
            throw failure("States.JsonMerge: only the shallow mode is supported (isDeepMerge must be false)");
        }
        ObjectNode merged = Json.object();
        merged.setAll((ObjectNode) args.get(0));
        merged.setAll((ObjectNode) args.get(1));
        return merged;
    }

    private static JsonNode random(String name, List<JsonNode> args, Random shared) {
        int start = integer(name, args, 0);
        int end = integer(name, args, 1);
        if (end <= start) {
            throw failure("States.MathRandom: the end (" + end + ") must be greater than the start (" + start + ")");
        }
        Random random = args.size() == 3 ? new Random(integer(name, args, 2)) : shared;
        return Json.NODES.numberNode(start + (long) (random.nextDouble() * ((long) end - start)));
    }

    private static JsonNode split(String text, String delimiters) {
        ArrayNode result = Json.array();
        StringTokenizer tokens = new StringTokenizer(text, delimiters);
        while (tokens.hasMoreTokens()) {
            result.add(tokens.nextToken());
        }
        return result;
    }

    /** A version-4 UUID drawn from {@code random} (seedable in tests). */
    private static UUID uuid(Random random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    private static String limited(String name, String text) {
        if (text.length() > MAX_STRING_LENGTH) {
            throw failure(name + ": the input is longer than " + MAX_STRING_LENGTH + " characters");
        }
        return text;
    }

    private static String string(String name, List<JsonNode> args, int index) {
        JsonNode value = args.get(index);
        if (!value.isTextual()) {
            throw failure(name + ": argument " + (index + 1) + " must be a string, got " + Json.abbreviate(value));
        }
        return value.asText();
    }

    private static ArrayNode array(String name, List<JsonNode> args, int index) {
        JsonNode value = args.get(index);
        if (!value.isArray()) {
            throw failure(name + ": argument " + (index + 1) + " must be an array, got " + Json.abbreviate(value));
        }
        return (ArrayNode) value;
    }

    private static int integer(String name, List<JsonNode> args, int index) {
        JsonNode value = args.get(index);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            if (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0 && value.canConvertToInt()) {
                return value.intValue();
            }
            throw failure(name + ": argument " + (index + 1) + " must be an integer, got " + Json.abbreviate(value));
        }
        return value.intValue();
    }

    private static StateFailure failure(String message) {
        return new StateFailure(StatesErrors.INTRINSIC_FAILURE, message);
    }
}
