package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * {@code Choice}: the first rule of {@code Choices} that matches the effective input selects {@code Next}; else
 * {@code Default}; else {@code States.NoChoiceMatched}. The output is OutputPath(effective input).
 */
final class ChoiceState extends State {
    private final List<Branch> choices;
    private final String defaultState;

    /** A top-level Choice rule and the state it selects. */
    record Branch(ChoiceRule rule, String next) {
    }

    ChoiceState(Common common, List<Branch> choices, String defaultState) {
        super(common);
        this.choices = choices;
        this.defaultState = defaultState;
    }

    @Override
    String type() {
        return "Choice";
    }

    @Override
    Transition execute(JsonNode rawInput, Instant entered, BranchRun run) {
        JsonNode effective = effectiveInput(rawInput);
        DataScope data = run.data(effective, run.contextObject(name(), entered, 0));
        for (Branch choice : choices) {
            if (choice.rule().matches(data)) {
                return new Transition(applyOutputPath(effective), choice.next());
            }
        }
        if (defaultState != null) {
            return new Transition(applyOutputPath(effective), defaultState);
        }
        throw new StateFailure(StatesErrors.NO_CHOICE_MATCHED, "No Matches! (state '" + name() + "')");
    }

    @Override
    List<String> transitions() {
        List<String> targets = super.transitions();
        choices.forEach(choice -> targets.add(choice.next()));
        if (defaultState != null) {
            targets.add(defaultState);
        }
        return targets;
    }
}
