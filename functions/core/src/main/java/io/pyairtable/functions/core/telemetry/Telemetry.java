package io.pyairtable.functions.core.telemetry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.pyairtable.airtable.RequestListener;
import io.pyairtable.functions.core.ApiResponses;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * Logs and metrics of one handler instance (docs/observability.md), with Powertools for AWS Lambda:
 * <ul>
 *   <li>each invocation runs in an {@link Invocation} scope: Powertools' Lambda fields plus {@code correlation_id}
 *       and {@code service} in the logging context (SLF4J MDC → log4j2 JSON, {@code log4j2.xml}), one summary line
 *       when it ends, and its metric datapoints flushed as one EMF document to standard output;</li>
 *   <li>metrics have namespace {@code POWERTOOLS_METRICS_NAMESPACE} (default {@code PyAirtable}) and exactly one
 *       dimension, {@code service} = {@code POWERTOOLS_SERVICE_NAME} (default {@code pyairtable}), read from the
 *       handler's environment map (locally each function has its own; Powertools itself reads the process
 *       environment, which the local cloud cannot set per function).</li>
 * </ul>
 * Nothing is shared between instances or invocations but Powertools' and log4j's own static state: each flush uses
 * a fresh EMF context, so concurrent invocations in one JVM (the local cloud) never mix their metrics.
 */
public final class Telemetry {
    public static final String DEFAULT_NAMESPACE = "PyAirtable";
    public static final String DEFAULT_SERVICE = "pyairtable";
    public static final String SERVICE_DIMENSION = "service";
    static final String CORRELATION_ID = "correlation_id";

    static {
        // EMF to standard output as in Lambda, wherever this runs: outside Lambda the EMF library would otherwise
        // probe EC2/ECS metadata and fall back to a TCP agent on localhost:25888
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
    }

    /** Set while {@link #unrecorded} runs on this thread (SnapStart priming's synthetic requests). */
    private static final ThreadLocal<Boolean> UNRECORDED = new ThreadLocal<>();

    private final Logger log;
    private final String namespace;
    private final String service;
    private final Metrics metrics;
    private final ThreadLocal<Invocation> current = new ThreadLocal<>();
    private final AtomicBoolean coldStart = new AtomicBoolean(true);

    /**
     * @param handler the handler class (the logger's name)
     * @param env     the handler's environment
     */
    public Telemetry(Class<?> handler, Map<String, String> env) {
        this.log = LoggerFactory.getLogger(handler);
        this.namespace = nonBlank(env.get("POWERTOOLS_METRICS_NAMESPACE"), DEFAULT_NAMESPACE);
        this.service = nonBlank(env.get("POWERTOOLS_SERVICE_NAME"), DEFAULT_SERVICE);
        // a private Powertools metrics logger (not MetricsFactory's process-wide one): it only holds the namespace
        // and the dimension that flushMetrics copies into each invocation's own EMF context
        this.metrics = new EmfMetricsProvider().getMetricsInstance();
        metrics.setNamespace(namespace);
        metrics.setDefaultDimensions(DimensionSet.of(SERVICE_DIMENSION, service));
    }

    public String namespace() {
        return namespace;
    }

    public String service() {
        return service;
    }

    /** The handler's logger (its lines carry the current invocation's context). */
    public Logger log() {
        return log;
    }

    /**
     * An API Gateway (payload 2.0) invocation: correlation id = {@code requestContext.requestId}; the summary line
     * has {@code route}, {@code status}, {@code latency_ms} (and {@code user_id} when the handler set it); counts
     * {@code ApiRequests} and {@code Api4xx}/{@code Api5xx}. An exception escaping the handler is logged and
     * counted as the 500 API Gateway will answer, then rethrown.
     */
    public APIGatewayV2HTTPResponse http(APIGatewayV2HTTPEvent event, Context context,
            Function<Invocation, APIGatewayV2HTTPResponse> handler) {
        String route = event == null || event.getRouteKey() == null ? "" : event.getRouteKey();
        return run("request", ApiResponses.requestId(event), context, invocation -> {
            invocation.field("route", route);
            APIGatewayV2HTTPResponse response = null;
            try {
                response = handler.apply(invocation);
                return response;
            } finally {
                int status = response == null ? 500 : response.getStatusCode();
                invocation.field("status", status);
                invocation.count(MetricNames.API_REQUESTS);
                if (status >= 500) {
                    invocation.count(MetricNames.API_5XX);
                } else if (status >= 400) {
                    invocation.count(MetricNames.API_4XX);
                }
            }
        });
    }

