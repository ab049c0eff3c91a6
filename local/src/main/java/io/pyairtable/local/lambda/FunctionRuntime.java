package io.pyairtable.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.metrics.EmfCapture;
import io.pyairtable.local.metrics.LocalMetrics;
import io.pyairtable.local.template.FunctionDefinition;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One function's execution environments: a pool of handler instances (each serving one invocation at a time), the
 * handler class and method (resolved once), and the timeout rule.
 */
final class FunctionRuntime {
    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final FunctionDefinition function;
    private final Map<String, String> environment;
    private final ClassLoader classLoader;
    private final ObjectMapper mapper;
    private final PrintStream log;
    private final LocalMetrics metrics;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final Deque<Container> idle = new ConcurrentLinkedDeque<>();
    private volatile Handler handler;

    FunctionRuntime(FunctionDefinition function, Map<String, String> environment, ClassLoader classLoader,
            ObjectMapper mapper, PrintStream log, LocalMetrics metrics, ExecutorService workers,
            ScheduledExecutorService timers) {
        this.function = function;
        this.environment = environment;
        this.classLoader = classLoader;
        this.mapper = mapper;
        this.log = log;
        this.metrics = metrics;
        this.workers = workers;
        this.timers = timers;
    }

    FunctionDefinition function() {
        return function;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** Number of warm instances waiting for work (for tests and diagnostics). */
    int idleInstances() {
        return idle.size();
    }

    CompletableFuture<InvocationResult> invoke(byte[] payload, String requestId) {
        CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        workers.execute(() -> run(payload, requestId, result));
        return result;
    }

    /** Runs an invocation on the calling thread (see {@link LambdaHost#invoke(String, byte[], long)}). */
    InvocationResult invokeOnThisThread(byte[] payload, String requestId) {
        CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        run(payload, requestId, result);
        return result.join();
    }

    private void run(byte[] payload, String requestId, CompletableFuture<InvocationResult> result) {
        // what the function prints meanwhile on this thread (EMF metrics) belongs to this cloud
        EmfCapture.attributedTo(metrics, () -> {
            runAttributed(payload, requestId, result);
            return null;
        });
    }

    private void runAttributed(byte[] payload, String requestId, CompletableFuture<InvocationResult> result) {
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        ClassLoader previousLoader = thread.getContextClassLoader();
        thread.setName("lambda-" + function.logicalId() + "-" + requestId.substring(0, 8));
        thread.setContextClassLoader(classLoader);
        try {
            long initStart = System.nanoTime();
            Container container;
            try {
                container = acquire();
            } catch (Throwable initError) {
                result.complete(error(requestId, FunctionErrors.unhandled(initError), initError.getClass().getName(),
                        Duration.ZERO, Duration.ofNanos(System.nanoTime() - initStart)));
                return;
            }
            Duration initDuration = container.fresh ? Duration.ofNanos(System.nanoTime() - initStart) : Duration.ZERO;
            container.fresh = false;
            long start = System.nanoTime();
            long timeoutNanos = TimeUnit.SECONDS.toNanos(function.timeoutSeconds());
            InvocationGuard guard = new InvocationGuard();
            ScheduledFuture<?> timer = scheduleTimeout(thread, guard, requestId, start, initDuration, result, timeoutNanos);
            LocalContext context = new LocalContext(requestId, function, container.logStreamName, start + timeoutNanos,
                    container.logger);
            InvocationResult outcome;
            try {
                byte[] response = handler.method.invoke(container.instance, payload, context);
                outcome = new InvocationResult(function.functionName(), requestId, response, null, null, since(start),
                        initDuration);
            } catch (HandlerMethod.EventParsingException e) {
                outcome = error(requestId, FunctionErrors.unparseableEvent(e.getCause()), "java.lang.RuntimeException",
                        since(start), initDuration);
            } catch (Throwable e) {
                outcome = error(requestId, FunctionErrors.unhandled(e), e.getClass().getName(), since(start), initDuration);
            }
            timer.cancel(false);
            guard.finish();
            Thread.interrupted(); // a timeout's interrupt must not leak into the next invocation on this worker
            // after finish() the timeout can no longer complete the result; a timed-out container is discarded.
            // The container goes back to the pool before the caller sees the result, so a call made right after
            // this one returns finds it warm.
            if (!result.isDone()) {
                idle.push(container);
                result.complete(outcome);
            }
        } finally {
            thread.setContextClassLoader(previousLoader);
            thread.setName(threadName);
        }
    }

    private ScheduledFuture<?> scheduleTimeout(Thread worker, InvocationGuard guard, String requestId, long start,
            Duration initDuration, CompletableFuture<InvocationResult> result, long timeoutNanos) {
        return timers.schedule(() -> {
            InvocationResult timedOut = error(requestId, FunctionErrors.timeout(requestId, function.timeoutSeconds()),
                    InvocationResult.TIMEOUT_ERROR_TYPE, since(start), initDuration);
            if (guard.interruptIfRunning(worker, () -> result.complete(timedOut))) {
                log.println("[" + function.functionName() + "] " + requestId + " Task timed out after "
                        + function.timeoutSeconds() + " seconds; interrupting the handler");
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Makes "time out and interrupt" and "finish" mutually exclusive, so no interrupt reaches a later invocation. */
    private static final class InvocationGuard {
        private boolean finished;

        synchronized void finish() {
            finished = true;
        }

        synchronized boolean interruptIfRunning(Thread worker, java.util.function.BooleanSupplier timeOut) {
            if (finished || !timeOut.getAsBoolean()) {
                return false;
            }
            worker.interrupt();
            return true;
        }
    }

    private Container acquire() throws Throwable {
        Container container = idle.poll();
        if (container != null) {
            return container;
        }
        Handler resolved = handler();
        return new Container(resolved.factory.newInstance(environment), logStreamName(),
                new PrefixedLambdaLogger(function.functionName(), log));
    }

    private Handler handler() throws ClassNotFoundException {
        Handler resolved = handler;
        if (resolved == null) {
            synchronized (this) {
                if (handler == null) {
                    Class<?> type = Class.forName(function.handler().className(), true, classLoader);
                    handler = new Handler(new HandlerFactory(type), HandlerMethod.resolve(type, function.handler(), mapper));
                }
                resolved = handler;
            }
        }
        return resolved;
    }

    private InvocationResult error(String requestId, byte[] payload, String errorType, Duration duration,
            Duration initDuration) {
        return new InvocationResult(function.functionName(), requestId, payload, InvocationResult.UNHANDLED, errorType,
                duration, initDuration);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String logStreamName() {
        return LocalDate.now(ZoneOffset.UTC).format(LOG_STREAM_DATE) + "/[" + LocalContext.VERSION + "]"
                + UUID.randomUUID().toString().replace("-", "");
    }

    private record Handler(HandlerFactory factory, HandlerMethod method) {
    }

    /** One execution environment: a handler instance and its log stream. */
    private static final class Container {
        final Object instance;
        final String logStreamName;
        final PrefixedLambdaLogger logger;
        boolean fresh = true;

        Container(Object instance, String logStreamName, PrefixedLambdaLogger logger) {
            this.instance = instance;
            this.logStreamName = logStreamName;
            this.logger = logger;
        }
    }

}
