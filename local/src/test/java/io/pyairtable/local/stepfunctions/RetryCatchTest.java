package io.pyairtable.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retry and Catch (spec: "Error Handling"), with waits observed through the recording sleeper. */
class RetryCatchTest extends AslTestSupport {
    private final AtomicInteger calls = new AtomicInteger();

    /** A function failing with {@code errors[i]} on call i, then succeeding with {"ok": calls}. */
    private void flaky(String... errors) {
        lambdas.register("flaky", event -> {
            int call = calls.getAndIncrement();
            if (call < errors.length) {
                throw LambdaFailure.functionError(errors[call], "failure " + call, List.of("at Flaky.handle"));
            }
            return json("{\"ok\": " + (call + 1) + "}");
        });
    }

    /** A Task on "flaky"; a "Handled" Pass state exists when a Catcher refers to it (unreachable states are invalid). */
    private static String task(String retryAndCatch) {
        return """
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:flaky",
                        %s "End": true} %s}}
                """.formatted(retryAndCatch.isBlank() ? "" : retryAndCatch + ",",
                retryAndCatch.contains("Handled") ? ", \"Handled\": {\"Type\": \"Pass\", \"End\": true}" : "");
    }

    private static String catchAll() {
        return "\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Handled\"}]";
    }

    @Test
    void defaultsAreOneSecondThreeAttemptsBackoffTwo() {
        flaky("E", "E", "E");
        String definition = task("\"Retry\": [{\"ErrorEquals\": [\"E\"]}]");
        assertThat(output(definition, "{}")).isEqualTo(json("{\"ok\": 4}"));
        assertThat(sleeper.sleepSeconds()).containsExactly(1L, 2L, 4L);
    }

    @Test
    void retriesStopAfterMaxAttemptsAndTheErrorPropagates() {
        flaky("E", "E", "E");
        ExecutionInfo info = failure(task("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"MaxAttempts\": 2}]"), "{}");
        assertThat(info.error()).isEqualTo("E");
        assertThat(json(info.cause())).isEqualTo(json(
                "{\"errorMessage\": \"failure 2\", \"errorType\": \"E\", \"stackTrace\": [\"at Flaky.handle\"]}"));
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void maxAttemptsZeroNeverRetries() {
        flaky("E");
        assertThat(failure(task("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"MaxAttempts\": 0}]"), "{}").error()).isEqualTo("E");
        assertThat(calls.get()).isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void intervalBackoffAndMaxDelay() {
        flaky("E", "E", "E", "E");
        String definition = task("""
                "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 3, "BackoffRate": 3, "MaxAttempts": 4,
                           "MaxDelaySeconds": 20}]""");
        output(definition, "{}");
        assertThat(sleeper.sleepSeconds()).containsExactly(3L, 9L, 20L, 20L);
    }

    @Test
    void fractionalBackoffIsComputedInMilliseconds() {
        flaky("E", "E");
        output(task("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"IntervalSeconds\": 1, \"BackoffRate\": 1.5}]"), "{}");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(1000), Duration.ofMillis(1500));
    }

    @Test
    void fullJitterWaitsAtMostTheComputedDelay() {
        flaky("E", "E", "E");
        output(task("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"IntervalSeconds\": 10, \"JitterStrategy\": \"FULL\"}]"), "{}");
        List<Duration> sleeps = sleeper.sleeps();
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofSeconds(10));
        assertThat(sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofSeconds(20));
        assertThat(sleeps.get(2)).isBetween(Duration.ZERO, Duration.ofSeconds(40));
    }

    @Test
    void firstMatchingRetrierWinsAndCountsArePerRetrier() {
        flaky("A", "B", "A", "B");
        String definition = task("""
                "Retry": [{"ErrorEquals": ["A"], "IntervalSeconds": 1, "MaxAttempts": 2},
                          {"ErrorEquals": ["A", "B"], "IntervalSeconds": 10, "MaxAttempts": 2}]""");
        assertThat(output(definition, "{}")).isEqualTo(json("{\"ok\": 5}"));
        assertThat(sleeper.sleepSeconds()).containsExactly(1L, 10L, 2L, 20L);
    }

