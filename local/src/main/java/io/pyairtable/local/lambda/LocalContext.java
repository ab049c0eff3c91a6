package io.pyairtable.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.pyairtable.local.template.FunctionDefinition;

/** The {@link Context} of one local invocation; the remaining time counts down from the function's timeout. */
final class LocalContext implements Context {
    static final String VERSION = "$LATEST";

    private final String requestId;
    private final FunctionDefinition function;
    private final String logStreamName;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    LocalContext(String requestId, FunctionDefinition function, String logStreamName, long deadlineNanos,
            LambdaLogger logger) {
        this.requestId = requestId;
        this.function = function;
        this.logStreamName = logStreamName;
        this.deadlineNanos = deadlineNanos;
        this.logger = logger;
    }

    static String logGroupName(String functionName) {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return logGroupName(function.functionName());
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return function.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return VERSION;
    }

    @Override
    public String getInvokedFunctionArn() {
        return function.functionArn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = (deadlineNanos - System.nanoTime()) / 1_000_000;
        return (int) Math.max(0, remaining);
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memorySize();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
