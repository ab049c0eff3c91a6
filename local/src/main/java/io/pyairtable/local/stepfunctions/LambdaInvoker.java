package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs a Lambda function synchronously (RequestResponse) for Task states; the local Lambda host implements it.
 * Called from interpreter threads, possibly concurrently (Map, Parallel); an interrupt means the execution was
 * stopped or the task timed out.
 */
@FunctionalInterface
public interface LambdaInvoker {

    /**
     * @param functionNameOrArn as the definition names it: a function name, a full or partial function ARN; for
     *                          {@code lambda:invoke} with a {@code Qualifier} parameter, {@code ":" + Qualifier} is
     *                          appended
     * @param payload           the event (a private copy, free to keep)
     * @return the function's result (JSON null for a void handler)
     * @throws LambdaFailure when the function raised an error, or the Lambda service refused the call
     */
    JsonNode invoke(String functionNameOrArn, JsonNode payload) throws LambdaFailure;
}
