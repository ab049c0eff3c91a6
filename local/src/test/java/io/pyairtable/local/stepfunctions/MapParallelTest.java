package io.pyairtable.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Map and Parallel states (spec: "Map State", "Parallel State"). */
class MapParallelTest extends AslTestSupport {

    private static String map(String fields, String iterationStates) {
        return """
                {"StartAt": "M", "States": {"M": {"Type": "Map", %s
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "I", "States": %s}, "End": true}}}
                """.formatted(fields.isBlank() ? "" : fields + ",", iterationStates);
    }

    private static final String DOUBLE = "{\"I\": {\"Type\": \"Pass\", \"Parameters\": {\"v.$\": \"States.MathAdd($.v, $.v)\"}, \"End\": true}}";

    @Test
    void mapsItemsInOrder() {
        assertThat(output(map("\"ItemsPath\": \"$.items\"", DOUBLE), "{\"items\": [{\"v\": 1}, {\"v\": 2}, {\"v\": 3}]}"))
                .isEqualTo(json("[{\"v\": 2}, {\"v\": 4}, {\"v\": 6}]"));
    }

    @Test
    void emptyArrayGivesEmptyResult() {
        assertThat(output(map("\"ItemsPath\": \"$.items\"", DOUBLE), "{\"items\": []}")).isEqualTo(json("[]"));
    }

    @Test
    void itemsPathDefaultsToTheEffectiveInput() {
        assertThat(output(map("", DOUBLE), "[{\"v\": 5}]")).isEqualTo(json("[{\"v\": 10}]"));
    }

    @Test
    void itemsPathNotAnArrayIsStatesRuntime() {
        assertThat(failure(map("\"ItemsPath\": \"$.items\"", DOUBLE), "{\"items\": {}}").error()).isEqualTo("States.Runtime");
    }

    @Test
    void itemSelectorSeesMapInputAndContextItem() {
        String selector = """
                "ItemsPath": "$.items", "ItemSelector": {"index.$": "$$.Map.Item.Index", "value.$": "$$.Map.Item.Value",
                  "shared.$": "$.shared"}""";
        String identity = "{\"I\": {\"Type\": \"Pass\", \"End\": true}}";
        assertThat(output(map(selector, identity), "{\"items\": [\"a\", \"b\"], \"shared\": 7}")).isEqualTo(json(
                "[{\"index\": 0, \"value\": \"a\", \"shared\": 7}, {\"index\": 1, \"value\": \"b\", \"shared\": 7}]"));
    }

    @Test
    void legacyIteratorAndParametersStillWork() {
        String definition = """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
                  "Parameters": {"i.$": "$$.Map.Item.Index"},
                  "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}}}
                """;
        assertThat(output(definition, "{\"items\": [10, 20]}")).isEqualTo(json("[{\"i\": 0}, {\"i\": 1}]"));
    }

    @Test
    void mapAppliesResultSelectorResultPathAndOutputPath() {
        String fields = "\"ItemsPath\": \"$.items\", \"ResultSelector\": {\"count.$\": \"States.ArrayLength($)\"},"
                + " \"ResultPath\": \"$.summary\", \"OutputPath\": \"$.summary\"";
        assertThat(output(map(fields, DOUBLE), "{\"items\": [{\"v\": 1}, {\"v\": 2}]}"))
                .isEqualTo(json("{\"count\": 2}"));
    }

