package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A state of a state machine, parsed and validated. Subclasses implement one {@code Type} each.
 *
 * <p>Path fields follow the spec's defaults: an absent {@code InputPath}/{@code OutputPath} is {@code $}; an explicit
 * JSON {@code null} is represented by a Java {@code null} and means "discard" (the effective input / output becomes
 * {@code {}}).
 */
abstract class State {
    private final String name;
    private final String next;
    private final JsonPath inputPath;
    private final JsonPath outputPath;

    State(Common common) {
        this.name = common.name();
        this.next = common.next();
        this.inputPath = common.inputPath();
        this.outputPath = common.outputPath();
    }

    /** The fields every (transitioning) state shares. {@code next} is null for terminal states. */
    record Common(String name, String next, JsonPath inputPath, JsonPath outputPath) {
    }

    String name() {
        return name;
    }

    /** The {@code Next} state, or null when {@code End} (or for Choice/Succeed/Fail). */
    String next() {
        return next;
    }

    /** The {@code Type} field, which also prefixes history event names ({@code TaskStateEntered}). */
    abstract String type();

    /**
     * Runs this state on its raw input.
     *
     * @param entered when the state was entered ({@code $$.State.EnteredTime})
     * @throws StateFailure when the state fails and no Catcher handles it
     */
    abstract Transition execute(JsonNode rawInput, Instant entered, BranchRun run);

    /** Every state name this state can transition to (Next, Default, Choices, Catch). */
    List<String> transitions() {
        List<String> targets = new ArrayList<>();
        if (next != null) {
            targets.add(next);
        }
        return targets;
    }

    /** Whether a state with this type records {@code <Type>StateExited} on success (Fail states do not exit). */
    boolean recordsExit() {
        return true;
    }

    /** InputPath applied to the raw input; a path matching nothing is {@code States.Runtime}, as in AWS. */
    JsonNode effectiveInput(JsonNode rawInput) {
        return select(inputPath, rawInput, "InputPath");
    }

    /** OutputPath applied to the state's output-so-far. */
    JsonNode applyOutputPath(JsonNode output) {
        return select(outputPath, output, "OutputPath");
    }

    private static JsonNode select(JsonPath path, JsonNode node, String field) {
        if (path == null) {
            return Json.object();
        }
        if (path.isRoot()) {
            return node;
        }
        return path.find(node).orElseThrow(() -> StateFailure.runtime("Invalid path '" + path + "' in " + field
                + ": no results for the path in " + Json.abbreviate(node)));
    }

    /**
     * ResultPath: {@code null} keeps the raw input, {@code $} replaces it, anything else places the result in a copy of
     * the raw input (creating intervening objects). Failure is {@code States.ResultPathMatchFailure}.
     */
    static JsonNode applyResultPath(JsonPath resultPath, JsonNode rawInput, JsonNode result) {
        if (resultPath == null) {
            return rawInput;
        }
        if (resultPath.isRoot()) {
            return result;
        }
        try {
            return resultPath.write(rawInput, result);
        } catch (IllegalArgumentException e) {
            throw new StateFailure(StatesErrors.RESULT_PATH_MATCH_FAILURE, "Unable to apply ResultPath '" + resultPath
                    + "' to the input " + Json.abbreviate(rawInput) + ": " + e.getMessage());
        }
    }
}
