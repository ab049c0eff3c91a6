package io.pyairtable.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the interpreter tests: an engine on a fake clock (2024-01-01T00:00:00Z) whose waits are recorded, not
 * slept, with {@link FakeLambdas}. {@link #run} creates a machine from a definition, runs it and waits for the end.
 */
abstract class AslTestSupport {
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final AtomicInteger MACHINES = new AtomicInteger();

    final MutableClock clock = new MutableClock(START);
    final RecordingSleeper sleeper = new RecordingSleeper(clock);
    final FakeLambdas lambdas = new FakeLambdas();
    private StepFunctionsEngine engine;

    StepFunctionsEngine engine() {
        if (engine == null) {
            engine = configure(StepFunctionsEngine.builder().clock(clock).sleeper(sleeper).random(new Random(42))
                    .lambdaInvoker(lambdas)).build();
        }
        return engine;
    }

    /** Override to add integrations (e.g. DynamoDB). */
    StepFunctionsEngine.Builder configure(StepFunctionsEngine.Builder builder) {
        return builder;
    }

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    /** Runs {@code definition} on {@code input} to completion. */
    ExecutionInfo run(String definition, String input) {
        String arn = engine().createStateMachine("machine-" + MACHINES.incrementAndGet(), definition,
                "arn:aws:iam::000000000000:role/test").stateMachineArn();
        ExecutionInfo started = engine().startExecution(arn, "run", input);
        ExecutionInfo done = engine().awaitCompletion(started.executionArn(), Duration.ofSeconds(20));
        assertThat(done.status()).as("execution finished").isNotEqualTo(ExecutionStatus.RUNNING);
        return done;
    }

    /** Runs and expects success; returns the output. */
    JsonNode output(String definition, String input) {
        ExecutionInfo info = run(definition, input);
        assertThat(info.status()).as("status (error %s: %s)", info.error(), info.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return json(info.output());
    }

    /** Runs and expects failure; returns the execution. */
    ExecutionInfo failure(String definition, String input) {
        ExecutionInfo info = run(definition, input);
        assertThat(info.status()).as("status (output %s)", info.output()).isEqualTo(ExecutionStatus.FAILED);
        return info;
    }

    static JsonNode json(String text) {
        return Json.parse(text);
    }

    /** A one-state Pass machine with the given extra fields (a JSON object body without braces). */
    static String pass(String fields) {
        return """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", %s "End": true}}}
                """.formatted(fields.isBlank() ? "" : fields + ",");
    }
}
