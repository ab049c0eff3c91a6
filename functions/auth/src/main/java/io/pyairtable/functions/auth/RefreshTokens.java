package io.pyairtable.functions.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Opaque refresh tokens {@code <familyId>.<secret>}: the family id is a random UUID naming the login session, the
 * secret 32 random bytes in base64url (43 characters). Only {@link #hash SHA-256(secret)} is stored.
 */
public final class RefreshTokens {
    private static final Pattern FORMAT = Pattern.compile(
            "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();

    /** A parsed token. {@link #toString()} hides the secret. */
    public record Parsed(String familyId, String secret) {
        @Override
        public String toString() {
            return "RefreshToken[family=" + familyId + "]";
        }
    }

    public String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    public static String newFamilyId() {
        return UUID.randomUUID().toString();
    }

    public static String format(String familyId, String secret) {
        return familyId + "." + secret;
    }

    public static Optional<Parsed> parse(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        var matcher = FORMAT.matcher(token);
        return matcher.matches() ? Optional.of(new Parsed(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two hex hashes. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
