package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code Map} (inline mode): runs its ItemProcessor (or legacy Iterator) once per element of the array at
 * {@code ItemsPath} (a Reference Path on the effective input), at most {@code MaxConcurrency} at a time; the result is
 * the array of iteration outputs in item order.
 *
 * <p>Iteration input: the item, or {@code ItemSelector} (legacy {@code Parameters}) evaluated against the Map state's
 * effective input with {@code $$.Map.Item.Index} / {@code $$.Map.Item.Value} in the context object.
 * {@code MaxConcurrency 0} means "unbounded", which AWS runs as up to {@value #UNBOUNDED_CONCURRENCY} concurrent
 * iterations in inline mode; so does this interpreter.
 *
 * <p>Failures: without a tolerated-failure setting the first failing iteration cancels the rest and the state fails
 * with its error. With {@code ToleratedFailureCount}/{@code ToleratedFailurePercentage} (distributed-mode fields in
 * AWS, accepted here for inline maps) every iteration runs, a failed iteration's result is its Error Output
 * {@code {"Error","Cause"}}, and the state fails with {@code States.ExceedToleratedFailureThreshold} when the failures
 * exceed either threshold.
 */
final class MapState extends ErrorHandlingState {
    static final int UNBOUNDED_CONCURRENCY = 40;

    private final StateMachineDefinition processor;
    private final JsonPath itemsPath;
    private final PayloadTemplate itemSelector;
    private final Integer maxConcurrency;
    private final JsonPath maxConcurrencyPath;
    private final Tolerance tolerance;

    /** Tolerated failures; fields null when not set (a literal or a Reference Path each). */
    record Tolerance(Integer count, JsonPath countPath, Double percentage, JsonPath percentagePath) {
        boolean isSet() {
            return count != null || countPath != null || percentage != null || percentagePath != null;
        }
    }

    MapState(Common common, ErrorHandling handling, StateMachineDefinition processor, JsonPath itemsPath,
            PayloadTemplate itemSelector, Integer maxConcurrency, JsonPath maxConcurrencyPath, Tolerance tolerance) {
        super(common, handling);
        this.processor = processor;
        this.itemsPath = itemsPath;
        this.itemSelector = itemSelector;
        this.maxConcurrency = maxConcurrency;
        this.maxConcurrencyPath = maxConcurrencyPath;
        this.tolerance = tolerance;
    }

    @Override
    String type() {
        return "Map";
    }

    @Override
    JsonNode produceResult(JsonNode effectiveInput, ObjectNode context, BranchRun run) {
        JsonNode items = itemsPath.find(effectiveInput).orElseThrow(() -> StateFailure.runtime(
                "Invalid path '" + itemsPath + "' in ItemsPath: no results in " + Json.abbreviate(effectiveInput)));
        if (!items.isArray()) {
            throw StateFailure.runtime("ItemsPath '" + itemsPath + "' must select a JSON array, got " + Json.abbreviate(items));
        }
        int concurrency = concurrency(effectiveInput);
        run.record("MapStateStarted", "mapStateStartedEventDetails", Json.object().put("length", items.size()));
        try {
            List<ConcurrentIterations.Outcome> outcomes = ConcurrentIterations.run(items.size(), concurrency,
                    !tolerance.isSet(), run.environment().branchPool(), run.cancellation(),
                    (index, scope) -> iterate(index, items.get(index), effectiveInput, context, run, scope));
            run.continueAfterLatestEvent();
            ArrayNode results = collect(outcomes, effectiveInput);
            run.record("MapStateSucceeded", null, null);
            return results;
        } catch (StateFailure failure) {
            run.continueAfterLatestEvent();
            run.record("MapStateFailed", null, null);
            throw failure;
        }
    }

    private JsonNode iterate(int index, JsonNode item, JsonNode mapInput, ObjectNode context, BranchRun parent,
            CancellationScope scope) {
        BranchRun branch = parent.fork(scope);
        ObjectNode details = Json.object().put("name", name()).put("index", index);
        branch.record("MapIterationStarted", "mapIterationStartedEventDetails", details);
        try {
            JsonNode input = item;
            if (itemSelector != null) {
                ObjectNode itemContext = context.deepCopy();
                itemContext.putObject("Map").putObject("Item").put("Index", index).set("Value", item);
                input = itemSelector.evaluate(parent.data(mapInput, itemContext));
            }
            JsonNode output = Interpreter.run(processor, input, branch);
            branch.record("MapIterationSucceeded", "mapIterationSucceededEventDetails", details);
            return output;
        } catch (StateFailure failure) {
            branch.record("MapIterationFailed", "mapIterationFailedEventDetails", details);
            throw failure;
        } catch (ExecutionCancelledException cancelled) {
            branch.record("MapIterationAborted", "mapIterationAbortedEventDetails", details);
            throw cancelled;
        }
    }

    private int concurrency(JsonNode effectiveInput) {
        int limit = maxConcurrency == null ? 0 : maxConcurrency;
        if (maxConcurrencyPath != null) {
            limit = nonNegativeNumber(maxConcurrencyPath, effectiveInput, "MaxConcurrencyPath").intValue();
        }
        return limit == 0 ? UNBOUNDED_CONCURRENCY : limit;
    }

    private ArrayNode collect(List<ConcurrentIterations.Outcome> outcomes, JsonNode effectiveInput) {
        ArrayNode results = Json.array();
        int failed = 0;
        for (ConcurrentIterations.Outcome outcome : outcomes) {
            if (outcome.failure() == null) {
                results.add(outcome.result());
            } else {
                failed++;
                results.addObject().put("Error", outcome.failure().error()).put("Cause", outcome.failure().cause());
            }
        }
        if (failed > 0 && exceedsTolerance(failed, outcomes.size(), effectiveInput)) {
            throw new StateFailure(StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD, "The number of failed items ("
                    + failed + " of " + outcomes.size() + ") exceeded the tolerated failure threshold of Map state '"
                    + name() + "'");
        }
        return results;
    }

    private boolean exceedsTolerance(int failed, int total, JsonNode effectiveInput) {
        Number count = tolerance.countPath() != null
                ? nonNegativeNumber(tolerance.countPath(), effectiveInput, "ToleratedFailureCountPath") : tolerance.count();
        Number percentage = tolerance.percentagePath() != null
                ? nonNegativeNumber(tolerance.percentagePath(), effectiveInput, "ToleratedFailurePercentagePath")
                : tolerance.percentage();
        boolean overCount = count != null && failed > count.intValue();
        boolean overPercentage = percentage != null && failed * 100.0 / total > percentage.doubleValue();
        return overCount || overPercentage;
    }

    private static Number nonNegativeNumber(JsonPath path, JsonNode input, String field) {
        JsonNode value = path.find(input).orElseThrow(() -> StateFailure.runtime(
                "Invalid path '" + path + "' in " + field + ": no results in " + Json.abbreviate(input)));
        if (!value.isNumber() || value.doubleValue() < 0) {
            throw StateFailure.runtime(field + " must resolve to a non-negative number, got " + Json.abbreviate(value));
        }
        return value.numberValue();
    }
}
