package io.pyairtable.functions.core.airtable;

import io.pyairtable.functions.core.Env;
import java.net.URI;
import java.time.Duration;

/**
 * The settings of functions that call Airtable, from their environment (template.yaml): stage, API URL, the shared
 * budget's table, the default-token secret and whether it may be used, Airtable's penalty after a 429
 * ({@code AIRTABLE_PENALTY_SECONDS}, 30 as Airtable documents; tests shorten it) and the per-request timeout
 * ({@code AIRTABLE_REQUEST_TIMEOUT_SECONDS}, 10).
 */
public record AirtableConfig(String stage, URI airtableApiUrl, String rateLimitsTable, String defaultSecretId,
        boolean allowDefaultToken, Duration penalty, Duration requestTimeout) {

    public AirtableConfig(String stage, URI airtableApiUrl, String rateLimitsTable, String defaultSecretId,
            boolean allowDefaultToken) {
        this(stage, airtableApiUrl, rateLimitsTable, defaultSecretId, allowDefaultToken, Duration.ofSeconds(30),
                Duration.ofSeconds(10));
    }

    public static AirtableConfig from(Env env) {
        String stage = env.required("STAGE");
        return new AirtableConfig(stage, URI.create(env.optional("AIRTABLE_API_URL", "https://api.airtable.com")),
                env.required("RATE_LIMITS_TABLE"),
                env.optional("AIRTABLE_DEFAULT_SECRET_ID", "pyairtable/" + stage + "/airtable/default"),
                "true".equalsIgnoreCase(env.optional("ALLOW_DEFAULT_AIRTABLE_TOKEN", "false")),
                Duration.ofMillis(Math.round(1000 * Double.parseDouble(env.optional("AIRTABLE_PENALTY_SECONDS", "30")))),
                Duration.ofMillis(Math.round(1000 * Double.parseDouble(
                        env.optional("AIRTABLE_REQUEST_TIMEOUT_SECONDS", "10")))));
    }

    /** Per-user secrets are {@code pyairtable/<stage>/airtable/<userId>}. */
    public String userSecretPrefix() {
        return "pyairtable/" + stage + "/airtable/";
    }
}
