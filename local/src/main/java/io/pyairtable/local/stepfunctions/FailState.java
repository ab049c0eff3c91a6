package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * {@code Fail}: ends its machine with an error. {@code Error}/{@code Cause} are literals; {@code ErrorPath} /
 * {@code CausePath} are a Reference Path or an intrinsic function evaluated against the raw input and must yield a
 * string ({@code States.Runtime} otherwise). Without Error the error name is empty (omitted on the wire).
 */
final class FailState extends State {
    private final String error;
    private final String cause;
    private final DynamicString errorPath;
    private final DynamicString causePath;

    FailState(Common common, String error, String cause, DynamicString errorPath, DynamicString causePath) {
        super(common);
        this.error = error;
        this.cause = cause;
        this.errorPath = errorPath;
        this.causePath = causePath;
    }

    @Override
    String type() {
        return "Fail";
    }

    @Override
    boolean recordsExit() {
        return false;
    }

    @Override
    Transition execute(JsonNode rawInput, Instant entered, BranchRun run) {
        DataScope data = run.data(rawInput, run.contextObject(name(), entered, 0));
        String errorName = errorPath != null ? errorPath.evaluate(data, "ErrorPath") : error;
        String causeText = causePath != null ? causePath.evaluate(data, "CausePath") : cause;
        throw new StateFailure(errorName == null ? "" : errorName, causeText);
    }
}
