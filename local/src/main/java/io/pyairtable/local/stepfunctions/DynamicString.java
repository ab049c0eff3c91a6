package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;

/** A string computed at run time from a Reference Path or an intrinsic function (Fail's ErrorPath / CausePath). */
final class DynamicString {
    private final JsonPath path;
    private final IntrinsicExpression.Call function;

    private DynamicString(JsonPath path, IntrinsicExpression.Call function) {
        this.path = path;
        this.function = function;
    }

    /** @throws IllegalArgumentException when {@code text} is neither a reference path nor an intrinsic call */
    static DynamicString parse(String text) {
        if (text.startsWith("States.")) {
            return new DynamicString(null, IntrinsicParser.parse(text));
        }
        JsonPath path = JsonPath.parse(text);
        if (!path.isDefinite()) {
            throw new IllegalArgumentException("'" + text + "' is not a Reference Path");
        }
        return new DynamicString(path, null);
    }

    String evaluate(DataScope data, String field) {
        JsonNode value = path != null
                ? path.find(data.root(path)).orElseThrow(() -> StateFailure.runtime(
                        "Invalid path '" + path + "' in " + field + ": no results in " + Json.abbreviate(data.root(path))))
                : function.evaluate(data);
        if (!value.isTextual()) {
            throw StateFailure.runtime(field + " must resolve to a string, got " + Json.abbreviate(value));
        }
        return value.asText();
    }
}
