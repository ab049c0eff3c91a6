package io.pyairtable.local.lambda;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Synchronous (RequestResponse) invocation of a function of the template, for whatever triggers functions locally:
 * the HTTP API, S3 notifications, the Step Functions interpreter, the {@code invoke} command.
 */
public interface FunctionInvoker {
    /**
     * Invokes a function and waits for it (at most its timeout).
     *
     * @param function logical id, function name, or function ARN (a {@code :qualifier} is accepted and ignored)
     * @param payload the event JSON
     * @throws UnknownFunctionException when no function matches
     */
    default InvocationResult invoke(String function, byte[] payload) {
        return invokeAsync(function, payload).join();
    }

    /**
     * Invokes a function and waits at most {@code timeoutMillis} for it, as API Gateway waits for an integration or
     * an authorizer.
     *
     * @throws TimeoutException when the result is not there in time (the invocation runs on to its own timeout)
     * @throws UnknownFunctionException when no function matches
     */
    default InvocationResult invoke(String function, byte[] payload, long timeoutMillis)
            throws TimeoutException, InterruptedException {
        try {
            return invokeAsync(function, payload).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException impossible) { // the future never completes exceptionally
            throw new IllegalStateException(impossible.getCause());
        }
    }

    /**
     * Starts an invocation. The future completes with the result (function errors and timeouts included), never
     * exceptionally.
     *
     * @throws UnknownFunctionException right away when no function matches
     */
    CompletableFuture<InvocationResult> invokeAsync(String function, byte[] payload);
}
