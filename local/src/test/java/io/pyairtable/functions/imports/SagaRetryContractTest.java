package io.pyairtable.functions.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The state machine's Retry blocks name exactly the exceptions {@link SagaHandler} throws for retryable failures.
 * It lives in the local module (same package as the handler) because it reads statemachines/ from the repository:
 * {@code sam build} builds functions/imports alone in a scratch copy, where that directory does not exist.
 */
class SagaRetryContractTest {
    @Test
    void theStateMachineRetriesExactlyTheExceptionsTheHandlerThrows() throws Exception {
        String definition = Files.readString(Path.of("../statemachines/import-saga.asl.json"));
        for (String type : SagaHandler.retryableErrors()) {
            assertThat(definition).contains("\"" + type + "\"");
        }
        assertThat(definition).doesNotContain(ChangeRejectedException.class.getName());
    }
}
