package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.local.aws.AwsJsonService;
import io.pyairtable.local.aws.AwsServiceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The Step Functions API over the AWS JSON 1.0 protocol ({@code X-Amz-Target: AWSStepFunctions.<Operation>}),
 * backed by a {@link StepFunctionsEngine}: CreateStateMachine, DescribeStateMachine, ListStateMachines,
 * DeleteStateMachine, StartExecution, DescribeExecution, GetExecutionHistory, ListExecutions, StopExecution.
 * Timestamps are epoch seconds with a fraction. Only STANDARD state machines exist.
 */
public final class StepFunctionsService implements AwsJsonService {
    private final StepFunctionsEngine engine;

    public StepFunctionsService(StepFunctionsEngine engine) {
        this.engine = engine;
    }

    @Override
    public String signingName() {
        return "states";
    }

    @Override
    public String targetPrefix() {
        return "AWSStepFunctions";
    }

    @Override
    public String contentType() {
        return "application/x-amz-json-1.0";
    }

    @Override
    public JsonNode handle(String operation, JsonNode input) {
        switch (operation) {
            case "CreateStateMachine":
                return createStateMachine(input);
            case "DescribeStateMachine":
                return describeStateMachine(input);
            case "ListStateMachines":
                return listStateMachines(input);
            case "DeleteStateMachine":
                engine.deleteStateMachine(requiredString(input, "stateMachineArn"));
                return Json.object();
            case "StartExecution":
                return startExecution(input);
            case "DescribeExecution":
                return describeExecution(input);
            case "GetExecutionHistory":
                return getExecutionHistory(input);
            case "ListExecutions":
                return listExecutions(input);
            case "StopExecution":
                return stopExecution(input);
            default:
                throw AwsServiceException.badRequest("UnknownOperationException",
                        "the local Step Functions does not implement " + operation);
        }
    }

    private JsonNode createStateMachine(JsonNode input) {
        String type = input.path("type").asText("STANDARD");
        if (!type.equals("STANDARD")) {
            throw AwsServiceException.validation("only STANDARD state machines are supported locally, got " + type);
        }
        StateMachineInfo machine = engine.createStateMachine(requiredString(input, "name"),
                requiredString(input, "definition"), requiredString(input, "roleArn"));
        ObjectNode output = Json.object().put("stateMachineArn", machine.stateMachineArn());
        output.put("creationDate", HistoryEvent.epochSeconds(machine.creationDate()));
        return output;
    }

    private JsonNode describeStateMachine(JsonNode input) {
        StateMachineInfo machine = engine.describeStateMachine(requiredString(input, "stateMachineArn"));
        ObjectNode output = Json.object();
        output.put("stateMachineArn", machine.stateMachineArn());
        output.put("name", machine.name());
        output.put("status", "ACTIVE");
        output.put("definition", machine.definition());
        output.put("roleArn", machine.roleArn());
        output.put("type", "STANDARD");
        output.put("creationDate", HistoryEvent.epochSeconds(machine.creationDate()));
        output.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        output.putObject("tracingConfiguration").put("enabled", false);
        return output;
    }

    private JsonNode listStateMachines(JsonNode input) {
        Pages.Page<StateMachineInfo> page = Pages.page(engine.listStateMachines(), input.path("maxResults").asInt(0),
                optionalString(input, "nextToken"));
        ObjectNode output = Json.object();
        ArrayNode machines = output.putArray("stateMachines");
        for (StateMachineInfo machine : page.items()) {
            machines.addObject().put("stateMachineArn", machine.stateMachineArn()).put("name", machine.name())
                    .put("type", "STANDARD").put("creationDate", HistoryEvent.epochSeconds(machine.creationDate()));
        }
        putNextToken(output, page);
        return output;
    }

    private JsonNode startExecution(JsonNode input) {
        ExecutionInfo execution = engine.startExecution(requiredString(input, "stateMachineArn"),
                optionalString(input, "name"), optionalString(input, "input"));
        ObjectNode output = Json.object().put("executionArn", execution.executionArn());
        output.put("startDate", HistoryEvent.epochSeconds(execution.startDate()));
        return output;
    }

