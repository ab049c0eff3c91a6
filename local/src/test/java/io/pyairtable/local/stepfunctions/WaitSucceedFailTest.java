package io.pyairtable.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Wait (on the fake clock), Succeed and Fail states. */
class WaitSucceedFailTest extends AslTestSupport {

    private static String waitState(String field) {
        return "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", " + field
                + ", \"Next\": \"After\"}, \"After\": {\"Type\": \"Pass\", \"Parameters\": {\"at.$\": \"$$.State.EnteredTime\"}, \"End\": true}}}";
    }

    @Test
    void secondsWaitsThatLong() {
        assertThat(output(waitState("\"Seconds\": 90"), "{}").get("at").asText()).isEqualTo("2024-01-01T00:01:30.000Z");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(90));
    }

    @Test
    void secondsPathReadsTheEffectiveInput() {
        output(waitState("\"InputPath\": \"$.cfg\", \"SecondsPath\": \"$.delay\""), "{\"cfg\": {\"delay\": 5}}");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void timestampWaitsUntilThenAndPastTimestampsDoNotWait() {
        assertThat(output(waitState("\"Timestamp\": \"2024-01-01T02:00:00Z\""), "{}").get("at").asText())
                .isEqualTo("2024-01-01T02:00:00.000Z");
        output(waitState("\"Timestamp\": \"2023-01-01T00:00:00Z\""), "{}");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofHours(2));
    }

    @Test
    void timestampPathAcceptsOffsets() {
        output(waitState("\"TimestampPath\": \"$.until\""), "{\"until\": \"2024-01-01T01:00:10+01:00\"}");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void badSecondsPathValueIsStatesRuntime() {
        assertThat(failure(waitState("\"SecondsPath\": \"$.d\""), "{\"d\": \"soon\"}").error()).isEqualTo("States.Runtime");
        assertThat(failure(waitState("\"TimestampPath\": \"$.d\""), "{\"d\": \"tomorrow\"}").error()).isEqualTo("States.Runtime");
    }

    @Test
    void succeedAppliesInputAndOutputPath() {
        String definition = "{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\", \"InputPath\": \"$.a\", \"OutputPath\": \"$.b\"}}}";
        assertThat(output(definition, "{\"a\": {\"b\": 3}}").asInt()).isEqualTo(3);
    }

    @Test
    void failWithLiteralErrorAndCause() {
        ExecutionInfo info = failure("{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"Error\": \"Job.Failed\", \"Cause\": \"bad\"}}}", "{}");
        assertThat(info.error()).isEqualTo("Job.Failed");
        assertThat(info.cause()).isEqualTo("bad");
        assertThat(engine().getExecutionHistory(info.executionArn())).extracting(HistoryEvent::type)
                .containsExactly("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
    }

    @Test
    void failWithErrorPathAndIntrinsicCausePath() {
        String definition = """
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.e",
                  "CausePath": "States.Format('{} failed after {} tries', $.what, $.n)"}}}
                """;
        ExecutionInfo info = failure(definition, "{\"e\": \"Import.Failed\", \"what\": \"chunk\", \"n\": 3}");
        assertThat(info.error()).isEqualTo("Import.Failed");
        assertThat(info.cause()).isEqualTo("chunk failed after 3 tries");
    }

    @Test
    void failWithoutErrorHasNoErrorName() {
        ExecutionInfo info = failure("{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\"}}}", "{}");
        assertThat(info.error()).isNull();
        assertThat(info.cause()).isNull();
    }
}
