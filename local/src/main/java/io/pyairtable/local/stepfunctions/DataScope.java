package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;

/**
 * What a path or intrinsic function is evaluated against: {@code $} (the input), {@code $$} (the context object)
 * and the source of randomness for {@code States.MathRandom} / {@code States.UUID}.
 */
record DataScope(JsonNode input, JsonNode context, Random random) {

    JsonNode root(JsonPath path) {
        return path.isContextPath() ? context : input;
    }
}
