package io.pyairtable.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pyairtable.local.aws.AwsServiceException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Executions: start (idempotent), history, list, stop, errors. */
class ExecutionsTest extends AslTestSupport {
    private static final String ROLE = "arn:aws:iam::000000000000:role/sfn";
    private static final String TWO_STATES = """
            {"StartAt": "T", "States": {
              "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "echo", "Payload.$": "$"}, "OutputPath": "$.Payload", "Next": "Done"},
              "Done": {"Type": "Succeed"}}}
            """;

    private final CountDownLatch release = new CountDownLatch(1);

    private String blockingMachine() {
        lambdas.register("block", event -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return event;
        });
        return engine().createStateMachine("blocking", """
                {"StartAt": "B", "States": {"B": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:000000000000:function:block", "End": true}}}
                """, ROLE).stateMachineArn();
    }

    @Test
    void historyOfASmallMachine() {
        lambdas.register("echo", event -> event);
        String arn = engine().createStateMachine("small", TWO_STATES, ROLE).stateMachineArn();
        ExecutionInfo done = engine().awaitCompletion(engine().startExecution(arn, "e1", "{\"x\":1}").executionArn(), Duration.ofSeconds(5));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).isEqualTo("{\"x\":1}");
        assertThat(done.executionArn()).isEqualTo("arn:aws:states:us-east-1:000000000000:execution:small:e1");

        List<HistoryEvent> events = engine().getExecutionHistory(done.executionArn());
        assertThat(events).extracting(HistoryEvent::type).containsExactly("ExecutionStarted", "TaskStateEntered",
                "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "SucceedStateEntered",
                "SucceedStateExited", "ExecutionSucceeded");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).id()).isEqualTo(i + 1);
            assertThat(events.get(i).previousEventId()).isEqualTo(i);
            assertThat(events.get(i).timestamp()).isEqualTo(START);
        }
        HistoryEvent scheduled = events.get(2);
        assertThat(scheduled.detailsField()).isEqualTo("taskScheduledEventDetails");
        assertThat(scheduled.details().get("resourceType").asText()).isEqualTo("lambda");
        assertThat(scheduled.details().get("resource").asText()).isEqualTo("invoke");
        assertThat(scheduled.details().get("region").asText()).isEqualTo("us-east-1");
        assertThat(json(scheduled.details().get("parameters").asText())).isEqualTo(json("{\"FunctionName\":\"echo\",\"Payload\":{\"x\":1}}"));
        assertThat(events.get(1).details().get("name").asText()).isEqualTo("T");
        assertThat(events.get(0).details().get("roleArn").asText()).isEqualTo(ROLE);
        assertThat(events.get(8).details().get("output").asText()).isEqualTo("{\"x\":1}");
        assertThat(events.get(8).toJson().get("timestamp").decimalValue()).isEqualByComparingTo("1704067200.000");
    }

    @Test
    void startIsIdempotentForTheSameNameAndInputWhileRunning() {
        String arn = blockingMachine();
        ExecutionInfo first = engine().startExecution(arn, "change-set-1", "{\"a\": 1}");
        ExecutionInfo again = engine().startExecution(arn, "change-set-1", "{ \"a\" : 1 }");
        assertThat(again.executionArn()).isEqualTo(first.executionArn());
        assertThat(again.startDate()).isEqualTo(first.startDate());
        assertThatThrownBy(() -> engine().startExecution(arn, "change-set-1", "{\"a\": 2}"))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.type()).isEqualTo("ExecutionAlreadyExists"));
        release.countDown();
        assertThat(engine().awaitCompletion(first.executionArn(), Duration.ofSeconds(5)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThatThrownBy(() -> engine().startExecution(arn, "change-set-1", "{\"a\": 1}"))
                .as("a closed execution's name cannot be reused")
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.type()).isEqualTo("ExecutionAlreadyExists"));
    }

    @Test
    void stopAbortsARunningExecution() {
        String arn = blockingMachine();
        ExecutionInfo started = engine().startExecution(arn, "to-stop", null);
        ExecutionInfo stopped = engine().stopExecution(started.executionArn(), "User.Cancelled", "no longer needed");
        assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(stopped.error()).isEqualTo("User.Cancelled");
        assertThat(stopped.stopDate()).isNotNull();
        List<HistoryEvent> events = engine().getExecutionHistory(started.executionArn());
        assertThat(events.get(events.size() - 1).type()).isEqualTo("ExecutionAborted");
        assertThat(events.get(events.size() - 1).details().get("cause").asText()).isEqualTo("no longer needed");
        assertThat(engine().describeExecution(started.executionArn()).status()).isEqualTo(ExecutionStatus.ABORTED);
    }

    @Test
    void stopInterruptsAWait() {
        StepFunctionsEngine real = StepFunctionsEngine.builder().build();
        try {
            String arn = real.createStateMachine("waits", "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 3600, \"End\": true}}}", ROLE)
                    .stateMachineArn();
            ExecutionInfo started = real.startExecution(arn, "w", "{}");
            real.stopExecution(started.executionArn(), null, null);
            assertThat(real.awaitCompletion(started.executionArn(), Duration.ofSeconds(5)).status()).isEqualTo(ExecutionStatus.ABORTED);
        } finally {
            real.close();
        }
    }

    @Test
    void listExecutionsFiltersByStatusNewestFirst() {
        String arn = blockingMachine();
        engine().startExecution(arn, "a", "{}");
        clock.advance(Duration.ofSeconds(1));
        ExecutionInfo b = engine().startExecution(arn, "b", "{}");
        engine().stopExecution(b.executionArn(), null, null);
        assertThat(engine().listExecutions(arn, null)).extracting(ExecutionInfo::name).containsExactly("b", "a");
        assertThat(engine().listExecutions(arn, ExecutionStatus.ABORTED)).extracting(ExecutionInfo::name).containsExactly("b");
        assertThat(engine().listExecutions(arn, ExecutionStatus.RUNNING)).extracting(ExecutionInfo::name).containsExactly("a");
        release.countDown();
    }

    @Test
    void awsErrorTypes() {
        String arn = engine().createStateMachine("m", "{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}", ROLE)
                .stateMachineArn();
        assertErrorType(() -> engine().createStateMachine("bad name", "{}", ROLE), "InvalidName");
        assertErrorType(() -> engine().createStateMachine("m2", "{\"StartAt\": 1}", ROLE), "InvalidDefinition");
        assertErrorType(() -> engine().createStateMachine("m", "{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Fail\"}}}", ROLE),
                "StateMachineAlreadyExists");
        assertErrorType(() -> engine().startExecution(arn + "x", null, null), "StateMachineDoesNotExist");
        assertErrorType(() -> engine().startExecution("not-an-arn", null, null), "InvalidArn");
        assertErrorType(() -> engine().startExecution(arn, null, "{not json"), "InvalidExecutionInput");
        assertErrorType(() -> engine().startExecution(arn, "a/b", null), "InvalidName");
        assertErrorType(() -> engine().describeExecution("arn:aws:states:us-east-1:000000000000:execution:m:nope"), "ExecutionDoesNotExist");
        assertThat(engine().createStateMachine("m", "{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}", ROLE)
                .stateMachineArn()).as("same definition again is idempotent").isEqualTo(arn);
    }

    @Test
    void machineTimeoutSecondsTimesTheExecutionOut() {
        String arn = blockingMachine();
        String timed = engine().createStateMachine("timed", """
                {"TimeoutSeconds": 1, "StartAt": "B", "States": {"B": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:000000000000:function:block", "End": true}}}
                """, ROLE).stateMachineArn();
        assertThat(arn).isNotEqualTo(timed);
        ExecutionInfo info = engine().awaitCompletion(engine().startExecution(timed, "t", "{}").executionArn(), Duration.ofSeconds(5));
        assertThat(info.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(info.error()).isEqualTo("States.Timeout");
        release.countDown();
    }

    private static void assertErrorType(Runnable call, String type) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.type()).isEqualTo(type));
    }
}
