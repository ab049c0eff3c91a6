package io.pyairtable.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pyairtable.local.aws.AwsEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/** The real AWS SDK v2 SfnClient against {@link StepFunctionsService} served by an {@link AwsEndpoint}. */
class SfnWireCompatibilityTest {
    private static final String DEFINITION = """
            {"StartAt": "Greet", "States": {
              "Greet": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "greeter", "Payload.$": "$"}, "OutputPath": "$.Payload", "Next": "Check"},
              "Check": {"Type": "Choice", "Choices": [{"Variable": "$.greeting", "IsPresent": true, "Next": "Done"}]},
              "Done": {"Type": "Succeed"}}}
            """;

    private StepFunctionsEngine engine;
    private AwsEndpoint endpoint;
    private SfnClient sfn;

    @BeforeEach
    void start() {
        FakeLambdas lambdas = new FakeLambdas()
                .register("greeter", event -> Json.object().put("greeting", "Hello, " + event.path("name").asText()));
        engine = StepFunctionsEngine.builder().lambdaInvoker(lambdas).build();
        endpoint = AwsEndpoint.start("127.0.0.1", 0, List.of(new StepFunctionsService(engine)));
        sfn = SfnClient.builder()
                .endpointOverride(endpoint.url())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        sfn.close();
        endpoint.close();
        engine.close();
    }

    @Test
    void createStartPollAndReadHistory() throws InterruptedException {
        String machineArn = sfn.createStateMachine(r -> r.name("Greeter").definition(DEFINITION)
                .roleArn("arn:aws:iam::000000000000:role/sfn")).stateMachineArn();
        assertThat(machineArn).isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:Greeter");
        assertThat(sfn.describeStateMachine(r -> r.stateMachineArn(machineArn)).definition()).isEqualTo(DEFINITION);
        assertThat(sfn.listStateMachines().stateMachines()).extracting(m -> m.name()).containsExactly("Greeter");

        String executionArn = sfn.startExecution(r -> r.stateMachineArn(machineArn).name("first")
                .input("{\"name\": \"Ada\"}")).executionArn();
        var description = sfn.describeExecution(r -> r.executionArn(executionArn));
        Instant deadline = Instant.now().plusSeconds(10);
        while (description.status() == ExecutionStatus.RUNNING && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            description = sfn.describeExecution(r -> r.executionArn(executionArn));
        }
        assertThat(description.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(description.output()).isEqualTo("{\"greeting\":\"Hello, Ada\"}");
        assertThat(description.startDate()).isBeforeOrEqualTo(description.stopDate());
        assertThat(Duration.between(description.startDate(), Instant.now())).isLessThan(Duration.ofMinutes(1));

        GetExecutionHistoryResponse history = sfn.getExecutionHistory(r -> r.executionArn(executionArn));
        assertThat(history.events()).extracting(HistoryEvent::type).containsExactly(
                HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SCHEDULED,
                HistoryEventType.TASK_STARTED, HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.CHOICE_STATE_ENTERED, HistoryEventType.CHOICE_STATE_EXITED,
                HistoryEventType.SUCCEED_STATE_ENTERED, HistoryEventType.SUCCEED_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        HistoryEvent scheduled = history.events().get(2);
        assertThat(scheduled.taskScheduledEventDetails().resourceType()).isEqualTo("lambda");
        assertThat(scheduled.taskScheduledEventDetails().resource()).isEqualTo("invoke");
        assertThat(history.events().get(1).stateEnteredEventDetails().name()).isEqualTo("Greet");
        assertThat(history.events().get(0).executionStartedEventDetails().roleArn()).isEqualTo("arn:aws:iam::000000000000:role/sfn");
        assertThat(history.events().get(10).executionSucceededEventDetails().output()).isEqualTo(description.output());
        assertThat(history.events().get(4).previousEventId()).isEqualTo(4L);

        var reversed = sfn.getExecutionHistory(r -> r.executionArn(executionArn).reverseOrder(true).maxResults(4));
        assertThat(reversed.events()).extracting(HistoryEvent::id).containsExactly(11L, 10L, 9L, 8L);
        var nextPage = sfn.getExecutionHistory(r -> r.executionArn(executionArn).reverseOrder(true).maxResults(4)
                .nextToken(reversed.nextToken()));
        assertThat(nextPage.events()).extracting(HistoryEvent::id).containsExactly(7L, 6L, 5L, 4L);

        assertThat(sfn.listExecutions(r -> r.stateMachineArn(machineArn).statusFilter(ExecutionStatus.SUCCEEDED))
                .executions()).extracting(e -> e.name()).containsExactly("first");
    }

    @Test
    void errorsMapToSdkExceptions() {
        assertThatThrownBy(() -> sfn.createStateMachine(r -> r.name("Bad").definition("{\"StartAt\": \"X\", \"States\": {}}")
                .roleArn("arn:aws:iam::000000000000:role/sfn")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("'States' must be a non-empty object");
        assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(
                "arn:aws:states:us-east-1:000000000000:stateMachine:Nope")))
                .isInstanceOf(StateMachineDoesNotExistException.class);

        String machineArn = sfn.createStateMachine(r -> r.name("Waiter").roleArn("arn:aws:iam::000000000000:role/sfn")
                .definition("{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 600, \"End\": true}}}"))
                .stateMachineArn();
        String executionArn = sfn.startExecution(r -> r.stateMachineArn(machineArn).name("once").input("{}")).executionArn();
        assertThat(sfn.startExecution(r -> r.stateMachineArn(machineArn).name("once").input("{}")).executionArn())
                .isEqualTo(executionArn);
        assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(machineArn).name("once").input("{\"x\": 1}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
        assertThat(sfn.stopExecution(r -> r.executionArn(executionArn).cause("test")).stopDate()).isNotNull();
        assertThat(sfn.describeExecution(r -> r.executionArn(executionArn)).status()).isEqualTo(ExecutionStatus.ABORTED);
        sfn.deleteStateMachine(r -> r.stateMachineArn(machineArn));
        assertThat(sfn.listStateMachines().stateMachines()).isEmpty();
    }
}
