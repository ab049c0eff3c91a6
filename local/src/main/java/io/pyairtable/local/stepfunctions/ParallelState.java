package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code Parallel}: every branch runs concurrently on the same input (the effective parameters); the result is the
 * array of branch outputs in branch order. If a branch fails, the others are cancelled and the state fails with that
 * branch's error (name and cause), which the state's own Retry/Catch may handle.
 */
final class ParallelState extends ErrorHandlingState {
    private final List<StateMachineDefinition> branches;
    private final PayloadTemplate parameters;

    ParallelState(Common common, ErrorHandling handling, List<StateMachineDefinition> branches, PayloadTemplate parameters) {
        super(common, handling);
        this.branches = branches;
        this.parameters = parameters;
    }

    @Override
    String type() {
        return "Parallel";
    }

    @Override
    JsonNode produceResult(JsonNode effectiveInput, ObjectNode context, BranchRun run) {
        JsonNode branchInput = parameters == null ? effectiveInput : parameters.evaluate(run.data(effectiveInput, context));
        run.record("ParallelStateStarted", null, null);
        try {
            List<ConcurrentIterations.Outcome> outcomes = ConcurrentIterations.run(branches.size(), branches.size(), true,
                    run.environment().branchPool(), run.cancellation(),
                    (index, scope) -> Interpreter.run(branches.get(index), branchInput, run.fork(scope)));
            ArrayNode result = Json.array();
            outcomes.forEach(outcome -> result.add(outcome.result()));
            run.continueAfterLatestEvent();
            run.record("ParallelStateSucceeded", null, null);
            return result;
        } catch (StateFailure failure) {
            run.continueAfterLatestEvent();
            run.record("ParallelStateFailed", null, null);
            throw failure;
        }
    }
}