    @Test
    void anExhaustedRetrierDoesNotFallThroughToALaterOne() {
        flaky("A", "A");
        String definition = task("""
                "Retry": [{"ErrorEquals": ["A"], "MaxAttempts": 1}, {"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}]""");
        assertThat(failure(definition, "{}").error()).isEqualTo("A");
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void retryCountIsInTheContextObject() {
        flaky("E", "E");
        lambdas.register("counting", event -> {
            if (calls.getAndIncrement() < 2) {
                throw LambdaFailure.functionError("E", "again", List.of());
            }
            return event;
        });
        String definition = """
                {"StartAt": "T", "States": {"T": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:000000000000:function:counting",
                  "Parameters": {"retry.$": "$$.State.RetryCount"},
                  "Retry": [{"ErrorEquals": ["E"]}], "End": true}}}
                """;
        assertThat(output(definition, "{}")).isEqualTo(json("{\"retry\": 2}"));
    }

    @Test
    void catchPlacesErrorOutputAtResultPathAndTransitions() {
        flaky("Airtable.RateLimited");
        String definition = task("\"Catch\": [{\"ErrorEquals\": [\"Airtable.RateLimited\"], \"ResultPath\": \"$.error\", \"Next\": \"Handled\"}]");
        JsonNode out = output(definition, "{\"keep\": 1}");
        assertThat(out.get("keep").asInt()).isEqualTo(1);
        assertThat(out.at("/error/Error").asText()).isEqualTo("Airtable.RateLimited");
        assertThat(json(out.at("/error/Cause").asText()).get("errorMessage").asText()).isEqualTo("failure 0");
    }

    @Test
    void catchWithoutResultPathReplacesTheInputAndNullKeepsIt() {
        flaky("E");
        assertThat(output(task(catchAll()), "{\"keep\": 1}").fieldNames()).toIterable().containsExactly("Error", "Cause");
        calls.set(0);
        String keep = task("\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"ResultPath\": null, \"Next\": \"Handled\"}]");
        assertThat(output(keep, "{\"keep\": 1}")).isEqualTo(json("{\"keep\": 1}"));
    }

    @Test
    void firstMatchingCatcherInOrderWins() {
        flaky("B");
        String definition = """
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:flaky",
                        "Catch": [{"ErrorEquals": ["A"], "Next": "First"}, {"ErrorEquals": ["B"], "Next": "Second"},
                                  {"ErrorEquals": ["States.ALL"], "Next": "Third"}], "End": true},
                  "First": {"Type": "Pass", "Result": 1, "End": true},
                  "Second": {"Type": "Pass", "Result": 2, "End": true},
                  "Third": {"Type": "Pass", "Result": 3, "End": true}}}
                """;
        assertThat(output(definition, "{}").asInt()).isEqualTo(2);
    }

    @Test
    void retriesRunBeforeCatchers() {
        flaky("E", "E", "E", "E");
        String definition = task("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"MaxAttempts\": 2}], " + catchAll());
        output(definition, "{}");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void taskFailedMatchesAnyErrorButTimeout() {
        flaky("Custom.Error");
        String definition = task("\"Catch\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"Next\": \"Handled\"}]");
        assertThat(output(definition, "{}").get("Error").asText()).isEqualTo("Custom.Error");
    }

    @Test
    void taskTimeoutIsStatesTimeoutAndCanBeCaught() {
        lambdas.register("flaky", event -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return event;
        });
        String definition = task("\"TimeoutSeconds\": 1, \"Catch\": [{\"ErrorEquals\": [\"States.Timeout\"], \"Next\": \"Handled\"}]");
        JsonNode out = output(definition, "{}");
        assertThat(out.get("Error").asText()).isEqualTo("States.Timeout");
        assertThat(engine().getExecutionHistory(engine().listExecutions(engine().listStateMachines().get(0).stateMachineArn(), null)
                .get(0).executionArn())).extracting(HistoryEvent::type).contains("LambdaFunctionTimedOut");
    }

    @Test
    void timeoutIsNotMatchedByTaskFailed() {
        lambdas.register("flaky", event -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return event;
        });
        String definition = task("\"TimeoutSecondsPath\": \"$.timeout\", \"Catch\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"Next\": \"Handled\"}]");
        assertThat(failure(definition, "{\"timeout\": 1}").error()).isEqualTo("States.Timeout");
    }

    @Test
    void statesRuntimeIsNeverRetriedNorCaught() {
        flaky();
        String definition = task("\"InputPath\": \"$.missing\", \"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}], " + catchAll());
        assertThat(failure(definition, "{}").error()).isEqualTo("States.Runtime");
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void resultPathMatchFailureCanBeCaught() {
        flaky();
        String definition = task("\"ResultPath\": \"$.s.x\", " + catchAll());
        assertThat(output(definition, "{\"s\": \"scalar\"}").get("Error").asText()).isEqualTo("States.ResultPathMatchFailure");
    }

    @Test
    void failStateErrorInsideParallelIsCaughtWithItsOwnName() {
        String definition = """
                {"StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "Branches": [
                          {"StartAt": "Ok", "States": {"Ok": {"Type": "Pass", "End": true}}},
                          {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Saga.ChunkFailed", "Cause": "chunk 3"}}}],
                        "Catch": [{"ErrorEquals": ["Saga.ChunkFailed"], "ResultPath": "$.failure", "Next": "Compensate"}],
                        "End": true},
                  "Compensate": {"Type": "Pass", "OutputPath": "$.failure", "End": true}}}
                """;
        assertThat(output(definition, "{}")).isEqualTo(json("{\"Error\": \"Saga.ChunkFailed\", \"Cause\": \"chunk 3\"}"));
    }

    @Test
    void parallelStateIsRetriedAsAWhole() {
        flaky("E");
        String definition = """
                {"StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "Retry": [{"ErrorEquals": ["E"]}], "End": true, "Branches": [
                    {"StartAt": "T", "States": {"T": {"Type": "Task",
                       "Resource": "arn:aws:lambda:us-east-1:000000000000:function:flaky", "End": true}}}]}}}
                """;
        assertThat(output(definition, "{}")).isEqualTo(json("[{\"ok\": 2}]"));
        assertThat(sleeper.sleepSeconds()).containsExactly(1L);
    }
}
