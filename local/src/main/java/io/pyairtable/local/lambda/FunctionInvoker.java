package io.pyairtable.local.lambda;

import java.util.concurrent.CompletableFuture;

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
     * Starts an invocation. The future completes with the result (function errors and timeouts included), never
     * exceptionally.
     *
     * @throws UnknownFunctionException right away when no function matches
     */
    CompletableFuture<InvocationResult> invokeAsync(String function, byte[] payload);
}
