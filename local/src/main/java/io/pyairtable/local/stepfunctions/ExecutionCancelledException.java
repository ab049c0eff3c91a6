package io.pyairtable.local.stepfunctions;

/**
 * Unwinds a branch whose execution was stopped (or timed out) or whose sibling iteration failed. It is not a
 * {@link StateFailure}: no Retrier or Catcher sees it.
 */
final class ExecutionCancelledException extends RuntimeException {
    ExecutionCancelledException() {
        super("cancelled", null, false, false);
    }
}
