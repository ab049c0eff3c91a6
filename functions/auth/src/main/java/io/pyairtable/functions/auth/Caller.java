package io.pyairtable.functions.auth;

/** The authenticated caller, from the authorizer context (never from the body). */
public record Caller(String userId, String email, String jti, long expiresAt, String sessionId) {
}
