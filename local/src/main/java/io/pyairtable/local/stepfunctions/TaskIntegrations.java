package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.local.aws.AwsJsonService;
import io.pyairtable.local.aws.AwsServiceException;
import java.util.UUID;

/**
 * Calls the services behind Task resources: a {@link LambdaInvoker} and the local DynamoDB
 * ({@link AwsJsonService} with target prefix {@code DynamoDB_20120810}). Either may be absent; a Task needing it then
 * fails with {@code States.Runtime}.
 */
final class TaskIntegrations {
    private final LambdaInvoker lambda;
    private final AwsJsonService dynamoDb;

    TaskIntegrations(LambdaInvoker lambda, AwsJsonService dynamoDb) {
        this.lambda = lambda;
        this.dynamoDb = dynamoDb;
    }

    /** Runs {@code resource} with the task's effective parameters; failures are {@link StateFailure}s. */
    JsonNode call(TaskResource resource, JsonNode parameters) {
        if (resource instanceof TaskResource.LambdaInvoke) {
            return lambdaInvoke(parameters);
        }
        if (resource instanceof TaskResource.LambdaFunction function) {
            return invokeLambda(function.arn(), parameters);
        }
        return dynamoDb((TaskResource.DynamoDb) resource, parameters);
    }

    private JsonNode lambdaInvoke(JsonNode parameters) {
        if (!parameters.isObject() || !parameters.path("FunctionName").isTextual()) {
            throw new StateFailure(StatesErrors.RUNTIME, "lambda:invoke needs a string FunctionName parameter, got "
                    + Json.abbreviate(parameters));
        }
        String invocationType = parameters.path("InvocationType").asText("RequestResponse");
        if (!invocationType.equals("RequestResponse")) {
            throw new StateFailure(StatesErrors.RUNTIME, "lambda:invoke InvocationType '" + invocationType
                    + "' is not supported by the local interpreter (only RequestResponse)");
        }
        String function = parameters.get("FunctionName").asText();
        String qualifier = parameters.path("Qualifier").asText(null);
        JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : Json.object();
        JsonNode output = invokeLambda(qualifier == null ? function : function + ":" + qualifier, payload);
        ObjectNode result = Json.object();
        result.put("ExecutedVersion", qualifier == null ? "$LATEST" : qualifier);
        result.set("Payload", output);
        result.set("SdkHttpMetadata", httpMetadata());
        result.set("SdkResponseMetadata", Json.object().put("RequestId", UUID.randomUUID().toString()));
        result.put("StatusCode", 200);
        return result;
    }

    private JsonNode invokeLambda(String function, JsonNode payload) {
        if (lambda == null) {
            throw StateFailure.runtime("no Lambda invoker is configured in the local Step Functions engine");
        }
        try {
            JsonNode output = lambda.invoke(function, payload.deepCopy());
            return output == null ? Json.NODES.nullNode() : output;
        } catch (LambdaFailure failure) {
            throw failure.toStateFailure();
        } catch (RuntimeException unexpected) {
            throw new StateFailure("Lambda.ServiceException", "the local Lambda invoker failed: " + unexpected);
        }
    }

    private JsonNode dynamoDb(TaskResource.DynamoDb resource, JsonNode parameters) {
        if (dynamoDb == null) {
            throw StateFailure.runtime("no DynamoDB service is configured in the local Step Functions engine");
        }
        String requestId = UUID.randomUUID().toString();
        try {
            JsonNode response = dynamoDb.handle(resource.action(), parameters.deepCopy());
            ObjectNode result = Json.object();
            if (response != null && response.isObject()) {
                result.setAll((ObjectNode) response);
            }
            result.set("SdkHttpMetadata", httpMetadata());
            result.set("SdkResponseMetadata", Json.object().put("RequestId", requestId));
            return result;
        } catch (AwsServiceException e) {
            String type = e.type().substring(e.type().lastIndexOf('#') + 1);
            throw new StateFailure("DynamoDB." + type, e.getMessage() + " (Service: AmazonDynamoDBv2; Status Code: "
                    + e.status() + "; Error Code: " + type + "; Request ID: " + requestId + "; Proxy: null)");
        } catch (RuntimeException unexpected) {
            throw new StateFailure("DynamoDB.AmazonDynamoDBException", "the local DynamoDB failed: " + unexpected);
        }
    }

    private static ObjectNode httpMetadata() {
        ObjectNode metadata = Json.object();
        metadata.putObject("AllHttpHeaders");
        metadata.putObject("HttpHeaders");
        metadata.put("HttpStatusCode", 200);
        return metadata;
    }
}
