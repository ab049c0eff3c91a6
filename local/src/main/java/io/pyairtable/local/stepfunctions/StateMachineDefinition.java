package io.pyairtable.local.stepfunctions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated state machine: the top-level machine of a definition, or a nested one (a Parallel branch, a Map
 * ItemProcessor). Immutable and safe to run concurrently.
 */
public final class StateMachineDefinition {
    private final String startAt;
    private final Map<String, State> states;
    private final Integer timeoutSeconds;

    StateMachineDefinition(String startAt, Map<String, State> states, Integer timeoutSeconds) {
        this.startAt = startAt;
        this.states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Parses and validates an Amazon States Language definition (JSONPath query language).
     *
     * @throws DefinitionException naming the state and field when the definition is invalid or uses an unsupported
     *                             feature
     */
    public static StateMachineDefinition parse(String json) {
        return DefinitionParser.parse(json);
    }

    public String startAt() {
        return startAt;
    }

    /** The state names in definition order. */
    public java.util.Set<String> stateNames() {
        return states.keySet();
    }

    /** The top-level {@code TimeoutSeconds} (null when unset, and for nested machines). */
    public Integer timeoutSeconds() {
        return timeoutSeconds;
    }

    State state(String name) {
        State state = states.get(name);
        if (state == null) {
            throw new IllegalStateException("no state '" + name + "' (the definition was validated)");
        }
        return state;
    }

    Map<String, State> states() {
        return states;
    }
}
