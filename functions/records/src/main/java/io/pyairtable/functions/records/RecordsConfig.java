package io.pyairtable.functions.records;

import io.pyairtable.functions.core.Env;
import java.net.URI;

/** RecordsFunction's settings, from its environment (template.yaml). */
record RecordsConfig(String stage, URI airtableApiUrl, String rateLimitsTable, String defaultSecretId,
        boolean allowDefaultToken) {

    static RecordsConfig from(Env env) {
        String stage = env.required("STAGE");
        return new RecordsConfig(stage, URI.create(env.optional("AIRTABLE_API_URL", "https://api.airtable.com")),
                env.required("RATE_LIMITS_TABLE"),
                env.optional("AIRTABLE_DEFAULT_SECRET_ID", "pyairtable/" + stage + "/airtable/default"),
                "true".equalsIgnoreCase(env.optional("ALLOW_DEFAULT_AIRTABLE_TOKEN", "false")));
    }

    /** Per-user secrets are {@code pyairtable/<stage>/airtable/<userId>}. */
    String userSecretPrefix() {
        return "pyairtable/" + stage + "/airtable/";
    }
}
