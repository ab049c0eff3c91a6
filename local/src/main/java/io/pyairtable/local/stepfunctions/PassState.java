package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** {@code Pass}: InputPath → Parameters → (Result, or the effective input) → ResultPath → OutputPath. */
final class PassState extends State {
    private final PayloadTemplate parameters;
    private final JsonNode result;
    private final JsonPath resultPath;

    PassState(Common common, PayloadTemplate parameters, JsonNode result, JsonPath resultPath) {
        super(common);
        this.parameters = parameters;
        this.result = result;
        this.resultPath = resultPath;
    }

    @Override
    String type() {
        return "Pass";
    }

    @Override
    Transition execute(JsonNode rawInput, Instant entered, BranchRun run) {
        JsonNode effective = effectiveInput(rawInput);
        if (parameters != null) {
            effective = parameters.evaluate(run.data(effective, run.contextObject(name(), entered, 0)));
        }
        JsonNode output = applyResultPath(resultPath, rawInput, result != null ? result : effective);
        return new Transition(applyOutputPath(output), next());
    }
}
