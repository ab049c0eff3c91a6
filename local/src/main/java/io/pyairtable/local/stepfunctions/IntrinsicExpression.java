package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A parsed intrinsic-function expression: a call, or one of its arguments (a literal, a path, a nested call). */
sealed interface IntrinsicExpression {

    JsonNode evaluate(DataScope scope);

    /** A literal argument; {@code raw} keeps a string literal's escapes (States.Format needs to see {@code \{}). */
    record Literal(JsonNode value, String raw) implements IntrinsicExpression {
        @Override
        public JsonNode evaluate(DataScope scope) {
            return value;
        }
    }

    /** A path argument, {@code $...} against the input or {@code $$...} against the context object. */
    record PathArgument(JsonPath path) implements IntrinsicExpression {
        @Override
        public JsonNode evaluate(DataScope scope) {
            return path.find(scope.root(path)).orElseThrow(() -> new StateFailure(StatesErrors.INTRINSIC_FAILURE,
                    "the JSONPath '" + path + "' could not be found in the input "
                            + Json.abbreviate(scope.root(path))));
        }
    }

    /** {@code States.Name(arg, ...)}. */
    record Call(String name, List<IntrinsicExpression> arguments) implements IntrinsicExpression {
        @Override
        public JsonNode evaluate(DataScope scope) {
            return IntrinsicFunctions.invoke(this, scope);
        }
    }
}
