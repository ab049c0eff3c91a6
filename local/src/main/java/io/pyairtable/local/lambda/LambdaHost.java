package io.pyairtable.local.lambda;

import io.pyairtable.local.template.FunctionDefinition;
import io.pyairtable.local.template.LocalTemplate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the functions of a {@link LocalTemplate} in this JVM, like the Lambda service: each function with its own
 * environment, a real {@code Context}, a pool of warm handler instances, and its timeout enforced. See the package
 * documentation for the contract with handlers.
 */
public final class LambdaHost implements FunctionInvoker, AutoCloseable {
    private final LocalTemplate template;
    private final LambdaHostOptions options;
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor timers;
    private final Map<String, FunctionRuntime> runtimes = new ConcurrentHashMap<>();

    public LambdaHost(LocalTemplate template) {
        this(template, LambdaHostOptions.defaults());
    }

    public LambdaHost(LocalTemplate template, LambdaHostOptions options) {
        this.template = template;
        this.options = options;
        this.workers = Executors.newCachedThreadPool(daemonThreads("lambda-worker"));
        this.timers = new ScheduledThreadPoolExecutor(1, daemonThreads("lambda-timeouts"));
        this.timers.setRemoveOnCancelPolicy(true);
    }

    public LocalTemplate template() {
        return template;
    }

    /** The function a logical id, function name or ARN designates. */
    public FunctionDefinition function(String reference) {
        return template.findFunction(reference).orElseThrow(() -> new UnknownFunctionException(reference));
    }

    /** The environment the function's handler receives (see {@link FunctionEnvironment}). */
    public Map<String, String> environment(String function) {
        return runtime(function).environment();
    }

    @Override
    public CompletableFuture<InvocationResult> invokeAsync(String function, byte[] payload) {
        return invokeAsync(function, payload, UUID.randomUUID().toString());
    }

    /** As {@link #invokeAsync(String, byte[])} with a chosen request id (the {@code invoke} command prints it first). */
    public CompletableFuture<InvocationResult> invokeAsync(String function, byte[] payload, String requestId) {
        if (workers.isShutdown()) {
            throw new IllegalStateException("the Lambda host is closed");
        }
        return runtime(function).invoke(payload, requestId);
    }

    /**
     * When the function's own timeout is shorter than the wait, runs it on the calling thread, which would only
     * wait for a worker otherwise: the same result, one thread hand-off less each way (the HTTP API's authorizer
     * and integrations invoke this way). The function's timeout then interrupts the calling thread, as it would the
     * worker; a handler that ignores the interrupt keeps the caller waiting until it returns.
     */
    @Override
    public InvocationResult invoke(String function, byte[] payload, long timeoutMillis)
            throws TimeoutException, InterruptedException {
        if (workers.isShutdown()) {
            throw new IllegalStateException("the Lambda host is closed");
        }
        FunctionRuntime runtime = runtime(function);
        if (TimeUnit.SECONDS.toMillis(runtime.function().timeoutSeconds()) >= timeoutMillis) {
            return FunctionInvoker.super.invoke(function, payload, timeoutMillis);
        }
        return runtime.invokeOnThisThread(payload, UUID.randomUUID().toString());
    }

    /** Warm handler instances of a function, waiting for work. */
    public int idleInstances(String function) {
        return runtime(function).idleInstances();
    }

    private FunctionRuntime runtime(String reference) {
        FunctionDefinition function = function(reference);
        return runtimes.computeIfAbsent(function.logicalId(), id -> new FunctionRuntime(function,
                FunctionEnvironment.of(function, options.environment(), options.functionEnvironment().getOrDefault(id, Map.of())),
                options.classLoader(), LambdaSerialization.mapper(), options.log(), options.metrics(), workers, timers));
    }

    /** Stops the worker threads, interrupting invocations still running. */
    @Override
    public void close() {
        workers.shutdownNow();
        timers.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
