package io.pyairtable.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.local.template.AsyncInvokeConfig;
import io.pyairtable.local.template.FunctionDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's asynchronous invocation (S3 notifications, Invoke with {@code InvocationType: Event}) for the functions
 * of a {@link LambdaHost}, following each function's {@code EventInvokeConfig} ({@link AsyncInvokeConfig}): on a
 * function error (timeouts included) the event is retried up to {@code MaximumRetryAttempts} times, one minute
 * after the first attempt and two minutes after the second, as AWS does (both multiplied by the local cloud's time
 * scale); an event older than {@code MaximumEventAgeInSeconds} (in scaled time) is not retried. An event that
 * failed for good is sent, as an invocation record in AWS's JSON shape, to the {@code OnFailure} SQS destination,
 * or discarded (and logged) without one; a success is sent to the {@code OnSuccess} destination when there is one.
 * Every attempt of one event has the same request id, as in AWS.
 *
 * <p>Not emulated: the retries on throttling and service errors (there are none locally), the event queue's own
 * delays, and destination types other than SQS (rejected when the template loads).
 */
public final class AsyncInvocations implements AutoCloseable {
    /** AWS waits about this long before the first retry, and twice as long before the second. */
    public static final long FIRST_RETRY_DELAY_MILLIS = 60_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Sends an invocation record to an SQS queue (by queue name); returns the message id. */
    @FunctionalInterface
    public interface QueueSender {
        String send(String queueName, String body);
    }

    /** How an asynchronous event ended. */
    public enum Outcome { SUCCEEDED, SENT_TO_ON_FAILURE, DISCARDED }

    private final LambdaHost host;
    private final double timeScale;
    private final QueueSender queues;
    private final PrintStream log;
    private final ScheduledExecutorService retries;

