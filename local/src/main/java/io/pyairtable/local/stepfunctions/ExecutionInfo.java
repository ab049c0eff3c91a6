package io.pyairtable.local.stepfunctions;

import java.time.Instant;

/**
 * A snapshot of an execution. {@code output} is set when SUCCEEDED; {@code error}/{@code cause} when FAILED,
 * TIMED_OUT or ABORTED (when known); {@code stopDate} once terminal. JSON values are JSON text.
 */
public record ExecutionInfo(String executionArn, String stateMachineArn, String name, ExecutionStatus status,
        Instant startDate, Instant stopDate, String input, String output, String error, String cause) {
}
