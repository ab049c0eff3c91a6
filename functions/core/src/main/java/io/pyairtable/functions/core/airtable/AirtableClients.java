package io.pyairtable.functions.core.airtable;

import io.pyairtable.airtable.AirtableApi;
import io.pyairtable.airtable.RateLimiter;
import io.pyairtable.airtable.RequestListener;
import io.pyairtable.airtable.RetryPolicy;
import io.pyairtable.functions.core.telemetry.Telemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@link AirtableApi} per token (kept by fingerprint, at most {@link #MAX_CLIENTS}, least recently used
 * dropped), all sharing one HTTP client and the distributed rate limiter. The retry deadline stays inside the
 * function's 29 s timeout.
 */
public final class AirtableClients {
    public static final int MAX_CLIENTS = 200;
    public static final Duration DEADLINE = Duration.ofSeconds(20);

    private final URI apiUrl;
    private final RateLimiter limiter;
    private final RetryPolicy retryPolicy;
    private final Duration requestTimeout;
    private final RequestListener listener;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, AirtableApi> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AirtableApi> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    public AirtableClients(URI apiUrl, RateLimiter limiter) {
        this(apiUrl, limiter, RetryPolicy.defaults().withDeadline(DEADLINE));
    }

    /** With another retry policy (the saga hands a rate-limit penalty back to Step Functions instead of waiting). */
    public AirtableClients(URI apiUrl, RateLimiter limiter, RetryPolicy retryPolicy) {
        this(apiUrl, limiter, retryPolicy, Duration.ofSeconds(10));
    }

    public AirtableClients(URI apiUrl, RateLimiter limiter, RetryPolicy retryPolicy, Duration requestTimeout) {
        this(apiUrl, limiter, retryPolicy, requestTimeout, RequestListener.NONE);
    }

    /** @param listener told about every Airtable response (metrics: latency, 429s; see Telemetry) */
    public AirtableClients(URI apiUrl, RateLimiter limiter, RetryPolicy retryPolicy, Duration requestTimeout,
            RequestListener listener) {
        this.apiUrl = apiUrl;
        this.limiter = limiter;
        this.retryPolicy = retryPolicy;
        this.requestTimeout = requestTimeout;
        this.listener = listener;
    }

    /** The defaults, with the function's telemetry: Airtable latency and 429 metrics, penalties counted. */
    public static AirtableClients withTelemetry(URI apiUrl, RateLimiter limiter, Telemetry telemetry) {
        return new AirtableClients(apiUrl, limiter, RetryPolicy.defaults().withDeadline(DEADLINE), Duration.ofSeconds(10),
                telemetry.airtableListener());
    }

    public synchronized AirtableApi forToken(String token) {
        String key = sha256(token); // the full digest: no two tokens may ever share a client

        AirtableApi api = clients.get(key);
        if (api == null) {
            api = AirtableApi.builder(token).apiUrl(apiUrl).httpClient(http).rateLimiter(limiter)
                    .retryPolicy(retryPolicy)
                    .requestTimeout(requestTimeout).requestListener(listener).build();
            clients.put(key, api);
        }
        return api;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
