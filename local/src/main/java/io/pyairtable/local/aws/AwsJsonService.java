package io.pyairtable.local.aws;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One AWS service speaking the AWS JSON protocol (awsJson1_0 / awsJson1_1): every call is a POST whose
 * {@code X-Amz-Target} header is {@code <targetPrefix>.<Operation>}, with a JSON body in and a JSON body out.
 * Secrets Manager, DynamoDB and Step Functions all use it; {@link AwsEndpoint} serves any number of them.
 */
public interface AwsJsonService {

    /** The SigV4 signing name, e.g. {@code secretsmanager}, {@code dynamodb}, {@code states}. */
    String signingName();

    /** The X-Amz-Target prefix, e.g. {@code secretsmanager}, {@code DynamoDB_20120810}, {@code AWSStepFunctions}. */
    String targetPrefix();

    /** {@code application/x-amz-json-1.0} or {@code application/x-amz-json-1.1}. */
    String contentType();

    /**
     * Handles one call.
     *
     * @param operation the part of X-Amz-Target after the dot, e.g. {@code GetSecretValue}
     * @param input     the parsed request body (an empty object when the body was empty)
     * @return the response body (status 200)
     * @throws AwsServiceException for every error the caller should see (4xx or 5xx with an AWS error type)
     */
    JsonNode handle(String operation, JsonNode input);
}
