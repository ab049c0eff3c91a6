package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Lambda invocation that failed. Two kinds, as in AWS:
 * <ul>
 *   <li>{@link #functionError}: the function raised an error. The state error is its {@code errorType} (e.g.
 *       {@code Airtable.RateLimited}, or the exception class name; {@code Lambda.Unknown} when the function gave
 *       none) and the cause is the JSON {@code {"errorMessage","errorType","stackTrace"}} the Lambda runtime reports.</li>
 *   <li>{@link #serviceError}: the Lambda service refused the call; {@code errorType} is e.g.
 *       {@code Lambda.ResourceNotFoundException} or {@code Lambda.TooManyRequestsException} and the cause is the
 *       message.</li>
 * </ul>
 */
public class LambdaFailure extends Exception {
    private final String errorType;
    private final String errorMessage;
    private final List<String> stackTrace;
    private final boolean functionError;

    private LambdaFailure(String errorType, String errorMessage, List<String> stackTrace, boolean functionError) {
        super(errorType + ": " + errorMessage);
        this.errorType = errorType;
        this.errorMessage = errorMessage;
        this.stackTrace = stackTrace == null ? List.of() : List.copyOf(stackTrace);
        this.functionError = functionError;
    }

    /** The function raised {@code errorType} (null → {@code Lambda.Unknown}). */
    public static LambdaFailure functionError(String errorType, String errorMessage, List<String> stackTrace) {
        return new LambdaFailure(errorType == null || errorType.isBlank() ? "Lambda.Unknown" : errorType,
                errorMessage, stackTrace, true);
    }

    /** The Lambda service failed the call with {@code awsErrorName}, e.g. {@code Lambda.ResourceNotFoundException}. */
    public static LambdaFailure serviceError(String awsErrorName, String message) {
        return new LambdaFailure(awsErrorName, message, List.of(), false);
    }

    public String errorType() {
        return errorType;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public List<String> stackTraceLines() {
        return stackTrace;
    }

    public boolean isFunctionError() {
        return functionError;
    }

    /** The state error this failure becomes. */
    StateFailure toStateFailure() {
        if (!functionError) {
            return new StateFailure(errorType, errorMessage);
        }
        ObjectNode cause = Json.object();
        cause.put("errorMessage", errorMessage);
        cause.put("errorType", errorType);
        ArrayNode trace = cause.putArray("stackTrace");
        stackTrace.forEach(trace::add);
        return new StateFailure(errorType, Json.write(cause));
    }
}
