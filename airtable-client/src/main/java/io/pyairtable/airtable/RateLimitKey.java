package io.pyairtable.airtable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a request counts against: its token (by fingerprint, never the token itself) and, for base-scoped
 * requests, its base id. Requests without a base (e.g. {@code /v0/meta/bases}) have a null {@code baseId}.
 */
public record RateLimitKey(String tokenFingerprint, String baseId) {

    public RateLimitKey {
        Objects.requireNonNull(tokenFingerprint, "tokenFingerprint");
    }

    /** A short SHA-256 fingerprint of a token: safe to log and to store as a limiter key. */
    public static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", impossible);
        }
    }
}
