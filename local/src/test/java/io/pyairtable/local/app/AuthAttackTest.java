package io.pyairtable.local.app;

import static io.pyairtable.local.app.AuthApiClient.credentials;
import static io.pyairtable.local.app.AuthApiClient.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import io.pyairtable.functions.core.Jwt;
import io.pyairtable.functions.core.SigningKey;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.junit.LocalCloudExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The attack battery of the accounts issue, through the HTTP API of the project's template: every attempt is a clear
 * 4xx (never a 5xx), and no answer echoes a secret.
 */
@ExtendWith(LocalCloudExtension.class)
class AuthAttackTest {
    private static final String PASSWORD = "amber falcon meadow 19";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static String session(AuthApiClient api, String email) throws Exception {
        AuthApiClient.Reply reply = api.register(email, PASSWORD);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("tokens").get("accessToken").asText();
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValidTokenPassesAsAControl(LocalCloud cloud) throws Exception {
        AuthApiClient api = new AuthApiClient(cloud);
        assertThat(api.get("/auth/me", session(api, uniqueEmail("control"))).status()).isEqualTo(200);
    }

    @Test
    void tamperedSignatureIsForbidden(LocalCloud cloud) throws Exception {
        AuthApiClient api = new AuthApiClient(cloud);
        String token = session(api, uniqueEmail("tamper"));
        String[] parts = token.split("\\.");
        char last = parts[2].charAt(0);
        String flipped = parts[0] + "." + parts[1] + "." + (last == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertThat(api.get("/auth/me", flipped).status()).isEqualTo(403);
        // same signature over a payload claiming another subject
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"" + UUID.randomUUID() + "\"");
        assertThat(api.get("/auth/me", parts[0] + "." + b64(payload) + "." + parts[2]).status()).isEqualTo(403);
    }

    @Test
    void algNoneAndAlgorithmSwitchingAreForbidden(LocalCloud cloud) throws Exception {
        AuthApiClient api = new AuthApiClient(cloud);
        String token = session(api, uniqueEmail("none"));
        String[] parts = token.split("\\.");
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"k1\"}") + "." + parts[1] + ".";
        assertThat(api.get("/auth/me", none).status()).isEqualTo(403);
        String noneWithSignature = b64("{\"alg\":\"none\",\"kid\":\"k1\"}") + "." + parts[1] + "." + parts[2];
        assertThat(api.get("/auth/me", noneWithSignature).status()).isEqualTo(403);
        String hs512 = b64("{\"alg\":\"HS512\",\"typ\":\"JWT\",\"kid\":\"k1\"}") + "." + parts[1] + "." + parts[2];
        assertThat(api.get("/auth/me", hs512).status()).isEqualTo(403);
        String unknownKid = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"k9\"}") + "." + parts[1] + "." + parts[2];
        assertThat(api.get("/auth/me", unknownKid).status()).isEqualTo(403);
        assertThat(api.get("/auth/me", "not-a-jwt").status()).isEqualTo(403);
    }

    @Test
    void expiredWrongAudienceWrongIssuerAndForeignKeyAreForbidden(LocalCloud cloud) throws Exception {
        AuthApiClient api = new AuthApiClient(cloud);
        String email = uniqueEmail("claims");
        session(api, email);
        String userId = api.login(email, PASSWORD).json().get("user").get("id").asText();
        SigningKey key = api.signingKey();
        Clock hourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String jti = UUID.randomUUID().toString();
        String valid = new Jwt("pyairtable-dev", "pyairtable-api", Clock.systemUTC())
                .sign(key, userId, email, jti, null, 900);
        assertThat(api.get("/auth/me", valid).status()).as("control: the real key signs valid tokens").isEqualTo(200);
        String expired = new Jwt("pyairtable-dev", "pyairtable-api", hourAgo).sign(key, userId, email, jti, null, 900);
        assertThat(api.get("/auth/me", expired).status()).isEqualTo(403);
        String audience = new Jwt("pyairtable-dev", "other-api", Clock.systemUTC()).sign(key, userId, email, jti, null,
                900);
        assertThat(api.get("/auth/me", audience).status()).isEqualTo(403);
        String issuer = new Jwt("pyairtable-prod", "pyairtable-api", Clock.systemUTC()).sign(key, userId, email, jti,
                null, 900);
        assertThat(api.get("/auth/me", issuer).status()).isEqualTo(403);
        String foreign = new Jwt("pyairtable-dev", "pyairtable-api", Clock.systemUTC())
                .sign(SigningKey.of(key.kid(), "x".repeat(64)), userId, email, jti, null, 900);
        assertThat(api.get("/auth/me", foreign).status()).isEqualTo(403);
    }

    @Test
    void tokenOfAnUnknownUserIsUnauthorized(LocalCloud cloud) throws Exception {
        AuthApiClient api = new AuthApiClient(cloud);
        String ghost = new Jwt("pyairtable-dev", "pyairtable-api", Clock.systemUTC()).sign(api.signingKey(),
                UUID.randomUUID().toString(), "ghost@example.com", UUID.randomUUID().toString(), null, 900);
        AuthApiClient.Reply me = api.get("/auth/me", ghost);
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.errorCode()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void reusingARefreshTokenRevokesTheWholeFamily(LocalCloud cloud) throws Exception {
        AuthApiClient api = new AuthApiClient(cloud);
        String email = uniqueEmail("reuse");
        String first = api.register(email, PASSWORD).json().get("tokens").get("refreshToken").asText();
        AuthApiClient.Reply rotated = api.post("/auth/refresh", "{\"refreshToken\":\"" + first + "\"}");
        assertThat(rotated.status()).isEqualTo(200);
        String second = rotated.json().get("tokens").get("refreshToken").asText();
        AuthApiClient.Reply reuse = api.post("/auth/refresh", "{\"refreshToken\":\"" + first + "\"}");
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.errorCode()).isEqualTo("REFRESH_TOKEN_REUSED");
        AuthApiClient.Reply legit = api.post("/auth/refresh", "{\"refreshToken\":\"" + second + "\"}");
        assertThat(legit.status()).as("the thief's reuse revoked the family").isEqualTo(401);
        assertThat(legit.errorCode()).isEqualTo("INVALID_REFRESH_TOKEN");
        for (String junk : new String[] {"", "abc", first.substring(0, 37) + "x".repeat(43), "'; DROP TABLE users; --"}) {
            AuthApiClient.Reply bad = api.post("/auth/refresh", "{\"refreshToken\":\"" + junk + "\"}");
            assertThat(bad.status()).as(junk).isBetween(400, 401);
        }
    }

    @Test
    void bruteForceIsThrottledAfterFiveFailures(LocalCloud cloud) throws Exception {
        AuthApiClient api = new AuthApiClient(cloud);
        String email = uniqueEmail("brute");
        session(api, email);
        for (int i = 1; i <= 5; i++) {
            AuthApiClient.Reply failure = api.login(email, "guess number " + i + " wrong");
            assertThat(failure.status()).as("attempt " + i).isEqualTo(401);
        }
        AuthApiClient.Reply sixth = api.login(email, "guess number 6 wrong");
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.errorCode()).isEqualTo("TOO_MANY_REQUESTS");
        long retryAfter = Long.parseLong(sixth.raw().headers().firstValue("retry-after").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 30L);
        // even the right password waits: the lock is checked before the password
        assertThat(api.login(email, PASSWORD).status()).isEqualTo(429);
        // the lock is per email: another account from the same IP still logs in
        String other = uniqueEmail("bystander");
        session(api, other);
        assertThat(api.login(other, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void injectionPayloadsAreRejectedAsValidationErrors(LocalCloud cloud) throws Exception {
        AuthApiClient api = new AuthApiClient(cloud);
        AuthApiClient.Reply operator = api.post("/auth/login", "{\"email\":{\"$ne\":\"\"},\"password\":{\"$ne\":\"\"}}");
        assertThat(operator.status()).isEqualTo(400);
        assertThat(operator.errorCode()).isEqualTo("VALIDATION_FAILED");
        AuthApiClient.Reply array = api.post("/auth/login", "{\"email\":[\"a@b.co\"],\"password\":\"x\"}");
        assertThat(array.errorCode()).isEqualTo("VALIDATION_FAILED");
        AuthApiClient.Reply sql = api.login("' OR 1=1 --", "' OR 1=1 --");
        assertThat(sql.status()).isEqualTo(400);
        assertThat(sql.errorCode()).isEqualTo("VALIDATION_FAILED");
        AuthApiClient.Reply sqlPassword = api.login(uniqueEmail("sql"), "' OR 1=1 --");
        assertThat(sqlPassword.status()).isEqualTo(401);
        // a legal address and password made of SQL are plain data: stored and compared, never interpreted
        String quoteEmail = "o'brien-" + UUID.randomUUID().toString().substring(0, 6) + "'--@example.com";
        AuthApiClient.Reply registerSql = api.register(quoteEmail, "' OR '1'='1' -- x");
        assertThat(registerSql.status()).as(registerSql.body()).isEqualTo(201);
        assertThat(registerSql.body()).doesNotContain("1'='1");
        assertThat(api.login(quoteEmail, "' OR '1'='1' -- y").status()).isEqualTo(401);
        assertThat(api.login(quoteEmail, "' OR '1'='1' -- x").status()).isEqualTo(200);
        AuthApiClient.Reply number = api.post("/auth/register", "{\"email\":42,\"password\":true}");
        assertThat(number.errorCode()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void malformedBodiesAreClear400sOr413s(LocalCloud cloud) throws Exception {
        AuthApiClient api = new AuthApiClient(cloud);
        for (String route : new String[] {"/auth/register", "/auth/login", "/auth/refresh"}) {
            assertThat(api.post(route, "{\"email\":").errorCode()).as(route).isEqualTo("INVALID_JSON");
            assertThat(api.post(route, "[1,2]").errorCode()).as(route).isEqualTo("INVALID_JSON");
            assertThat(api.post(route, "{\"a\":1,\"a\":2}").errorCode()).as(route).isEqualTo("INVALID_JSON");
            assertThat(api.post(route, "").errorCode()).as(route).isEqualTo("INVALID_JSON");
            assertThat(api.post(route, "{}").errorCode()).as(route).isEqualTo("VALIDATION_FAILED");
            AuthApiClient.Reply huge = api.post(route,
                    "{\"email\":\"" + "a".repeat(1024 * 1024) + "\",\"password\":\"x\"}");
            assertThat(huge.status()).as(route).isEqualTo(413);
            assertThat(huge.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
            byte[] invalidUtf8 = {'{', '"', 'e', 'm', 'a', 'i', 'l', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            AuthApiClient.Reply textUtf8 = api.postBytes(route, invalidUtf8, "application/json");
            assertThat(textUtf8.status()).as(route).isEqualTo(400);
            assertThat(textUtf8.errorCode()).isEqualTo("INVALID_ENCODING");
            AuthApiClient.Reply binaryUtf8 = api.postBytes(route, invalidUtf8, null);
            assertThat(binaryUtf8.status()).as(route).isEqualTo(400);
            assertThat(binaryUtf8.errorCode()).isEqualTo("INVALID_ENCODING");
        }
        AuthApiClient.Reply missingPassword = api.post("/auth/login", "{\"email\":\"a@example.com\"}");
        assertThat(missingPassword.errorCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(missingPassword.json().get("error").get("message").asText()).contains("password");
        AuthApiClient.Reply untyped = api.postBytes("/auth/login",
                credentials(uniqueEmail("binary"), "wrong password here").getBytes(StandardCharsets.UTF_8), null);
        assertThat(untyped.status()).as("a body without content type is still read (base64 from the gateway)")
                .isEqualTo(401);
    }
}
