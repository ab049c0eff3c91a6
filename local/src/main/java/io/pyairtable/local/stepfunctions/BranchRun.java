package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * One thread of control of an execution: the whole machine, a Parallel branch or a Map iteration. It records
 * history events chained by {@code previousEventId}, owns a {@link CancellationScope} and waits through the
 * engine's {@link Sleeper}. Not thread-safe: each branch has its own.
 */
final class BranchRun {
    private final ExecutionRun execution;
    private final CancellationScope cancellation;
    private long previousEventId;

    BranchRun(ExecutionRun execution, CancellationScope cancellation, long previousEventId) {
        this.execution = execution;
        this.cancellation = cancellation;
        this.previousEventId = previousEventId;
    }

    ExecutionRun execution() {
        return execution;
    }

    RuntimeEnvironment environment() {
        return execution.environment();
    }

    CancellationScope cancellation() {
        return cancellation;
    }

    /** Appends an event after this branch's previous one; {@code details} may be null for types without details. */
    void record(String type, String detailsField, ObjectNode details) {
        previousEventId = execution.history().append(type, previousEventId, detailsField, details);
    }

    /** A branch of this one (for a Map iteration or a Parallel branch) whose events follow this branch's last. */
    BranchRun fork(CancellationScope scope) {
        return new BranchRun(execution, scope, previousEventId);
    }

    /** After forked branches finished: the next event follows the latest event of the whole execution. */
    void continueAfterLatestEvent() {
        previousEventId = execution.history().lastId();
    }

    Instant now() {
        return environment().clock().instant();
    }

    DataScope data(JsonNode input, JsonNode context) {
        return new DataScope(input, context, environment().random());
    }

    ObjectNode contextObject(String stateName, Instant enteredTime, int retryCount) {
        return execution.contextObject(stateName, enteredTime, retryCount);
    }

    void throwIfCancelled() {
        cancellation.throwIfCancelled();
    }

    /** Waits {@code duration}; an interrupt (execution stopped, sibling failed) unwinds the branch. */
    void sleep(Duration duration) {
        throwIfCancelled();
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            environment().sleeper().sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionCancelledException();
        }
        throwIfCancelled();
    }
}
