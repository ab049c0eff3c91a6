package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** {@code Succeed}: ends its machine (or branch) successfully; output = OutputPath(InputPath(input)). */
final class SucceedState extends State {
    SucceedState(Common common) {
        super(common);
    }

    @Override
    String type() {
        return "Succeed";
    }

    @Override
    Transition execute(JsonNode rawInput, Instant entered, BranchRun run) {
        return new Transition(applyOutputPath(effectiveInput(rawInput)), null);
    }
}
