package io.pyairtable.functions.core.airtable;

import io.pyairtable.functions.core.Env;
import java.net.URI;

/** the settings of functions that call Airtable, from its environment (template.yaml). */
public record AirtableConfig(String stage, URI airtableApiUrl, String rateLimitsTable, String defaultSecretId,
        boolean allowDefaultToken) {

    public static AirtableConfig from(Env env) {
        String stage = env.required("STAGE");
        return new AirtableConfig(stage, URI.create(env.optional("AIRTABLE_API_URL", "https://api.airtable.com")),
                env.required("RATE_LIMITS_TABLE"),
                env.optional("AIRTABLE_DEFAULT_SECRET_ID", "pyairtable/" + stage + "/airtable/default"),
                "true".equalsIgnoreCase(env.optional("ALLOW_DEFAULT_AIRTABLE_TOKEN", "false")));
    }

    /** Per-user secrets are {@code pyairtable/<stage>/airtable/<userId>}. */
    public String userSecretPrefix() {
        return "pyairtable/" + stage + "/airtable/";
    }
}
