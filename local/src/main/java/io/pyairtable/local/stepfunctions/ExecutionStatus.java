package io.pyairtable.local.stepfunctions;

/** The status of an execution, as {@code DescribeExecution} reports it. */
public enum ExecutionStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED;

    public boolean isTerminal() {
        return this != RUNNING;
    }
}
