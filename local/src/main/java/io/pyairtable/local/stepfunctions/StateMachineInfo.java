package io.pyairtable.local.stepfunctions;

import java.time.Instant;

/** A registered state machine (STANDARD type). */
public record StateMachineInfo(String stateMachineArn, String name, String definition, String roleArn,
        Instant creationDate, StateMachineDefinition parsedDefinition) {
}
