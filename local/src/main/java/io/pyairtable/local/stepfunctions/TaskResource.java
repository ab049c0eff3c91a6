package io.pyairtable.local.stepfunctions;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Task state's {@code Resource}, resolved at load time. Supported: the optimized Lambda integration
 * {@code arn:aws:states:::lambda:invoke}, plain Lambda function ARNs and the DynamoDB integrations
 * {@code arn:aws:states:::dynamodb:putItem|getItem|updateItem|deleteItem}. Everything else (other services,
 * {@code .sync} and {@code .waitForTaskToken} patterns, Activities, AWS SDK integrations) is rejected.
 */
sealed interface TaskResource {

    /** {@code resourceType} in task history events ({@code lambda}, {@code dynamodb}). */
    String resourceType();

    /** {@code resource} in task history events ({@code invoke}, {@code putItem}). */
    String resource();

    /** {@code arn:aws:states:::lambda:invoke}: Parameters FunctionName, Payload, Qualifier, ...; AWS-shaped result. */
    record LambdaInvoke() implements TaskResource {
        static final Set<String> PARAMETERS =
                Set.of("FunctionName", "Payload", "Qualifier", "InvocationType", "ClientContext", "LogType");

        @Override
        public String resourceType() {
            return "lambda";
        }

        @Override
        public String resource() {
            return "invoke";
        }
    }

    /** A plain function ARN: the effective parameters are the event, the result is the function's output. */
    record LambdaFunction(String arn) implements TaskResource {
        @Override
        public String resourceType() {
            return "lambda";
        }

        @Override
        public String resource() {
            return arn;
        }
    }

    /** {@code arn:aws:states:::dynamodb:<operation>}: the parameters are the DynamoDB request. */
    record DynamoDb(String operation) implements TaskResource {
        static final Map<String, String> OPERATIONS = Map.of(
                "putItem", "PutItem", "getItem", "GetItem", "updateItem", "UpdateItem", "deleteItem", "DeleteItem");

        /** The DynamoDB API action, e.g. {@code PutItem}. */
        String action() {
            return OPERATIONS.get(operation);
        }

        @Override
        public String resourceType() {
            return "dynamodb";
        }

        @Override
        public String resource() {
            return operation;
        }
    }

    Pattern LAMBDA_FUNCTION_ARN =
            Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?");
    String STATES_PREFIX = "arn:aws:states:::";

    /** @throws DefinitionException naming {@code where} for anything unsupported */
    static TaskResource parse(String arn, String where) {
        if (arn.equals(STATES_PREFIX + "lambda:invoke")) {
            return new LambdaInvoke();
        }
        if (LAMBDA_FUNCTION_ARN.matcher(arn).matches()) {
            return new LambdaFunction(arn);
        }
        if (arn.startsWith(STATES_PREFIX + "dynamodb:")) {
            String operation = arn.substring((STATES_PREFIX + "dynamodb:").length());
            if (DynamoDb.OPERATIONS.containsKey(operation)) {
                return new DynamoDb(operation);
            }
        }
        if (arn.endsWith(".sync") || arn.contains(".sync:") || arn.endsWith(".waitForTaskToken")) {
            throw new DefinitionException(where + ": Resource '" + arn + "' uses the "
                    + arn.substring(arn.lastIndexOf('.')) + " integration pattern, which the local interpreter does not "
                    + "support (only request-response)");
        }
        if (arn.matches("arn:aws:states:[a-z0-9-]+:\\d{12}:activity:.+")) {
            throw new DefinitionException(where + ": Resource '" + arn + "' is an Activity, which the local "
                    + "interpreter does not support");
        }
        if (arn.startsWith(STATES_PREFIX + "aws-sdk:")) {
            throw new DefinitionException(where + ": Resource '" + arn + "' is an AWS SDK integration, which the "
                    + "local interpreter does not support");
        }
        throw new DefinitionException(where + ": Resource '" + arn + "' is not supported by the local interpreter "
                + "(supported: arn:aws:states:::lambda:invoke, Lambda function ARNs, "
                + "arn:aws:states:::dynamodb:putItem|getItem|updateItem|deleteItem)");
    }
}
