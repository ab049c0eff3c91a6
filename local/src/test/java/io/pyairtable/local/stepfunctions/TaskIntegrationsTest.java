package io.pyairtable.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.local.aws.AwsJsonService;
import io.pyairtable.local.aws.AwsServiceException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Task resources: lambda:invoke, plain function ARNs and the DynamoDB integrations. */
class TaskIntegrationsTest extends AslTestSupport {
    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();

    @Override
    StepFunctionsEngine.Builder configure(StepFunctionsEngine.Builder builder) {
        return builder.dynamoDb(dynamoDb);
    }

    /** A map-backed stand-in for the local DynamoDB, keyed by the item's "pk" string attribute. */
    static final class FakeDynamoDb implements AwsJsonService {
        final Map<String, JsonNode> items = new ConcurrentHashMap<>();

        @Override
        public String signingName() {
            return "dynamodb";
        }

        @Override
        public String targetPrefix() {
            return "DynamoDB_20120810";
        }

        @Override
        public String contentType() {
            return "application/x-amz-json-1.0";
        }

        @Override
        public JsonNode handle(String operation, JsonNode input) {
            switch (operation) {
                case "PutItem":
                    String pk = input.at("/Item/pk/S").asText();
                    if (input.has("ConditionExpression") && items.containsKey(pk)) {
                        throw AwsServiceException.badRequest("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
                                "The conditional request failed");
                    }
                    items.put(pk, input.get("Item"));
                    return Json.object();
                case "GetItem":
                    JsonNode item = items.get(input.at("/Key/pk/S").asText());
                    ObjectNode out = Json.object();
                    if (item != null) {
                        out.set("Item", item);
                    }
                    return out;
                default:
                    throw AwsServiceException.badRequest("ValidationException", "unsupported in the fake: " + operation);
            }
        }
    }

    @Test
    void lambdaInvokeReturnsTheAwsShapedResult() {
        lambdas.register("Saga", event -> json("{\"applied\": " + event.get("n") + "}"));
        String definition = """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "Saga", "Payload": {"n.$": "$.n"}}, "End": true}}}
                """;
        JsonNode out = output(definition, "{\"n\": 3}");
        assertThat(out.get("Payload")).isEqualTo(json("{\"applied\": 3}"));
        assertThat(out.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(out.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(out.at("/SdkHttpMetadata/HttpStatusCode").asInt()).isEqualTo(200);
        assertThat(out.at("/SdkResponseMetadata/RequestId").asText()).isNotBlank();
        assertThat(lambdas.calls()).extracting(FakeLambdas.Call::function).containsExactly("Saga");
    }

    @Test
    void lambdaInvokeQualifierIsAppendedToTheFunctionName() {
        lambdas.register("Saga", event -> event);
        String definition = """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "Saga", "Qualifier": "live"}, "End": true}}}
                """;
        assertThat(output(definition, "{}").get("ExecutedVersion").asText()).isEqualTo("live");
        assertThat(lambdas.calls().get(0).function()).isEqualTo("Saga:live");
        assertThat(lambdas.calls().get(0).payload()).isEqualTo(json("{}"));
    }

    @Test
    void plainFunctionArnPassesInputAndReturnsOutput() {
        lambdas.register("Fn", event -> json("[" + Json.write(event) + "]"));
        String definition = """
                {"StartAt": "T", "States": {"T": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:000000000000:function:Fn", "End": true}}}
                """;
        ExecutionInfo info = run(definition, "{\"k\": true}");
        assertThat(json(info.output())).isEqualTo(json("[{\"k\": true}]"));
        assertThat(engine().getExecutionHistory(info.executionArn())).extracting(HistoryEvent::type)
                .contains("LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded");
    }

    @Test
    void functionErrorsBecomeStateErrorsWithTheLambdaCause() {
        lambdas.register("Fn", event -> {
            throw LambdaFailure.functionError("Airtable.RateLimited", "429 from Airtable", List.of("at A.b(A.java:1)"));
        });
        String definition = """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "Fn"}, "End": true}}}
                """;
        ExecutionInfo info = failure(definition, "{}");
        assertThat(info.error()).isEqualTo("Airtable.RateLimited");
        assertThat(json(info.cause())).isEqualTo(json(
                "{\"errorMessage\": \"429 from Airtable\", \"errorType\": \"Airtable.RateLimited\", \"stackTrace\": [\"at A.b(A.java:1)\"]}"));
        assertThat(engine().getExecutionHistory(info.executionArn())).extracting(HistoryEvent::type).contains("TaskFailed");
    }

    @Test
    void functionErrorWithoutTypeIsLambdaUnknownAndMissingFunctionIsAServiceError() {
        lambdas.register("Crash", event -> {
            throw LambdaFailure.functionError(null, "boom", null);
        });
        String crash = "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:Crash\", \"End\": true}}}";
        assertThat(failure(crash, "{}").error()).isEqualTo("Lambda.Unknown");
        String missing = "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:Missing\", \"End\": true}}}";
        ExecutionInfo info = failure(missing, "{}");
        assertThat(info.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(info.cause()).contains("Function not found");
    }

    @Test
    void dynamoDbPutThenGet() {
        String definition = """
                {"StartAt": "Put", "States": {
                  "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem", "ResultPath": null,
                    "Parameters": {"TableName": "Jobs", "Item": {"pk": {"S.$": "$.id"}, "status": {"S": "DONE"}}}, "Next": "Get"},
                  "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                    "Parameters": {"TableName": "Jobs", "Key": {"pk": {"S.$": "$.id"}}},
                    "ResultSelector": {"status.$": "$.Item.status.S"}, "End": true}}}
                """;
        assertThat(output(definition, "{\"id\": \"job-1\"}")).isEqualTo(json("{\"status\": \"DONE\"}"));
        assertThat(dynamoDb.items).containsKey("job-1");
    }

    @Test
    void dynamoDbErrorsAreNamedDynamoDbDotType() {
        dynamoDb.items.put("dup", json("{\"pk\": {\"S\": \"dup\"}}"));
        String definition = """
                {"StartAt": "Put", "States": {
                  "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                    "Parameters": {"TableName": "Jobs", "Item": {"pk": {"S": "dup"}}, "ConditionExpression": "attribute_not_exists(pk)"},
                    "Catch": [{"ErrorEquals": ["DynamoDB.ConditionalCheckFailedException"], "Next": "Exists"}], "End": true},
                  "Exists": {"Type": "Pass", "End": true}}}
                """;
        JsonNode out = output(definition, "{}");
        assertThat(out.get("Error").asText()).isEqualTo("DynamoDB.ConditionalCheckFailedException");
        assertThat(out.get("Cause").asText()).startsWith("The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400;");
    }
}
