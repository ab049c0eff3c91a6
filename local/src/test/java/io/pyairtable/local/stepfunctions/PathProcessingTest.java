package io.pyairtable.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Input and output processing (spec: "Input and Output Processing"), through Pass and Task states. */
class PathProcessingTest extends AslTestSupport {

    @Test
    void passWithoutFieldsCopiesInputToOutput() {
        assertThat(output(pass(""), "{\"a\":1}")).isEqualTo(json("{\"a\":1}"));
    }

    @Test
    void inputPathSelectsTheEffectiveInput() {
        assertThat(output(pass("\"InputPath\": \"$.a\""), "{\"a\":{\"b\":2}}")).isEqualTo(json("{\"b\":2}"));
    }

    @Test
    void inputPathNullGivesAnEmptyObject() {
        assertThat(output(pass("\"InputPath\": null"), "{\"a\":1}")).isEqualTo(json("{}"));
    }

    @Test
    void inputPathMatchingNothingIsStatesRuntime() {
        ExecutionInfo info = failure(pass("\"InputPath\": \"$.missing\""), "{\"a\":1}");
        assertThat(info.error()).isEqualTo("States.Runtime");
        assertThat(info.cause()).contains("$.missing");
    }

    @Test
    void resultPathPlacesResultInRawInputCreatingIntermediateObjects() {
        assertThat(output(pass("\"Result\": {\"x\":1}, \"ResultPath\": \"$.a.b.c\""), "{\"keep\":true}"))
                .isEqualTo(json("{\"keep\":true,\"a\":{\"b\":{\"c\":{\"x\":1}}}}"));
    }

    @Test
    void resultPathOverwritesAnExistingField() {
        assertThat(output(pass("\"Result\": 2, \"ResultPath\": \"$.a\""), "{\"a\":1,\"b\":0}"))
                .isEqualTo(json("{\"a\":2,\"b\":0}"));
    }

    @Test
    void resultPathNullDiscardsTheResult() {
        assertThat(output(pass("\"Result\": 2, \"ResultPath\": null"), "{\"a\":1}")).isEqualTo(json("{\"a\":1}"));
    }

    @Test
    void resultPathDollarReplacesTheInput() {
        assertThat(output(pass("\"Result\": [1,2], \"ResultPath\": \"$\""), "{\"a\":1}")).isEqualTo(json("[1,2]"));
    }

    @Test
    void resultPathIsAppliedToTheRawInputNotTheEffectiveInput() {
        assertThat(output(pass("\"InputPath\": \"$.a\", \"ResultPath\": \"$.copy\""), "{\"a\":{\"v\":1},\"b\":2}"))
                .isEqualTo(json("{\"a\":{\"v\":1},\"b\":2,\"copy\":{\"v\":1}}"));
    }

    @Test
    void resultPathIntoAScalarIsResultPathMatchFailure() {
        ExecutionInfo info = failure(pass("\"Result\": 1, \"ResultPath\": \"$.a.b\""), "{\"a\":\"text\"}");
        assertThat(info.error()).isEqualTo("States.ResultPathMatchFailure");
    }

    @Test
    void outputPathSelectsFromTheOutputAndNullGivesEmptyObject() {
        assertThat(output(pass("\"Result\": {\"r\":{\"deep\":7}}, \"ResultPath\": \"$.res\", \"OutputPath\": \"$.res.r\""), "{}"))
                .isEqualTo(json("{\"deep\":7}"));
        assertThat(output(pass("\"OutputPath\": null"), "{\"a\":1}")).isEqualTo(json("{}"));
    }

    @Test
    void parametersReplaceFieldsEndingInDollarEvenNestedAndInArrays() {
        String definition = pass("""
                "Parameters": {"static": "s", "fromInput.$": "$.a",
                  "nested": {"deep.$": "$.b[1]", "list": [{"x.$": "$.a"}, 3]},
                  "all.$": "$"}""");
        assertThat(output(definition, "{\"a\":\"A\",\"b\":[0,1]}")).isEqualTo(json("""
                {"static":"s","fromInput":"A","nested":{"deep":1,"list":[{"x":"A"},3]},"all":{"a":"A","b":[0,1]}}"""));
    }