    @Test
    void maxConcurrencyBoundsParallelIterations() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        lambdas.register("slow", event -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return event;
        });
        String states = "{\"I\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:slow\", \"End\": true}}";
        String input = "{\"items\": [1,2,3,4,5,6,7,8,9,10,11,12]}";
        assertThat(output(map("\"ItemsPath\": \"$.items\", \"MaxConcurrency\": 3", states), input)).hasSize(12);
        assertThat(peak.get()).isEqualTo(3);
        peak.set(0);
        assertThat(output(map("\"ItemsPath\": \"$.items\", \"MaxConcurrency\": 1", states), input)).hasSize(12);
        assertThat(peak.get()).isEqualTo(1);
        peak.set(0);
        assertThat(output(map("\"ItemsPath\": \"$.items\", \"MaxConcurrency\": 0", states), input)).hasSize(12);
        assertThat(peak.get()).as("0 = unbounded: all 12 at once").isEqualTo(12);
    }

    @Test
    void aFailingIterationFailsTheMapWithItsErrorAndStopsTheRest() {
        AtomicInteger calls = new AtomicInteger();
        lambdas.register("check", event -> {
            calls.incrementAndGet();
            if (event.asInt() == 2) {
                throw LambdaFailure.functionError("Item.Bad", "item 2", List.of());
            }
            return event;
        });
        String states = "{\"I\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:check\", \"End\": true}}";
        ExecutionInfo info = failure(map("\"ItemsPath\": \"$.items\", \"MaxConcurrency\": 1", states), "{\"items\": [1, 2, 3, 4]}");
        assertThat(info.error()).isEqualTo("Item.Bad");
        assertThat(calls.get()).isEqualTo(2);
        List<String> types = engine().getExecutionHistory(info.executionArn()).stream().map(HistoryEvent::type).toList();
        assertThat(types).contains("MapIterationFailed", "MapStateFailed").doesNotContain("MapStateSucceeded");
    }

    @Test
    void toleratedFailuresKeepErrorOutputsInTheResult() {
        String states = """
                {"I": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "Bad"}], "Default": "Ok"},
                 "Bad": {"Type": "Fail", "Error": "Bad", "Cause": "two"}, "Ok": {"Type": "Succeed"}}""";
        assertThat(output(map("\"ToleratedFailureCount\": 1", states), "[1, 2, 3]"))
                .isEqualTo(json("[1, {\"Error\": \"Bad\", \"Cause\": \"two\"}, 3]"));
        assertThat(failure(map("\"ToleratedFailurePercentage\": 30", states), "[1, 2, 2]").error())
                .isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void mapHistoryHasIterationEvents() {
        ExecutionInfo info = run(map("", DOUBLE), "[{\"v\": 1}, {\"v\": 2}]");
        List<HistoryEvent> events = engine().getExecutionHistory(info.executionArn());
        assertThat(events).extracting(HistoryEvent::type).startsWith("ExecutionStarted", "MapStateEntered", "MapStateStarted")
                .endsWith("MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
        assertThat(events).filteredOn(e -> e.type().equals("MapIterationStarted")).hasSize(2)
                .extracting(e -> e.details().get("index").asInt()).containsExactlyInAnyOrder(0, 1);
        assertThat(events.stream().filter(e -> e.type().equals("MapStateStarted")).findFirst().orElseThrow()
                .details().get("length").asInt()).isEqualTo(2);
    }

    @Test
    void parallelOutputIsTheArrayOfBranchOutputsInBranchOrder() {
        lambdas.register("slow", event -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Json.NODES.textNode("slow");
        });
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true,
                  "Parameters": {"x.$": "$.x"},
                  "Branches": [
                    {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:slow", "End": true}}},
                    {"StartAt": "B", "States": {"B": {"Type": "Pass", "InputPath": "$.x", "End": true}}},
                    {"StartAt": "C", "States": {"C": {"Type": "Pass", "Result": "c", "Next": "D"}, "D": {"Type": "Succeed"}}}]}}}
                """;
        assertThat(output(definition, "{\"x\": 42, \"ignored\": true}")).isEqualTo(json("[\"slow\", 42, \"c\"]"));
    }

    @Test
    void parallelBranchFailureCancelsSiblingsAndPropagatesTheError() {
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 100, "Next": "After"}, "After": {"Type": "Pass", "End": true}}},
                    {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Branch.Error", "Cause": "b"}}}]}}}
                """;
        ExecutionInfo info = failure(definition, "{}");
        assertThat(info.error()).isEqualTo("Branch.Error");
        assertThat(info.cause()).isEqualTo("b");
        List<String> types = engine().getExecutionHistory(info.executionArn()).stream().map(HistoryEvent::type).toList();
        assertThat(types).contains("ParallelStateStarted", "FailStateEntered", "ParallelStateFailed", "ExecutionFailed");
    }

    @Test
    void nestedMapInsideParallel() {
        String definition = """
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.n", "End": true,
                     "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "Parameters": {"sq.$": "States.MathAdd($, 1)"}, "End": true}}}}}}]}}}
                """;
        JsonNode out = output(definition, "{\"n\": [1, 2]}");
        assertThat(out).isEqualTo(json("[[{\"sq\": 2}, {\"sq\": 3}]]"));
    }
}
