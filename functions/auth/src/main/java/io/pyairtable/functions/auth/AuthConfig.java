package io.pyairtable.functions.auth;

import io.pyairtable.functions.core.Env;
import java.time.Duration;

/** Settings of AuthFunction and AuthorizerFunction, from their environment (template.yaml). */
public record AuthConfig(String usersTable, String jwtSecretId, String issuer, String audience, Duration accessTokenTtl,
        Duration refreshFamilyTtl) {
    public static final String AUDIENCE = "pyairtable-api";

    public static AuthConfig from(Env env) {
        return new AuthConfig(env.required("USERS_TABLE"), env.required("JWT_SECRET_ID"),
                "pyairtable-" + env.optional("STAGE", "dev"), AUDIENCE, Duration.ofMinutes(15), Duration.ofDays(30));
    }
}
