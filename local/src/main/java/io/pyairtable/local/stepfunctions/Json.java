package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Shared Jackson configuration and small JSON helpers of the interpreter. */
final class Json {
    /** Rejects duplicate keys: in a definition a duplicate state name would otherwise silently win. */
    static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Parses JSON text; throws {@link IllegalArgumentException} with Jackson's message when it is not JSON. */
    static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("empty JSON text");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    /** The timestamp format of the context object ({@code 2019-03-26T20:14:13.192Z}). */
    static String timestamp(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    /** JSON equality where numbers compare by value ({@code 1}, {@code 1.0} and a long 1 are the same). */
    static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals(NUMERIC_AWARE, b);
    }

    private static final java.util.Comparator<JsonNode> NUMERIC_AWARE = (x, y) -> {
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return x.equals(y) ? 0 : 1;
    };

    /** A short rendering for error messages. */
    static String abbreviate(JsonNode node) {
        String text = write(node);
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
