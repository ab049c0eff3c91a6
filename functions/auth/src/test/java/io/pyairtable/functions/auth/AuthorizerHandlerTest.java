package io.pyairtable.functions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import io.pyairtable.functions.core.Jwt;
import io.pyairtable.functions.core.SigningKey;
import io.pyairtable.functions.core.SigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizerHandlerTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    static final String SECRET = "{\"kid\":\"k1\",\"key\":\"" + "k".repeat(64) + "\"}";
    final Jwt jwt = new Jwt("pyairtable-dev", "pyairtable-api", CLOCK);
    final SigningKeys keys = new SigningKeys(() -> SECRET, CLOCK, Duration.ofMinutes(5), Duration.ofSeconds(5));

    AuthorizerHandler handler(Set<String> deniedJtis) {
        return new AuthorizerHandler(jwt, keys, claims -> deniedJtis.contains(claims.jti()));
    }

    static APIGatewayV2CustomAuthorizerEvent event(String authorization) {
        APIGatewayV2CustomAuthorizerEvent event = new APIGatewayV2CustomAuthorizerEvent();
        event.setHeaders(authorization == null ? Map.of() : Map.of("authorization", authorization));
        return event;
    }

    String token() {
        return jwt.sign(keys.current(), "user-1", "a@example.com", "jti-1", "sid-1", 900);
    }

    @Test
    void authorizesAValidTokenAndPassesTheCallerInTheContext() {
        Map<String, Object> response = handler(Set.of()).handleRequest(event("Bearer " + token()), null);
        assertThat(response).containsEntry("isAuthorized", true);
        assertThat(response.get("context")).isEqualTo(Map.of("sub", "user-1", "email", "a@example.com",
                "jti", "jti-1", "exp", CLOCK.instant().getEpochSecond() + 900, "sid", "sid-1"));
        assertThat(handler(Set.of()).handleRequest(event("bearer " + token()), null))
                .containsEntry("isAuthorized", true);
    }

    @Test
    void deniesRevokedMissingAndMalformedTokens() {
        assertThat(handler(Set.of("jti-1")).handleRequest(event("Bearer " + token()), null))
                .isEqualTo(Map.of("isAuthorized", false));
        for (String header : new String[] {null, "", "Bearer", "Bearer ", "Basic abc", token(), "Bearer x.y.z"}) {
            assertThat(handler(Set.of()).handleRequest(event(header), null)).as(String.valueOf(header))
                    .isEqualTo(Map.of("isAuthorized", false));
        }
        assertThat(handler(Set.of()).handleRequest(null, null)).isEqualTo(Map.of("isAuthorized", false));
        String foreign = jwt.sign(SigningKey.of("k1", "z".repeat(64)), "user-1", "a@example.com", "j", null, 900);
        assertThat(handler(Set.of()).handleRequest(event("Bearer " + foreign), null))
                .isEqualTo(Map.of("isAuthorized", false));
    }

    @Test
    void failsClosedWhenTheDenyListIsUnavailable() {
        AuthorizerHandler broken = new AuthorizerHandler(jwt, keys, claims -> {
            throw new IllegalStateException("DynamoDB down");
        });
        assertThat(broken.handleRequest(event("Bearer " + token()), null)).isEqualTo(Map.of("isAuthorized", false));
        AuthorizerHandler noSecret = new AuthorizerHandler(jwt, new SigningKeys(() -> {
            throw new IllegalStateException("Secrets Manager down");
        }, CLOCK, Duration.ofMinutes(5), Duration.ofSeconds(5)), claims -> false);
        assertThat(noSecret.handleRequest(event("Bearer " + token()), null)).isEqualTo(Map.of("isAuthorized", false));
    }

    @Test
    void readsTheIdentitySourceWhenHeadersAreAbsent() {
        APIGatewayV2CustomAuthorizerEvent event = new APIGatewayV2CustomAuthorizerEvent();
        event.setIdentitySource(java.util.List.of("Bearer " + token()));
        assertThat(handler(Set.of()).handleRequest(event, null)).containsEntry("isAuthorized", true);
    }
}
