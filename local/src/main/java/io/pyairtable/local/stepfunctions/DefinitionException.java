package io.pyairtable.local.stepfunctions;

/**
 * A state machine definition that is not valid Amazon States Language, or uses a feature this interpreter does not
 * support. The message names the state (or top-level field) and the offending field or feature; the wire API answers
 * it as {@code InvalidDefinition}.
 */
public class DefinitionException extends RuntimeException {
    public DefinitionException(String message) {
        super(message);
    }
}
