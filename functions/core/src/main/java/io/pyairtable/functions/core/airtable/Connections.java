package io.pyairtable.functions.core.airtable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.airtable.AirtableException;
import io.pyairtable.airtable.Schema;
import io.pyairtable.functions.core.ApiError;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Each user's Airtable personal access token, in Secrets Manager as {@code pyairtable/<stage>/airtable/<userId>}
 * ({@code {"token","airtableUserId","scopes","connectedAt"}}), and the deployment's default token
 * ({@code AIRTABLE_DEFAULT_SECRET_ID}, used only when {@code ALLOW_DEFAULT_AIRTABLE_TOKEN=true}). The secret name is
 * built from the authorizer's {@code sub} only, so no request can name another user's secret. Tokens are cached in
 * memory for {@link #CACHE_TTL} (dropped at once on this container's PUT/DELETE). No token ever leaves this class
 * except into the Airtable client.
 */
public final class Connections {
    public static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final Pattern USER_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{10,512}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretsManagerClient secrets;
    private final AirtableConfig config;
    private final Function<String, Schema.WhoAmI> whoami;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** A resolved token; {@code toString()} never shows it. */
    public static final class Token {
        private final String value;
        private final String source;

        public Token(String value, String source) {
            this.value = value;
            this.source = source;
        }

        public String value() {
            return value;
        }

        /** "user" or "default". */
        public String source() {
            return source;
        }

        @Override
        public String toString() {
            return "Token[" + source + ", <redacted>]";
        }
    }

    private record Cached(Token token, Instant expires) {
    }

    public Connections(SecretsManagerClient secrets, AirtableConfig config, Function<String, Schema.WhoAmI> whoami, Clock clock) {
        this.secrets = secrets;
        this.config = config;
        this.whoami = whoami;
        this.clock = clock;
    }

    public String secretId(String userId) {
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw ApiError.unauthorized("UNAUTHORIZED", "This route needs a valid access token.");
        }
        return config.userSecretPrefix() + userId;
    }

    /** Checks the token with Airtable's whoami, then stores it; answers the connection (never the token). */
    public Map<String, Object> connect(String userId, String token) {
        if (!TOKEN.matcher(token).matches()) {
            throw new ApiError(400, "INVALID_AIRTABLE_TOKEN", "That is not an Airtable personal access token.");
        }
        Schema.WhoAmI who;
        try {
            who = whoami.apply(token);
        } catch (AirtableException.Authentication | AirtableException.Permission e) {
            throw new ApiError(400, "INVALID_AIRTABLE_TOKEN", "Airtable did not accept this token ("
                    + e.type() + ").");
        }
        ObjectNode secret = JSON.createObjectNode().put("token", token).put("airtableUserId", who.id())
                .put("connectedAt", clock.instant().toString());
        who.scopes().forEach(secret.putArray("scopes")::add);
        String secretId = secretId(userId);
        cache.remove(userId);
        try {
            secrets.createSecret(b -> b.name(secretId).secretString(secret.toString())
                    .description("Airtable personal access token of one PyAirtable user"));
        } catch (ResourceExistsException exists) {
            secrets.putSecretValue(b -> b.secretId(secretId).secretString(secret.toString()));
        }
        cache.remove(userId);
        return view("user", secret);
    }

    /** The caller's connection: their own, else the default token (if allowed), else not connected. */
    public Map<String, Object> inspect(String userId) {
        JsonNode own = read(secretId(userId));
        if (own != null) {
            return view("user", own);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", config.allowDefaultToken() ? "default" : "not_connected");
        out.put("source", config.allowDefaultToken() ? "default" : null);
        return out;
    }

    /** Deletes the caller's token at once (no recovery window). */
    public void disconnect(String userId) {
        String secretId = secretId(userId);
        cache.remove(userId);
        try {
            secrets.deleteSecret(b -> b.secretId(secretId).forceDeleteWithoutRecovery(true));
        } catch (ResourceNotFoundException none) {
            throw ApiError.notFound("You have no Airtable connection.");
        }
    }

    /** The token the caller's Airtable requests use. */
    public Token tokenFor(String userId) {
        Cached cached = cache.get(userId);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.token();
        }
        JsonNode own = read(secretId(userId));
        Token token;
        if (own != null && own.path("token").isTextual()) {
            token = new Token(own.get("token").textValue(), "user");
        } else if (config.allowDefaultToken()) {
            JsonNode fallback = read(config.defaultSecretId());
            String value = fallback == null ? null : fallback.path("token").asText(null);
            if (value == null) {
                throw new ApiError(409, "NO_AIRTABLE_CONNECTION",
                        "Connect your Airtable account first (PUT /connections/airtable); the default token is not set.");
            }
            token = new Token(value, "default");
        } else {
            throw new ApiError(409, "NO_AIRTABLE_CONNECTION", "Connect your Airtable account first (PUT /connections/airtable).");
        }
        cache.put(userId, new Cached(token, now.plus(CACHE_TTL)));
        return token;
    }

    /**
     * The deployment's default token whatever {@code ALLOW_DEFAULT_AIRTABLE_TOKEN} says: for operator work that has
     * no user (files dropped under {@code drop/} in the imports bucket). 409 when the secret has no value.
     */
    public Token defaultToken() {
        JsonNode secret = read(config.defaultSecretId());
        String value = secret == null ? null : secret.path("token").asText(null);
        if (value == null) {
            throw new ApiError(409, "NO_AIRTABLE_CONNECTION", "The deployment's default Airtable token is not set.");
        }
        return new Token(value, "default");
    }

    /** The secret's JSON, or null when it does not exist. A plain-string secret is read as {"token": value}. */
    private JsonNode read(String secretId) {
        String value;
        try {
            value = secrets.getSecretValue(b -> b.secretId(secretId)).secretString();
        } catch (ResourceNotFoundException none) {
            return null;
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(value);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException notJson) {
            // a bare token
        }
        return JSON.createObjectNode().put("token", value.trim());
    }

    private static Map<String, Object> view(String source, JsonNode secret) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "connected");
        out.put("source", source);
        out.put("airtableUserId", secret.path("airtableUserId").asText(null));
        out.put("scopes", JSON.convertValue(secret.path("scopes"), List.class));
        out.put("connectedAt", secret.path("connectedAt").asText(null));
        return out;
    }
}
