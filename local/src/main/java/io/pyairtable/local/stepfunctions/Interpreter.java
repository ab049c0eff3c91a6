package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Runs a (top-level or nested) state machine from StartAt until a terminal state, recording state events. */
final class Interpreter {
    private Interpreter() {
    }

    /**
     * @return the output of the terminal state
     * @throws StateFailure when a state fails and no Catcher handles it
     * @throws ExecutionCancelledException when the branch is cancelled
     */
    static JsonNode run(StateMachineDefinition machine, JsonNode input, BranchRun run) {
        String current = machine.startAt();
        JsonNode data = input;
        while (true) {
            run.throwIfCancelled();
            State state = machine.state(current);
            Instant entered = run.now();
            ObjectNode entry = Json.object().put("name", state.name()).put("input", Json.write(data));
            entry.putObject("inputDetails").put("truncated", false);
            run.record(state.type() + "StateEntered", "stateEnteredEventDetails", entry);
            Transition transition = state.execute(data, entered, run);
            if (state.recordsExit()) {
                ObjectNode exit = Json.object().put("name", state.name()).put("output", Json.write(transition.output()));
                exit.putObject("outputDetails").put("truncated", false);
                run.record(state.type() + "StateExited", "stateExitedEventDetails", exit);
            }
            if (transition.next() == null) {
                return transition.output();
            }
            current = transition.next();
            data = transition.output();
        }
    }
}
