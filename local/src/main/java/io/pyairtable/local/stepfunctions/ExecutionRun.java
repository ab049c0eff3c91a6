package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** The identity, input and history of one running execution, shared by all of its branches. */
final class ExecutionRun {
    private final RuntimeEnvironment environment;
    private final ExecutionHistory history;
    private final ObjectNode executionContext;
    private final ObjectNode stateMachineContext;

    ExecutionRun(RuntimeEnvironment environment, ExecutionHistory history, String executionArn, String executionName,
            JsonNode input, Instant startTime, String roleArn, String stateMachineArn, String stateMachineName) {
        this.environment = environment;
        this.history = history;
        this.executionContext = Json.object();
        executionContext.put("Id", executionArn);
        executionContext.set("Input", input);
        executionContext.put("Name", executionName);
        executionContext.put("RoleArn", roleArn);
        executionContext.put("StartTime", Json.timestamp(startTime));
        executionContext.put("RedriveCount", 0);
        this.stateMachineContext = Json.object().put("Id", stateMachineArn).put("Name", stateMachineName);
    }

    RuntimeEnvironment environment() {
        return environment;
    }

    ExecutionHistory history() {
        return history;
    }

    /**
     * The context object ({@code $$}) while a state runs: {@code Execution}, {@code State} (Name, EnteredTime,
     * RetryCount) and {@code StateMachine}.
     */
    ObjectNode contextObject(String stateName, Instant enteredTime, int retryCount) {
        ObjectNode context = Json.object();
        context.set("Execution", executionContext);
        context.putObject("State").put("EnteredTime", Json.timestamp(enteredTime)).put("Name", stateName)
                .put("RetryCount", retryCount);
        context.set("StateMachine", stateMachineContext);
        return context;
    }
}
