package io.pyairtable.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Intrinsic functions, evaluated in a Pass state's Parameters ({"r.$": expression}). */
class IntrinsicFunctionsTest extends AslTestSupport {
    private static final String INPUT = """
            {"name": "Ada", "n": 3, "list": [1, 2, 2, 3, 1], "obj": {"a": 1, "b": {"c": 2}}, "other": {"b": 9, "d": 4},
             "json": "{\\"k\\":[1,true,null]}", "csv": "a,b;c", "b64": "aGVsbG8gd29ybGQ=", "text": "hello world"}""";

    /** Evaluates {@code expression} (as written in the definition) against {@link #INPUT}. */
    private JsonNode eval(String expression) {
        String definition = pass("\"Parameters\": {\"r.$\": " + Json.write(Json.NODES.textNode(expression)) + "}");
        return output(definition, INPUT).get("r");
    }

    private ExecutionInfo evalFailure(String expression) {
        String definition = pass("\"Parameters\": {\"r.$\": " + Json.write(Json.NODES.textNode(expression)) + "}");
        return failure(definition, INPUT);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "States.Format('Hello, {}!', $.name)|`\"Hello, Ada!\"`",
        "States.Format('{} + {} = {}', 1, $.n, true)|`\"1 + 3 = true\"`",
        "States.Format('null is {}', null)|`\"null is null\"`",
        "States.Format('braces \\{\\} and \\'quotes\\' and \\\\')|`\"braces {} and 'quotes' and \\\\\"`",
        "States.StringToJson($.json)|`{\"k\":[1,true,null]}`",
        "States.JsonToString($.obj)|`\"{\\\"a\\\":1,\\\"b\\\":{\\\"c\\\":2}}\"`",
        "States.Array(1, 'two', $.n, null)|`[1,\"two\",3,null]`",
        "States.Array()|`[]`",
        "States.ArrayPartition($.list, 2)|`[[1,2],[2,3],[1]]`",
        "States.ArrayContains($.list, 3)|`true`",
        "States.ArrayContains($.list, 7)|`false`",
        "States.ArrayRange(1, 9, 2)|`[1,3,5,7,9]`",
        "States.ArrayRange(5, 1, -2)|`[5,3,1]`",
        "States.ArrayGetItem($.list, 3)|`3`",
        "States.ArrayLength($.list)|`5`",
        "States.ArrayUnique($.list)|`[1,2,3]`",
        "States.Base64Encode($.text)|`\"aGVsbG8gd29ybGQ=\"`",
        "States.Base64Decode($.b64)|`\"hello world\"`",
        "States.Hash($.text, 'MD5')|`\"5eb63bbbe01eeed093cb22bb8f5acdc3\"`",
        "States.Hash($.text, 'SHA-1')|`\"2aae6c35c94fcfb415dbe95f408b9ce91ee846ed\"`",
        "States.Hash($.text, 'SHA-256')|`\"b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9\"`",
        "States.JsonMerge($.obj, $.other, false)|`{\"a\":1,\"b\":9,\"d\":4}`",
        "States.MathAdd($.n, -5)|`-2`",
        "States.StringSplit($.csv, ',;')|`[\"a\",\"b\",\"c\"]`",
        "States.ArrayLength(States.ArrayUnique(States.Array(1, 1, States.MathAdd(1, 1))))|`2`",
        "States.Format('{}', States.JsonToString(States.StringToJson('[1, 2]')))|`\"[1,2]\"`",
        "States.Format('id={}', $$.State.Name)|`\"id=P\"`",
    })
    void functions(String expression, String expected) {
        assertThat(eval(expression)).isEqualTo(json(expected));
    }

    @Test
    void hashSha384AndSha512HaveTheirLengths() {
        assertThat(eval("States.Hash($.text, 'SHA-384')").asText()).hasSize(96);
        assertThat(eval("States.Hash($.text, 'SHA-512')").asText()).hasSize(128);
    }

    @Test
    void mathRandomIsWithinRangeAndSeedIsDeterministic() {
        int value = eval("States.MathRandom(10, 20)").asInt();
        assertThat(value).isBetween(10, 19);
        assertThat(eval("States.MathRandom(0, 1000, 7)")).isEqualTo(eval("States.MathRandom(0, 1000, 7)"));
    }

    @Test
    void uuidIsVersion4() {
        assertThat(eval("States.UUID()").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "States.Format('{} {}', $.name)",
        "States.Format('{}', $.obj)",
        "States.StringToJson($.text)",
        "States.ArrayPartition($.list, 0)",
        "States.ArrayGetItem($.list, 5)",
        "States.ArrayLength($.name)",
        "States.ArrayRange(1, 2000, 1)",
        "States.ArrayRange(1, 5, 0)",
        "States.Base64Decode($.text)",
        "States.Hash($.text, 'SHA-3')",
        "States.JsonMerge($.obj, $.other, true)",
        "States.JsonMerge($.obj, $.list, false)",
        "States.MathAdd($.n, 1.5)",
        "States.MathAdd($.name, 1)",
        "States.MathRandom(5, 5)",
        "States.Format('{}', $.missing)",
    })
    void runtimeFailuresAreIntrinsicFailure(String expression) {
        assertThat(evalFailure(expression).error()).isEqualTo("States.IntrinsicFailure");
    }

    @Test
    void intrinsicFailureCanBeCaught() {
        String definition = """
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:never",
                        "Parameters": {"x.$": "States.ArrayGetItem($.list, 99)"},
                        "Catch": [{"ErrorEquals": ["States.IntrinsicFailure"], "ResultPath": "$.err", "Next": "Caught"}],
                        "End": true},
                  "Caught": {"Type": "Pass", "OutputPath": "$.err.Error", "End": true}}}
                """;
        assertThat(output(definition, INPUT).asText()).isEqualTo("States.IntrinsicFailure");
        assertThat(lambdas.calls()).isEmpty();
    }
}
