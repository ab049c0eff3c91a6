package io.pyairtable.local.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The outcome of one invocation, as Lambda's Invoke API reports it.
 *
 * @param functionName the function's name
 * @param requestId the invocation's request id ({@code Context.getAwsRequestId()})
 * @param payload the response JSON on success, or the error JSON ({@code errorMessage}, {@code errorType}, ...) when
 *     {@link #functionError()} is set; treat as read-only
 * @param functionError null on success, {@value #UNHANDLED} on a function error or timeout (Invoke's
 *     {@code X-Amz-Function-Error})
 * @param errorType the error's {@code errorType} (exception class name, {@value #TIMEOUT_ERROR_TYPE}, ...), or null
 * @param duration time spent in the handler
 * @param initDuration time spent creating the handler instance (a cold start), {@link Duration#ZERO} when warm
 */
public record InvocationResult(String functionName, String requestId, byte[] payload, String functionError,
        String errorType, Duration duration, Duration initDuration) {
    public static final String UNHANDLED = "Unhandled";
    public static final String TIMEOUT_ERROR_TYPE = "Sandbox.Timedout";

    public boolean isError() {
        return functionError != null;
    }

    public boolean timedOut() {
        return TIMEOUT_ERROR_TYPE.equals(errorType);
    }

    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "InvocationResult[" + functionName + " " + requestId + (isError() ? " error " + errorType : " ok")
                + " in " + duration.toMillis() + " ms]";
    }
}