    /**
     * Runs {@code body} as one invocation: logging context set up (and the previous one restored afterwards),
     * a summary line {@code message} with the invocation's fields when it ends, its metrics flushed. An exception
     * escaping {@code body} is logged at ERROR with its stack trace (unless it is the invocation's
     * {@linkplain Invocation#expectedFailure expected failure}) and rethrown.
     */
    public <T> T run(String message, String correlationId, Context context, Function<Invocation, T> body) {
        if (UNRECORDED.get() != null) {
            return body.apply(new Invocation(log, correlationId == null ? "" : correlationId, System.nanoTime()));
        }
        Map<String, String> outerContext = MDC.getCopyOfContextMap();
        Invocation outer = current.get();
        PowertoolsLogging.initializeLogging(context);
        MDC.put(SERVICE_DIMENSION, service);
        // per handler instance (= execution environment), also when many share one JVM locally
        MDC.put("cold_start", String.valueOf(coldStart.getAndSet(false)));
        String correlation = correlationId == null ? "" : correlationId;
        if (!correlation.isEmpty()) {
            MDC.put(CORRELATION_ID, correlation);
        }
        Invocation invocation = new Invocation(log, correlation, System.nanoTime());
        current.set(invocation);
        boolean failed = false;
        try {
            return body.apply(invocation);
        } catch (RuntimeException | Error escaped) {
            failed = true;
            if (!invocation.isExpected(escaped)) {
                invocation.unexpected(escaped);
            }
            throw escaped;
        } finally {
            try {
                summary(message, invocation, failed);
                flush(invocation.datapoints(), correlation);
            } finally {
                if (outer == null) {
                    current.remove();
                } else {
                    current.set(outer);
                }
                PowertoolsLogging.clearState(true);
                if (outerContext != null) {
                    MDC.setContextMap(outerContext);
                }
            }
        }
    }

    private void summary(String message, Invocation invocation, boolean failed) {
        Object status = invocation.field("status");
        boolean serverError = failed || status instanceof Integer code && code >= 500;
        Object[] fields = invocation.summary(System.nanoTime());
        if (serverError) {
            log.warn(message, fields);
        } else {
            log.info(message, fields);
        }
    }

    /**
     * Until the returned scope is closed, no invocation of any handler on this thread is recorded: no summary line, no
     * metrics, the cold start not used up. For SnapStart priming's synthetic requests before the snapshot, which are
     * not traffic: {@code try (var quiet = Telemetry.unrecorded()) { … }}.
     */
    public static Unrecorded unrecorded() {
        boolean outer = UNRECORDED.get() != null;
        UNRECORDED.set(Boolean.TRUE);
        return () -> {
            if (!outer) {
                UNRECORDED.remove();
            }
        };
    }

    /** The scope of {@link #unrecorded()}. */
    @FunctionalInterface
    public interface Unrecorded extends AutoCloseable {
        @Override
        void close();
    }

    /** One count, added to the current invocation on this thread, else flushed at once. */
    public void count(String metric) {
        record(metric, 1, MetricUnit.COUNT);
    }

    /** One value, added to the current invocation on this thread, else flushed at once. */
    public void record(String metric, double value, MetricUnit unit) {
        Invocation invocation = current.get();
        if (invocation != null) {
            invocation.record(metric, value, unit);
        } else if (UNRECORDED.get() == null) {
            flush(List.of(new Invocation.Datapoint(metric, value, unit)), "");
        }
    }

    /** For the Airtable clients: {@code AirtableRequestLatency} of each response and {@code AirtableRateLimited}. */
    public RequestListener airtableListener() {
        return (status, nanos) -> {
            record(MetricNames.AIRTABLE_REQUEST_LATENCY, nanos / 1_000_000.0, MetricUnit.MILLISECONDS);
            if (status == 429) {
                count(MetricNames.AIRTABLE_RATE_LIMITED);
            }
        };
    }

    /** For {@link io.pyairtable.functions.core.DynamoDbRateLimiter}: counts {@code AirtablePenaltyStarted}. */
    public Runnable penaltyListener() {
        return () -> count(MetricNames.AIRTABLE_PENALTY_STARTED);
    }

    private void flush(List<Invocation.Datapoint> datapoints, String correlationId) {
        if (datapoints.isEmpty()) {
            return;
        }
        try {
            metrics.flushMetrics(emf -> {
                datapoints.forEach(point -> emf.addMetric(point.name(), point.value(), point.unit()));
                if (!correlationId.isEmpty()) {
                    emf.addMetadata(CORRELATION_ID, correlationId);
                }
            });
        } catch (RuntimeException notFlushed) {
            log.warn("metrics not flushed: " + notFlushed.getClass().getName(), notFlushed);
        }
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
