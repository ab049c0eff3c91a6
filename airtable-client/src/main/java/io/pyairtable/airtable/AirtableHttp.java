package io.pyairtable.airtable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends {@link ApiRequest}s: waits for the rate limiter, authenticates, retries per {@link RetryPolicy}, and turns
 * error responses into {@link AirtableException}s. The token is only ever put in the Authorization header.
 */
final class AirtableHttp {
    private final HttpClient http;
    private final String authorization;
    private final String tokenFingerprint;
    private final RateLimiter limiter;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final String userAgent;
    private final RequestListener listener;

    AirtableHttp(HttpClient http, String token, RateLimiter limiter, RetryPolicy retry, Duration requestTimeout,
            String userAgent) {
        this(http, token, limiter, retry, requestTimeout, userAgent, RequestListener.NONE);
    }

    AirtableHttp(HttpClient http, String token, RateLimiter limiter, RetryPolicy retry, Duration requestTimeout,
            String userAgent, RequestListener listener) {
        this.http = http;
        this.authorization = "Bearer " + token;
        this.tokenFingerprint = RateLimitKey.fingerprint(token);
        this.limiter = limiter;
        this.retry = retry;
        this.requestTimeout = requestTimeout;
        this.userAgent = userAgent;
        this.listener = listener;
    }

    String tokenFingerprint() {
        return tokenFingerprint;
    }

    JsonNode send(ApiRequest request) {
        RateLimitKey key = new RateLimitKey(tokenFingerprint, request.baseId());
        Instant deadline = Instant.now().plus(retry.deadline());
        int transientFailures = 0;
        while (true) {
            RateLimiter.Permit permit = waitForBudget(key, deadline, request);
            HttpResponse<String> response;
            try {
                long sent = System.nanoTime();
                response = http.send(toHttpRequest(request), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                notify(response.statusCode(), System.nanoTime() - sent);
            } catch (IOException e) {
                permit.release(); // before any backoff, so others may use the slot meanwhile
                boolean nothingSent = e instanceof ConnectException;
                transientFailures++;
                if ((request.repeatable() || nothingSent || retry.retryCreates())
                        && canRetry(transientFailures, deadline)) {
                    sleep(retry.backoff(transientFailures), request);
                    continue;
                }
                throw new AirtableException.Transport(describe(e), request.label(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AirtableException.Transport("interrupted", request.label(), e);
            } finally {
                permit.release(); // the response (or failure) is here: Airtable has seen the request by now
            }

            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(response.body(), request);
            }
            if (status == 429) {
                Duration penalty = retryAfter(response).orElse(retry.rateLimitPenalty());
                limiter.penalize(key, penalty);
                if (Instant.now().plus(penalty).isBefore(deadline)) {
                    continue;
                }
                throw ErrorResponses.toException(status, response.body(), request.label());
            }
            if (RetryPolicy.isTransientStatus(status)) {
                transientFailures++;
                if ((request.repeatable() || retry.retryCreates()) && canRetry(transientFailures, deadline)) {
                    sleep(retry.backoff(transientFailures), request);
                    continue;
                }
            }
            throw ErrorResponses.toException(status, response.body(), request.label());
        }
    }

    private void notify(int status, long nanos) {
        try {
            listener.onResponse(status, nanos);
        } catch (RuntimeException ignored) {
            // observation must never change what the request does
        }
    }

    private RateLimiter.Permit waitForBudget(RateLimitKey key, Instant deadline, ApiRequest request) {
        try {
            RateLimiter.Permit permit = limiter.acquire(key, deadline);
            if (permit == null) {
                throw new AirtableException.RateLimited("RATE_LIMIT_BUDGET_EXHAUSTED",
                        "the request could not start within the client's deadline of " + retry.deadline().toSeconds()
                                + " s because of Airtable's rate limit",
                        request.label());
            }
            return permit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AirtableException.Transport("interrupted while waiting for the rate limit", request.label(), e);
        }
    }

    private boolean canRetry(int failuresSoFar, Instant deadline) {
        return failuresSoFar < retry.maxAttempts() && Instant.now().isBefore(deadline);
    }

    private HttpRequest toHttpRequest(ApiRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("User-Agent", userAgent)
                .header("Accept", "application/json");
        if (request.body() == null) {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json");
            builder.method(request.method(), HttpRequest.BodyPublishers.ofString(write(request.body()), StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static String write(JsonNode body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode parse(String body, ApiRequest request) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AirtableException(200, "INVALID_RESPONSE", "Airtable answered a body that is not JSON",
                    request.label(), e);
        }
    }

    /** {@code Retry-After} in seconds, when present and sane (0..3600). HTTP-date values are ignored. */
    static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
        try {
            return response.headers().firstValue("Retry-After")
                    .map(value -> Long.parseLong(value.strip()))
                    .filter(seconds -> seconds >= 0 && seconds <= 3600)
                    .map(Duration::ofSeconds);
        } catch (NumberFormatException httpDate) {
            return java.util.Optional.empty();
        }
    }

    private static void sleep(Duration duration, ApiRequest request) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AirtableException.Transport("interrupted during retry backoff", request.label(), e);
        }
    }

    private static String describe(IOException e) {
        String kind = e instanceof java.net.http.HttpTimeoutException ? "timed out" : "failed";
        return "request " + kind + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
