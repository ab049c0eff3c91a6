package io.pyairtable.local.stepfunctions;

/**
 * A cooperative cancellation flag for an execution or for the iterations of one Map/Parallel state. A scope is
 * cancelled when it or any ancestor is; the interpreter checks it between states and when a sleep is interrupted.
 */
final class CancellationScope {
    private final CancellationScope parent;
    private volatile boolean cancelled;

    CancellationScope(CancellationScope parent) {
        this.parent = parent;
    }

    static CancellationScope root() {
        return new CancellationScope(null);
    }

    CancellationScope child() {
        return new CancellationScope(this);
    }

    void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled || (parent != null && parent.isCancelled());
    }

    void throwIfCancelled() {
        if (isCancelled()) {
            throw new ExecutionCancelledException();
        }
    }
}
