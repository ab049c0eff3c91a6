package io.pyairtable.functions.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 JSON Web Tokens with a {@code kid}, and nothing else: the header must be exactly {@code alg=HS256},
 * {@code typ=JWT} (optional) and {@code kid} — {@code none}, any other algorithm, {@code jku}/{@code jwk}/{@code crit}
 * and unknown header fields are rejected before any key is looked up, so there is no algorithm switching. Signatures
 * are compared in constant time; {@code iss}, {@code aud}, {@code exp} (and {@code nbf}/{@code iat} against the clock
 * with a small skew), {@code sub} and {@code jti} are checked.
 */
public final class Jwt {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final Set<String> HEADER_FIELDS = Set.of("alg", "typ", "kid");
    private static final long SKEW_SECONDS = 30;
    private static final int MAX_TOKEN_LENGTH = 4096;

    private final String issuer;
    private final String audience;
    private final Clock clock;

    public Jwt(String issuer, String audience, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /** The verified claims of a token. */
    public record Claims(String subject, String email, String jti, long issuedAt, long expiresAt, String sessionId) {
    }

    /** Signs an access token for {@code subject} valid for {@code ttlSeconds}. */
    public String sign(SigningKey key, String subject, String email, String jti, String sessionId, long ttlSeconds) {
        long now = clock.instant().getEpochSecond();
        ObjectNode header = JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT").put("kid", key.kid());
        ObjectNode payload = JSON.createObjectNode().put("iss", issuer).put("aud", audience).put("sub", subject)
                .put("email", email).put("iat", now).put("exp", now + ttlSeconds).put("jti", jti);
        if (sessionId != null) {
            payload.put("sid", sessionId);
        }
        String signingInput = B64.encodeToString(bytes(header)) + "." + B64.encodeToString(bytes(payload));
        return signingInput + "." + B64.encodeToString(hmac(key, signingInput));
    }

    /**
     * Verifies {@code token}; {@code keys} maps a {@code kid} to its key (null when unknown).
     *
     * @throws JwtException whatever is wrong with it
     */
    public Claims verify(String token, Function<String, SigningKey> keys) throws JwtException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new JwtException("missing or oversized token");
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0) {
            throw new JwtException("not a signed JWT (three non-empty parts expected)");
        }
        JsonNode header = object(token.substring(0, first), "header");
        Iterator<String> names = header.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!HEADER_FIELDS.contains(name)) {
                throw new JwtException("unsupported header field " + name);
            }
        }
        if (!"HS256".equals(text(header, "alg"))) {
            throw new JwtException("algorithm not allowed");
        }
        if (header.has("typ") && !"JWT".equals(text(header, "typ"))) {
            throw new JwtException("unsupported token type");
        }
        String kid = text(header, "kid");
        if (kid == null) {
            throw new JwtException("no kid in the header");
        }
        SigningKey key = keys.apply(kid);
        if (key == null) {
            throw new JwtException("unknown kid");
        }
        byte[] signature = decode(token.substring(second + 1), "signature");
        byte[] expected = hmac(key, token.substring(0, second));
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new JwtException("bad signature");
        }
        JsonNode claims = object(token.substring(first + 1, second), "payload");
        if (!issuer.equals(text(claims, "iss"))) {
            throw new JwtException("wrong issuer");
        }
        if (!audience.equals(text(claims, "aud"))) {
            throw new JwtException("wrong audience");
        }
        long now = clock.instant().getEpochSecond();
        long exp = number(claims, "exp");
        long iat = number(claims, "iat");
        if (now >= exp) {
            throw new JwtException("expired");
        }
        if (iat > now + SKEW_SECONDS) {
            throw new JwtException("issued in the future");
        }
        if (claims.has("nbf") && number(claims, "nbf") > now + SKEW_SECONDS) {
            throw new JwtException("not valid yet");
        }
        String sub = text(claims, "sub");
        String jti = text(claims, "jti");
        String email = text(claims, "email");
        if (sub == null || sub.isEmpty() || jti == null || jti.isEmpty() || email == null) {
            throw new JwtException("sub, email and jti are required");
        }
        return new Claims(sub, email, jti, iat, exp, text(claims, "sid"));
    }

    /** The current time of this verifier's clock. */
    public Instant now() {
        return clock.instant();
    }

    private static JsonNode object(String part, String what) throws JwtException {
        JsonNode node;
        try {
            node = JSON.readTree(decode(part, what));
        } catch (java.io.IOException e) {
            throw new JwtException("the " + what + " is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new JwtException("the " + what + " is not a JSON object");
        }
        return node;
    }

    private static byte[] decode(String part, String what) throws JwtException {
        if (part.indexOf('=') >= 0) {
            throw new JwtException("padded base64url in the " + what);
        }
        try {
            return B64D.decode(part);
        } catch (IllegalArgumentException e) {
            throw new JwtException("the " + what + " is not base64url");
        }
    }

    private static String text(JsonNode node, String field) throws JwtException {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new JwtException(field + " must be a string");
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String field) throws JwtException {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new JwtException(field + " must be an integer");
        }
        return value.longValue();
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(SigningKey key, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.key(), "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** For tests: the claims map form of a payload. */
    static Map<String, Object> claimsOf(String token) throws java.io.IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.readValue(B64D.decode(token.split("\\.")[1]), Map.class);
        return map;
    }
}
