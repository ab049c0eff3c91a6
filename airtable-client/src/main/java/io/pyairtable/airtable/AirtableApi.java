package io.pyairtable.airtable;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entry point of the Airtable client: one token, one endpoint, one rate limiter and retry policy.
 * <pre>{@code
 * AirtableApi api = AirtableApi.builder(token).build();
 * Table deals = api.base("appXXXXXXXXXXXXXX").table("Deals");
 * deals.stream(RecordQuery.all()).forEach(System.out::println);
 * }</pre>
 * Immutable and thread-safe: build one per token and share it. {@link Base} and {@link Table} are cheap views.
 */
public final class AirtableApi {
    public static final URI DEFAULT_API_URL = URI.create("https://api.airtable.com");
    public static final URI DEFAULT_CONTENT_URL = URI.create("https://content.airtable.com");

    private final URI apiUrl;
    private final URI contentUrl;
    private final AirtableHttp http;
    private final Duration schemaCacheTtl;
    private final Map<String, CachedSchema> schemaCache = new ConcurrentHashMap<>();

    private record CachedSchema(Schema.BaseSchema schema, Instant expires) {}

    private AirtableApi(Builder b) {
        this.apiUrl = stripTrailingSlash(b.apiUrl);
        this.contentUrl = stripTrailingSlash(b.contentUrl == null ? b.apiUrlOrDefaultContent() : b.contentUrl);
        this.schemaCacheTtl = b.schemaCacheTtl;
        HttpClient client = b.httpClient != null ? b.httpClient
                : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.http = new AirtableHttp(client, b.token, b.rateLimiter, b.retryPolicy, b.requestTimeout, b.userAgent,
                b.requestListener);
    }

    public static Builder builder(String token) {
        return new Builder(token);
    }

    /** {@code GET /v0/meta/whoami}: checks the token and tells its user id and scopes. */
    public Schema.WhoAmI whoami() {
        JsonNode body = send(new ApiRequest("GET", uri("/v0/meta/whoami", null), null, null, true));
        return Json.MAPPER.convertValue(body, Schema.WhoAmI.class);
    }

    /** Every base the token can access, over all pages of {@code GET /v0/meta/bases}. */
    public List<Schema.BaseInfo> bases() {
        List<Schema.BaseInfo> bases = new ArrayList<>();
        String offset = null;
        do {
            QueryString query = new QueryString();
            if (offset != null) {
                query.add("offset", offset);
            }
            JsonNode body = send(new ApiRequest("GET", uri("/v0/meta/bases", query), null, null, true));
            for (JsonNode base : body.path("bases")) {
                bases.add(Json.MAPPER.convertValue(base, Schema.BaseInfo.class));
            }
            offset = body.hasNonNull("offset") ? body.get("offset").asText() : null;
        } while (offset != null);
        return bases;
    }

    /** A view of one base; the id is validated ({@code app} + 14 letters or digits). */
    public Base base(String baseId) {
        return new Base(this, Ids.requireBaseId(baseId));
    }

    /** Fingerprint of this client's token, safe to log: the first 16 hex digits of its SHA-256. */
    public String tokenFingerprint() {
        return http.tokenFingerprint();
    }

    @Override
    public String toString() {
        return "AirtableApi[" + apiUrl + ", token " + tokenFingerprint() + "]";
    }

    // --- package-private plumbing for Base and Table ---

    JsonNode send(ApiRequest request) {
        return http.send(request);
    }

    URI uri(String rawPath, QueryString query) {
        return URI.create(apiUrl + rawPath + (query == null ? "" : query.toString()));
    }

    URI contentUri(String rawPath) {
        return URI.create(contentUrl + rawPath);
    }

    Schema.BaseSchema cachedSchema(String baseId, java.util.function.Supplier<Schema.BaseSchema> load, boolean refresh) {
        CachedSchema cached = schemaCache.get(baseId);
        if (!refresh && cached != null && Instant.now().isBefore(cached.expires())) {
            return cached.schema();
        }
        Schema.BaseSchema fresh = load.get();
        schemaCache.put(baseId, new CachedSchema(fresh, Instant.now().plus(schemaCacheTtl)));
        return fresh;
    }

    void invalidateSchema(String baseId) {
        schemaCache.remove(baseId);
    }

    private static URI stripTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }

    public static final class Builder {
        private final String token;
        private URI apiUrl = DEFAULT_API_URL;
        private URI contentUrl;
        private HttpClient httpClient;
        private RateLimiter rateLimiter = SlidingWindowRateLimiter.airtableDefaults();
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration schemaCacheTtl = Duration.ofMinutes(1);
        private String userAgent = "pyairtable-java/0.1";
        private RequestListener requestListener = RequestListener.NONE;

        private Builder(String token) {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("an Airtable access token is required");
            }
            if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("the Airtable access token contains characters a token cannot have");
            }
            this.token = token;
        }

        /** API endpoint, default {@code https://api.airtable.com} (the sandbox's URL in local runs and tests). */
        public Builder apiUrl(URI value) {
            this.apiUrl = Objects.requireNonNull(value, "apiUrl");
            return this;
        }

        /**
         * Attachment upload endpoint, default {@code https://content.airtable.com} when the API URL is Airtable's,
         * else the API URL (the sandbox serves both).
         */
        public Builder contentUrl(URI value) {
            this.contentUrl = Objects.requireNonNull(value, "contentUrl");
            return this;
        }

        public Builder httpClient(HttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /** Share one limiter between all clients that share Airtable's budget. */
        public Builder rateLimiter(RateLimiter value) {
            this.rateLimiter = Objects.requireNonNull(value, "rateLimiter");
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /** Timeout of one HTTP exchange (default 30 s). */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Objects.requireNonNull(value, "requestTimeout");
            return this;
        }

        /** How long {@link Base#schema()} is served from cache (default 1 minute; zero disables caching). */
        public Builder schemaCacheTtl(Duration value) {
            this.schemaCacheTtl = Objects.requireNonNull(value, "schemaCacheTtl");
            return this;
        }

        public Builder userAgent(String value) {
            this.userAgent = Objects.requireNonNull(value, "userAgent");
            return this;
        }

        /** Told about every response received (metrics: latency, 429s); default {@link RequestListener#NONE}. */
        public Builder requestListener(RequestListener value) {
            this.requestListener = Objects.requireNonNull(value, "requestListener");
            return this;
        }

        private URI apiUrlOrDefaultContent() {
            return apiUrl.equals(DEFAULT_API_URL) ? DEFAULT_CONTENT_URL : apiUrl;
        }

        public AirtableApi build() {
            return new AirtableApi(this);
        }
    }
}