    @Test
    void parametersWithAnIndefinitePathYieldAnArray() {
        assertThat(output(pass("\"Parameters\": {\"ids.$\": \"$.items[*].id\"}"), "{\"items\":[{\"id\":1},{\"id\":2}]}"))
                .isEqualTo(json("{\"ids\":[1,2]}"));
    }

    @Test
    void parametersPathMatchingNothingIsParameterPathFailure() {
        ExecutionInfo info = failure(pass("\"Parameters\": {\"x.$\": \"$.nope\"}"), "{}");
        assertThat(info.error()).isEqualTo("States.ParameterPathFailure");
        assertThat(info.cause()).contains("x.$").contains("$.nope");
    }

    @Test
    void contextObjectIsAvailableWithDoubleDollar() {
        String definition = """
                {"StartAt": "Ctx", "States": {"Ctx": {"Type": "Pass", "End": true, "Parameters": {
                  "id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name", "input.$": "$$.Execution.Input",
                  "start.$": "$$.Execution.StartTime", "state.$": "$$.State.Name", "entered.$": "$$.State.EnteredTime",
                  "retries.$": "$$.State.RetryCount", "machine.$": "$$.StateMachine.Name", "machineId.$": "$$.StateMachine.Id"}}}}
                """;
        JsonNode out = output(definition, "{\"k\":1}");
        assertThat(out.get("id").asText()).matches("arn:aws:states:us-east-1:000000000000:execution:machine-\\d+:run");
        assertThat(out.get("name").asText()).isEqualTo("run");
        assertThat(out.get("input")).isEqualTo(json("{\"k\":1}"));
        assertThat(out.get("start").asText()).isEqualTo("2024-01-01T00:00:00.000Z");
        assertThat(out.get("state").asText()).isEqualTo("Ctx");
        assertThat(out.get("entered").asText()).isEqualTo("2024-01-01T00:00:00.000Z");
        assertThat(out.get("retries").asInt()).isZero();
        assertThat(out.get("machineId").asText()).endsWith(":stateMachine:" + out.get("machine").asText());
    }

    @Test
    void taskResultSelectorThenResultPathThenOutputPath() {
        lambdas.register("echo", event -> json("{\"body\":{\"n\":5},\"noise\":true,\"got\":" + Json.write(event) + "}"));
        String definition = """
                {"StartAt": "T", "States": {"T": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:000000000000:function:echo",
                  "InputPath": "$.in", "Parameters": {"p.$": "$.v"},
                  "ResultSelector": {"n.$": "$.body.n", "got.$": "$.got"},
                  "ResultPath": "$.result", "OutputPath": "$.result", "End": true}}}
                """;
        assertThat(output(definition, "{\"in\":{\"v\":\"x\"}}")).isEqualTo(json("{\"n\":5,\"got\":{\"p\":\"x\"}}"));
    }

    @Test
    void passResultWinsOverParametersButParametersStillEvaluate() {
        assertThat(output(pass("\"Parameters\": {\"a.$\": \"$.a\"}, \"Result\": \"r\""), "{\"a\":1}")).isEqualTo(json("\"r\""));
        assertThat(output(pass("\"Parameters\": {\"a.$\": \"$.a\"}"), "{\"a\":1,\"b\":2}")).isEqualTo(json("{\"a\":1}"));
    }

    @Test
    void stateInputMayBeAnyJsonValue() {
        assertThat(output(pass(""), "[1,2,3]")).isEqualTo(json("[1,2,3]"));
        assertThat(output(pass("\"InputPath\": \"$[1]\""), "[1,2,3]")).isEqualTo(json("2"));
    }
}