    /**
     * @param timeScale factor applied to the retry delays and to the event age (1 = real time)
     * @param queues where SQS destinations' records go
     */
    public AsyncInvocations(LambdaHost host, double timeScale, QueueSender queues, PrintStream log) {
        this.host = host;
        this.timeScale = timeScale;
        this.queues = queues;
        this.log = log;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "lambda-async-retries");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.retries = executor;
    }

    /**
     * Queues an event for {@code function} and returns at once, as Lambda's {@code Event} invocation does. The
     * future completes when the event is done with: succeeded, sent to the on-failure destination, or discarded.
     *
     * @throws UnknownFunctionException right away when no function matches
     */
    public CompletableFuture<Outcome> invoke(String function, byte[] payload) {
        FunctionDefinition definition = host.function(function);
        Event event = new Event(definition, payload, UUID.randomUUID().toString(), System.nanoTime());
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        attempt(event, 1, done);
        return done;
    }

    private void attempt(Event event, int attempt, CompletableFuture<Outcome> done) {
        CompletableFuture<InvocationResult> running;
        try {
            running = host.invokeAsync(event.function.logicalId(), event.payload, event.requestId);
        } catch (RuntimeException closed) {
            done.completeExceptionally(closed);
            return;
        }
        running.whenComplete((result, failure) -> {
            try {
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    finished(event, attempt, result, done);
                }
            } catch (RuntimeException e) {
                log.println("[lambda] asynchronous invocation of " + event.function.logicalId() + " failed: " + e);
                done.completeExceptionally(e);
            }
        });
    }

    private void finished(Event event, int attempt, InvocationResult result, CompletableFuture<Outcome> done) {
        AsyncInvokeConfig config = event.function.asyncConfig();
        String name = event.function.logicalId();
        if (!result.isError()) {
            if (config.onSuccess() != null) {
                deliver(config.onSuccess(), record(event, attempt, "Success", result), event);
            }
            done.complete(Outcome.SUCCEEDED);
            return;
        }
        String error = describe(result);
        int attempts = config.maximumRetryAttempts() + 1;
        if (attempt < attempts) {
            long delay = Math.round(FIRST_RETRY_DELAY_MILLIS * attempt * timeScale); // 1 min, then 2 min
            long ageMillis = Math.round((System.nanoTime() - event.startNanos) / 1e6 / timeScale) + FIRST_RETRY_DELAY_MILLIS * attempt;
            if (ageMillis <= config.maximumEventAgeSeconds() * 1000L) {
                log.println("[lambda] " + name + " failed on asynchronous event " + event.requestId + " (attempt "
                        + attempt + " of " + attempts + "): " + error + "; retrying in " + (FIRST_RETRY_DELAY_MILLIS * attempt / 1000)
                        + " s" + (timeScale == 1.0 ? "" : " (scaled to " + delay + " ms)"));
                retries.schedule(() -> attempt(event, attempt + 1, done), delay, TimeUnit.MILLISECONDS);
                return;
            }
            giveUp(event, attempt, result, "EventAgeExceeded", error, done);
            return;
        }
        giveUp(event, attempt, result, "RetriesExhausted", error, done);
    }

    private void giveUp(Event event, int attempt, InvocationResult result, String condition, String error,
            CompletableFuture<Outcome> done) {
        AsyncInvokeConfig.Destination onFailure = event.function.asyncConfig().onFailure();
        String name = event.function.logicalId();
        if (onFailure == null) {
            log.println("[lambda] " + name + ": asynchronous event " + event.requestId + " DISCARDED (" + condition
                    + " after " + attempt + " attempt(s), no OnFailure destination): " + error);
            done.complete(Outcome.DISCARDED);
            return;
        }
        String messageId = deliver(onFailure, record(event, attempt, condition, result), event);
        if (messageId == null) {
            done.complete(Outcome.DISCARDED);
            return;
        }
        log.println("[lambda] " + name + ": asynchronous event " + event.requestId + " DEAD-LETTERED (" + condition
                + " after " + attempt + " attempt(s)): " + error + "; invocation record sent to SQS queue "
                + onFailure.queueName() + " (message " + messageId + ")");
        done.complete(Outcome.SENT_TO_ON_FAILURE);
    }

    /** The message id, or null when the record could not be sent (AWS counts a DestinationDeliveryFailures then). */
    private String deliver(AsyncInvokeConfig.Destination destination, ObjectNode record, Event event) {
        try {
            return queues.send(destination.queueName(), JSON.writeValueAsString(record));
        } catch (IOException | RuntimeException e) {
            log.println("[lambda] " + event.function.logicalId() + ": could not send the invocation record of event "
                    + event.requestId + " to " + destination.arn() + " (DestinationDeliveryFailures): " + e.getMessage());
            return null;
        }
    }

    /**
     * An invocation record as Lambda sends it to a destination:
     * {@code {version, timestamp, requestContext: {requestId, functionArn, condition, approximateInvokeCount},
     * requestPayload, responseContext: {statusCode, executedVersion, functionError}, responsePayload}}.
     */
    private static ObjectNode record(Event event, int attempts, String condition, InvocationResult result) {
        ObjectNode record = JSON.createObjectNode().put("version", "1.0").put("timestamp", TIMESTAMP.format(Instant.now()));
        record.putObject("requestContext").put("requestId", event.requestId)
                .put("functionArn", event.function.functionArn() + ":$LATEST").put("condition", condition)
                .put("approximateInvokeCount", attempts);
        record.set("requestPayload", json(event.payload));
        ObjectNode response = record.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST");
        if (result.isError()) {
            response.put("functionError", result.functionError());
        }
        record.set("responsePayload", json(result.payload()));
        return record;
    }

    private static JsonNode json(byte[] payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            return node == null ? JSON.nullNode() : node;
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String describe(InvocationResult result) {
        try {
            JsonNode error = JSON.readTree(result.payload());
            return error.path("errorType").asText(result.errorType()) + ": " + error.path("errorMessage").asText("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }

    private record Event(FunctionDefinition function, byte[] payload, String requestId, long startNanos) {
    }
}
