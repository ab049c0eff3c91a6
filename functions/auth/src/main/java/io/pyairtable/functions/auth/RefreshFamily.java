package io.pyairtable.functions.auth;

/**
 * One login session's chain of refresh tokens: only the SHA-256 of the current token's secret is stored; {@code
 * expiresAt} (epoch seconds) is the family's absolute end and its DynamoDB TTL.
 */
public record RefreshFamily(String familyId, String userId, String currentHash, boolean revoked, long expiresAt) {
}
