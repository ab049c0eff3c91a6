package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A state that produces a result and may Retry and Catch: Task, Parallel and Map. It implements the common data
 * flow: InputPath → (subclass: Parameters and the work) → ResultSelector → ResultPath → OutputPath, and the error
 * handling: the first Retrier matching the error retries while its own attempt count is below MaxAttempts (counts
 * are kept per Retrier for the whole visit of the state); otherwise the first matching Catcher transitions with the
 * Error Output; otherwise the error propagates.
 */
abstract class ErrorHandlingState extends State {
    private final PayloadTemplate resultSelector;
    private final JsonPath resultPath;
    private final List<Retrier> retriers;
    private final List<Catcher> catchers;

    ErrorHandlingState(Common common, ErrorHandling handling) {
        super(common);
        this.resultSelector = handling.resultSelector();
        this.resultPath = handling.resultPath();
        this.retriers = handling.retriers();
        this.catchers = handling.catchers();
    }

    /** ResultSelector, ResultPath (Java null = JSON null), Retry and Catch of a state. */
    record ErrorHandling(PayloadTemplate resultSelector, JsonPath resultPath, List<Retrier> retriers,
            List<Catcher> catchers) {
    }

    /**
     * The state's work on its effective input: Parameters (if any) and running the task/branches/iterations.
     *
     * @param context the context object for this attempt
     */
    abstract JsonNode produceResult(JsonNode effectiveInput, ObjectNode context, BranchRun run);

    @Override
    final Transition execute(JsonNode rawInput, Instant entered, BranchRun run) {
        int[] attemptsByRetrier = new int[retriers.size()];
        int retryCount = 0;
        while (true) {
            try {
                ObjectNode context = run.contextObject(name(), entered, retryCount);
                JsonNode result = produceResult(effectiveInput(rawInput), context, run);
                if (resultSelector != null) {
                    result = resultSelector.evaluate(run.data(result, context));
                }
                return new Transition(applyOutputPath(applyResultPath(resultPath, rawInput, result)), next());
            } catch (StateFailure failure) {
                int retrier = matchingRetrier(failure.error());
                if (retrier >= 0 && attemptsByRetrier[retrier] < retriers.get(retrier).maxAttempts()) {
                    run.sleep(retriers.get(retrier).delay(attemptsByRetrier[retrier], run.environment().random()));
                    attemptsByRetrier[retrier]++;
                    retryCount++;
                    continue;
                }
                for (Catcher catcher : catchers) {
                    if (catcher.matches(failure.error())) {
                        ObjectNode errorOutput = Json.object().put("Error", failure.error()).put("Cause", failure.cause());
                        return new Transition(applyResultPath(catcher.resultPath(), rawInput, errorOutput), catcher.next());
                    }
                }
                throw failure;
            }
        }
    }

    private int matchingRetrier(String error) {
        for (int i = 0; i < retriers.size(); i++) {
            if (retriers.get(i).matches(error)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    List<String> transitions() {
        List<String> targets = super.transitions();
        catchers.forEach(catcher -> targets.add(catcher.next()));
        return targets;
    }
}
