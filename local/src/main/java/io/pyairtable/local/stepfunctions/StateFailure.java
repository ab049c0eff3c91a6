package io.pyairtable.local.stepfunctions;

/**
 * A state reporting an error while running: the {@code error} name Retriers and Catchers match, and a human
 * {@code cause}. Thrown through the interpreter until a Catcher handles it or it fails the execution.
 */
public class StateFailure extends RuntimeException {
    private final String error;
    private final String errorCause;

    public StateFailure(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.errorCause = cause;
    }

    public String error() {
        return error;
    }

    /** The cause text (may be null, e.g. for a Fail state without Cause). */
    public String cause() {
        return errorCause;
    }

    static StateFailure runtime(String cause) {
        return new StateFailure(StatesErrors.RUNTIME, cause);
    }
}
