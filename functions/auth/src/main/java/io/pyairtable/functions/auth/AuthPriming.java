package io.pyairtable.functions.auth;

import static io.pyairtable.functions.core.snapstart.PrimingEvents.anonymous;
import static io.pyairtable.functions.core.snapstart.PrimingEvents.authorized;
import static io.pyairtable.functions.core.snapstart.PrimingEvents.expect;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import io.pyairtable.functions.core.Jwt;
import io.pyairtable.functions.core.SigningKey;
import io.pyairtable.functions.core.snapstart.OfflineSdk;
import io.pyairtable.functions.core.snapstart.Priming;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SnapStart priming of {@link AuthHandler} and {@link AuthorizerHandler} ({@link Priming}): requests rejected before
 * any AWS call (validation, missing authorizer context, unknown route, tokens without a key id), an HS256 JWT signed
 * and verified with a throwaway key, an Argon2id hash and verification, and the AWS SDK offline.
 */
final class AuthPriming {
    private AuthPriming() {
    }

    static List<Priming.Step> auth(AuthHandler handler, Map<String, String> env) {
        List<Priming.Step> steps = new ArrayList<>(OfflineSdk.common(env));
        steps.add(Priming.step("POST /auth/login without a password", () -> expect(400, handler.handleRequest(
                anonymous("POST /auth/login", "/auth/login", "{\"email\":\"priming@example.invalid\"}", null), null))));
        steps.add(Priming.step("POST /auth/register without a body", () -> expect(400, handler.handleRequest(
                anonymous("POST /auth/register", "/auth/register", null, null), null))));
        steps.add(Priming.step("POST /auth/refresh with a malformed body", () -> expect(400, handler.handleRequest(
                anonymous("POST /auth/refresh", "/auth/refresh", "{\"refreshToken\":", null), null))));
        steps.add(Priming.step("GET /auth/me without a caller", () -> expect(401, handler.handleRequest(
                anonymous("GET /auth/me", "/auth/me", null, null), null))));
        steps.add(Priming.step("POST /auth/password without a body", () -> expect(400, handler.handleRequest(
                authorized("POST /auth/password", "/auth/password", null, null), null))));
        steps.add(Priming.step("unknown route", () -> expect(404, handler.handleRequest(
                anonymous("GET /auth/priming", "/auth/priming", null, null), null))));
        steps.add(jwt());
        steps.add(Priming.step("Argon2id hash and verify", () -> {
            PasswordHasher hasher = new PasswordHasher();
            if (hasher.verify("not the password", hasher.hash("snapstart priming"))) {
                throw new IllegalStateException("a wrong password verified");
            }
            RefreshTokens.hash(new RefreshTokens().newSecret());
        }));
        return steps;
    }

    static List<Priming.Step> authorizer(AuthorizerHandler handler, Map<String, String> env) {
        List<Priming.Step> steps = new ArrayList<>(OfflineSdk.common(env));
        steps.add(Priming.step("no token", () -> deny(handler.handleRequest(authorizerEvent(null), null))));
        // well-formed JWT without a kid: parsed and rejected before any signing key is looked up
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        steps.add(Priming.step("token without a key id", () -> deny(handler.handleRequest(
                authorizerEvent("Bearer " + header + ".e30.c2lnbmF0dXJl"), null))));
        steps.add(jwt());
        return steps;
    }

    /** Signs and verifies a token with a key made for this step and dropped after it. */
    private static Priming.Step jwt() {
        return Priming.step("JWT HS256 sign and verify (throwaway key)", () -> {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            SigningKey key = SigningKey.of("priming", HexFormat.of().formatHex(secret));
            Jwt jwt = new Jwt("priming", "priming", Clock.systemUTC());
            String token = jwt.sign(key, io.pyairtable.functions.core.snapstart.PrimingEvents.USER, "priming@example.invalid", "priming", "priming", 60);
            jwt.verify(token, kid -> key);
        });
    }

    private static APIGatewayV2CustomAuthorizerEvent authorizerEvent(String authorization) {
        APIGatewayV2CustomAuthorizerEvent event = new APIGatewayV2CustomAuthorizerEvent();
        event.setVersion("2.0");
        event.setType("REQUEST");
        event.setRouteKey("GET /auth/me");
        event.setRawPath("/auth/me");
        event.setHeaders(authorization == null ? Map.of() : Map.of("authorization", authorization));
        event.setIdentitySource(authorization == null ? null : List.of(authorization));
        return event;
    }

    private static void deny(Map<String, Object> decision) {
        if (!Boolean.FALSE.equals(decision.get("isAuthorized"))) {
            throw new IllegalStateException("expected a denial, got " + decision);
        }
    }
}
