package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The mutable record of one execution: status, result and history. The status leaves RUNNING exactly once — by the
 * interpreter finishing, by {@code StopExecution}, or by the machine's {@code TimeoutSeconds} — and that transition
 * records the terminal history event, closes the history and cancels whatever still runs.
 */
final class Execution {
    private final String arn;
    private final String name;
    private final StateMachineInfo stateMachine;
    private final String input;
    private final JsonNode inputJson;
    private final Instant startDate;
    private final ExecutionHistory history;
    private final Clock clock;
    private final CancellationScope cancellation = CancellationScope.root();
    private final CountDownLatch finished = new CountDownLatch(1);

    private ExecutionStatus status = ExecutionStatus.RUNNING;
    private Instant stopDate;
    private String output;
    private String error;
    private String cause;
    private Thread runner;
    private Future<?> timeout;

    Execution(String arn, String name, StateMachineInfo stateMachine, String input, JsonNode inputJson, Clock clock) {
        this.arn = arn;
        this.name = name;
        this.stateMachine = stateMachine;
        this.input = input;
        this.inputJson = inputJson;
        this.clock = clock;
        this.startDate = clock.instant();
        this.history = new ExecutionHistory(clock);
        ObjectNode details = Json.object().put("input", input);
        details.putObject("inputDetails").put("truncated", false);
        details.put("roleArn", stateMachine.roleArn());
        history.append("ExecutionStarted", 0, "executionStartedEventDetails", details);
    }

    String arn() {
        return arn;
    }

    String name() {
        return name;
    }

    StateMachineInfo stateMachine() {
        return stateMachine;
    }

    JsonNode inputJson() {
        return inputJson;
    }

    Instant startDate() {
        return startDate;
    }

    ExecutionHistory history() {
        return history;
    }

    CancellationScope cancellation() {
        return cancellation;
    }

    synchronized ExecutionInfo info() {
        return new ExecutionInfo(arn, stateMachine.stateMachineArn(), name, status, startDate, stopDate, input, output,
                error, cause);
    }

    synchronized ExecutionStatus status() {
        return status;
    }

    /** Binds the thread running the interpreter; false when the execution already ended (stopped while queued). */
    synchronized boolean attachRunner(Thread thread) {
        if (status.isTerminal()) {
            return false;
        }
        runner = thread;
        return true;
    }

    synchronized void detachRunner() {
        runner = null;
    }

    synchronized void setTimeout(Future<?> timeoutTask) {
        this.timeout = timeoutTask;
    }

    void succeed(JsonNode result) {
        String text = Json.write(result);
        ObjectNode details = Json.object().put("output", text);
        details.putObject("outputDetails").put("truncated", false);
        finish(ExecutionStatus.SUCCEEDED, text, null, null, "ExecutionSucceeded", "executionSucceededEventDetails", details);
    }

    void fail(String errorName, String causeText) {
        finish(ExecutionStatus.FAILED, null, errorName, causeText, "ExecutionFailed", "executionFailedEventDetails",
                errorDetails(errorName, causeText));
    }

    /** StopExecution: true when the execution was running. */
    boolean abort(String errorName, String causeText) {
        return finish(ExecutionStatus.ABORTED, null, errorName, causeText, "ExecutionAborted",
                "executionAbortedEventDetails", errorDetails(errorName, causeText));
    }

    void timeOut() {
        String causeText = "The execution exceeded the state machine's TimeoutSeconds";
        finish(ExecutionStatus.TIMED_OUT, null, StatesErrors.TIMEOUT, causeText, "ExecutionTimedOut",
                "executionTimedOutEventDetails", errorDetails(StatesErrors.TIMEOUT, causeText));
    }

    /** Waits until the execution is terminal; false on timeout. */
    boolean await(Duration timeoutDuration) throws InterruptedException {
        return finished.await(timeoutDuration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized boolean finish(ExecutionStatus newStatus, String outputText, String errorName, String causeText,
            String eventType, String detailsField, ObjectNode details) {
        if (status.isTerminal()) {
            return false;
        }
        status = newStatus;
        output = outputText;
        error = errorName == null || errorName.isEmpty() ? null : errorName;
        cause = causeText;
        stopDate = clock.instant();
        history.appendFinal(eventType, detailsField, details);
        cancellation.cancel();
        if (runner != null && runner != Thread.currentThread()) {
            runner.interrupt();
        }
        if (timeout != null) {
            timeout.cancel(false);
        }
        finished.countDown();
        return true;
    }

    private static ObjectNode errorDetails(String errorName, String causeText) {
        ObjectNode details = Json.object();
        if (errorName != null && !errorName.isEmpty()) {
            details.put("error", errorName);
        }
        if (causeText != null) {
            details.put("cause", causeText);
        }
        return details;
    }
}