    private JsonNode describeExecution(JsonNode input) {
        ExecutionInfo execution = engine.describeExecution(requiredString(input, "executionArn"));
        ObjectNode output = executionSummary(execution);
        output.put("input", execution.input());
        output.putObject("inputDetails").put("included", true);
        if (execution.output() != null) {
            output.put("output", execution.output());
            output.putObject("outputDetails").put("included", true);
        }
        if (execution.error() != null) {
            output.put("error", execution.error());
        }
        if (execution.cause() != null) {
            output.put("cause", execution.cause());
        }
        return output;
    }

    private JsonNode getExecutionHistory(JsonNode input) {
        List<HistoryEvent> events = new ArrayList<>(engine.getExecutionHistory(requiredString(input, "executionArn")));
        if (input.path("reverseOrder").asBoolean(false)) {
            Collections.reverse(events);
        }
        Pages.Page<HistoryEvent> page = Pages.page(events, input.path("maxResults").asInt(0), optionalString(input, "nextToken"));
        boolean includeData = input.path("includeExecutionData").asBoolean(true);
        ObjectNode output = Json.object();
        ArrayNode array = output.putArray("events");
        for (HistoryEvent event : page.items()) {
            ObjectNode json = event.toJson();
            if (!includeData && event.detailsField() != null) {
                ObjectNode details = event.details().deepCopy();
                details.remove(List.of("input", "output", "parameters"));
                json.set(event.detailsField(), details);
            }
            array.add(json);
        }
        putNextToken(output, page);
        return output;
    }

    private JsonNode listExecutions(JsonNode input) {
        String statusFilter = optionalString(input, "statusFilter");
        ExecutionStatus status = null;
        if (statusFilter != null) {
            try {
                status = ExecutionStatus.valueOf(statusFilter);
            } catch (IllegalArgumentException e) {
                throw AwsServiceException.validation("invalid statusFilter '" + statusFilter + "'");
            }
        }
        List<ExecutionInfo> executions = engine.listExecutions(requiredString(input, "stateMachineArn"), status);
        Pages.Page<ExecutionInfo> page = Pages.page(executions, input.path("maxResults").asInt(0),
                optionalString(input, "nextToken"));
        ObjectNode output = Json.object();
        ArrayNode array = output.putArray("executions");
        page.items().forEach(execution -> array.add(executionSummary(execution)));
        putNextToken(output, page);
        return output;
    }

    private JsonNode stopExecution(JsonNode input) {
        ExecutionInfo execution = engine.stopExecution(requiredString(input, "executionArn"),
                optionalString(input, "error"), optionalString(input, "cause"));
        Instant stopDate = execution.stopDate() == null ? Instant.now() : execution.stopDate();
        return Json.object().put("stopDate", HistoryEvent.epochSeconds(stopDate));
    }

    private static ObjectNode executionSummary(ExecutionInfo execution) {
        ObjectNode output = Json.object();
        output.put("executionArn", execution.executionArn());
        output.put("stateMachineArn", execution.stateMachineArn());
        output.put("name", execution.name());
        output.put("status", execution.status().name());
        output.put("startDate", HistoryEvent.epochSeconds(execution.startDate()));
        if (execution.stopDate() != null) {
            output.put("stopDate", HistoryEvent.epochSeconds(execution.stopDate()));
        }
        return output;
    }

    private static void putNextToken(ObjectNode output, Pages.Page<?> page) {
        if (page.nextToken() != null) {
            output.put("nextToken", page.nextToken());
        }
    }

    private static String requiredString(JsonNode input, String field) {
        JsonNode value = input.get(field);
        if (value == null || !value.isTextual()) {
            throw AwsServiceException.validation("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    private static String optionalString(JsonNode input, String field) {
        JsonNode value = input.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
