package io.pyairtable.functions.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JwtTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final SigningKey K1 = SigningKey.of("k1", "a".repeat(64));
    static final SigningKey K2 = SigningKey.of("k2", "b".repeat(64));
    static final Function<String, SigningKey> KEYS = kid -> Map.of("k1", K1, "k2", K2).get(kid);
    final Jwt jwt = at(NOW);

    static Jwt at(Instant instant) {
        return new Jwt("pyairtable-dev", "pyairtable-api", Clock.fixed(instant, ZoneOffset.UTC));
    }

    static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    String token() {
        return jwt.sign(K1, "user-1", "a@example.com", "jti-1", "sid-1", 900);
    }

    @Test
    void signsAndVerifiesWithAllClaims() throws Exception {
        String token = token();
        Jwt.Claims claims = jwt.verify(token, KEYS);
        assertThat(claims).isEqualTo(new Jwt.Claims("user-1", "a@example.com", "jti-1", NOW.getEpochSecond(),
                NOW.getEpochSecond() + 900, "sid-1"));
        assertThat(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}");
        assertThat(Jwt.claimsOf(token)).containsEntry("iss", "pyairtable-dev").containsEntry("aud", "pyairtable-api")
                .containsKeys("iat", "exp", "jti", "sub", "email");
    }

    @Test
    void verifiesWithThePreviousKeyByKid() throws Exception {
        String token = jwt.sign(K2, "u", "e@x.io", "j", null, 60);
        assertThat(jwt.verify(token, KEYS).subject()).isEqualTo("u");
        assertThatThrownBy(() -> jwt.verify(token, kid -> null)).hasMessage("unknown kid");
    }

    @Test
    void rejectsExpiryAtTheSecondAndAfter() throws Exception {
        String token = token();
        assertThat(at(NOW.plusSeconds(899)).verify(token, KEYS)).isNotNull();
        assertThatThrownBy(() -> at(NOW.plusSeconds(900)).verify(token, KEYS)).hasMessage("expired");
        assertThatThrownBy(() -> at(NOW.minusSeconds(31)).verify(token, KEYS)).hasMessage("issued in the future");
    }

    @Test
    void rejectsWrongIssuerAndAudience() {
        String token = token();
        assertThatThrownBy(() -> new Jwt("pyairtable-prod", "pyairtable-api", Clock.fixed(NOW, ZoneOffset.UTC))
                .verify(token, KEYS)).hasMessage("wrong issuer");
        assertThatThrownBy(() -> new Jwt("pyairtable-dev", "other", Clock.fixed(NOW, ZoneOffset.UTC))
                .verify(token, KEYS)).hasMessage("wrong audience");
    }

    @Test
    void pinsTheAlgorithmAndTheHeader() {
        String[] parts = token().split("\\.");
        for (String header : new String[] {"{\"alg\":\"none\",\"kid\":\"k1\"}", "{\"alg\":\"HS512\",\"kid\":\"k1\"}",
                "{\"alg\":\"RS256\",\"kid\":\"k1\"}", "{\"alg\":\"hs256\",\"kid\":\"k1\"}", "{\"kid\":\"k1\"}",
                "{\"alg\":[\"HS256\"],\"kid\":\"k1\"}"}) {
            assertThatThrownBy(() -> jwt.verify(b64(header) + "." + parts[1] + "." + parts[2], KEYS))
                    .as(header).isInstanceOf(JwtException.class).hasMessageContaining("alg");
        }
        assertThatThrownBy(() -> jwt.verify(b64("{\"alg\":\"none\"}") + "." + parts[1] + ".", KEYS))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> jwt.verify(b64("{\"alg\":\"HS256\",\"kid\":\"k1\",\"jku\":\"http://x\"}") + "."
                + parts[1] + "." + parts[2], KEYS)).hasMessage("unsupported header field jku");
        assertThatThrownBy(() -> jwt.verify(b64("{\"alg\":\"HS256\"}") + "." + parts[1] + "." + parts[2], KEYS))
                .hasMessage("no kid in the header");
        assertThatThrownBy(() -> jwt.verify(b64("{\"alg\":\"HS256\",\"typ\":\"JWE\",\"kid\":\"k1\"}") + "." + parts[1]
                + "." + parts[2], KEYS)).hasMessage("unsupported token type");
    }

    @Test
    void rejectsTamperingAndForeignKeys() {
        String[] parts = token().split("\\.");
        String otherPayload = b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("user-1", "user-2"));
        assertThatThrownBy(() -> jwt.verify(parts[0] + "." + otherPayload + "." + parts[2], KEYS))
                .hasMessage("bad signature");
        String foreign = jwt.sign(SigningKey.of("k1", "c".repeat(64)), "user-1", "a@example.com", "j", null, 900);
        assertThatThrownBy(() -> jwt.verify(foreign, KEYS)).hasMessage("bad signature");
        assertThatThrownBy(() -> jwt.verify(parts[0] + "." + parts[1] + "." + parts[2] + "=", KEYS))
                .hasMessageContaining("padded");
    }

    @Test
    void rejectsMalformedTokens() {
        String token = token();
        for (String bad : new String[] {"", "abc", "a.b", "a..c", ".b.c", token + ".x", token.substring(0,
                token.lastIndexOf('.') + 1), "!!!.###.$$$", "x".repeat(5000)}) {
            assertThatThrownBy(() -> jwt.verify(bad, KEYS)).as(bad).isInstanceOf(JwtException.class);
        }
        assertThatThrownBy(() -> jwt.verify(null, KEYS)).isInstanceOf(JwtException.class);
    }

    @Test
    void rejectsBadClaimTypesAndMissingClaims() {
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}");
        long exp = NOW.getEpochSecond() + 60;
        for (String payload : new String[] {
                "{\"iss\":\"pyairtable-dev\",\"aud\":\"pyairtable-api\",\"sub\":\"u\",\"email\":\"e\",\"iat\":1,\"exp\":\""
                        + exp + "\",\"jti\":\"j\"}",
                "{\"iss\":\"pyairtable-dev\",\"aud\":\"pyairtable-api\",\"sub\":\"u\",\"email\":\"e\",\"iat\":1,\"exp\":"
                        + exp + "}",
                "{\"iss\":\"pyairtable-dev\",\"aud\":\"pyairtable-api\",\"email\":\"e\",\"iat\":1,\"exp\":" + exp
                        + ",\"jti\":\"j\"}",
                "{\"iss\":\"pyairtable-dev\",\"aud\":\"pyairtable-api\",\"sub\":\"u\",\"email\":\"e\",\"iat\":1,\"exp\":"
                        + exp + ",\"jti\":\"j\",\"jti\":\"k\"}",
                "[1]"}) {
            String input = header + "." + b64(payload);
            String token = input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(Jwt.hmac(K1, input));
            assertThatThrownBy(() -> jwt.verify(token, KEYS)).as(payload).isInstanceOf(JwtException.class);
        }
    }

    @Test
    void exceptionsNeverCarryTheToken() {
        String token = token();
        String tampered = token.substring(0, token.length() - 2) + "AA";
        assertThatThrownBy(() -> jwt.verify(tampered, KEYS)).satisfies(e -> assertThat(e.getMessage())
                .doesNotContain(tampered.split("\\.")[2]));
        assertThat(K1.toString()).doesNotContain("aaaa");
    }
}
