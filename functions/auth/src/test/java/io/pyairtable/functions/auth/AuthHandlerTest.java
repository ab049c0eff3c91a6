package io.pyairtable.functions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.pyairtable.functions.core.Jwt;
import io.pyairtable.functions.core.SigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler's edge behaviour without AWS: bad input never reaches the table, unexpected failures are opaque 500s. */
class AuthHandlerTest {
    static final AuthConfig CONFIG = new AuthConfig("t", "s", "pyairtable-dev", "pyairtable-api",
            Duration.ofMinutes(15), Duration.ofDays(30));
    // a table whose client is null: any call to it fails, proving a request never got that far
    final UsersTable unreachable = new UsersTable(null, "t");
    final AuthHandler handler = new AuthHandler(new Accounts(unreachable, new PasswordHasher(64, 1, 1),
            PasswordPolicy.bundled(), new RefreshTokens(), new LoginThrottle(unreachable, Clock.systemUTC(),
                    LoginThrottle.EMAIL_POLICY, LoginThrottle.IP_POLICY),
            new SigningKeys(() -> "{}", Clock.systemUTC(), Duration.ofMinutes(5), Duration.ofSeconds(5)),
            new Jwt("pyairtable-dev", "pyairtable-api", Clock.systemUTC()), CONFIG, Clock.systemUTC()));

    static APIGatewayV2HTTPEvent event(String routeKey, String body) {
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setRequestId("req-9");
        return APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withBody(body).withIsBase64Encoded(false)
                .withRequestContext(context).build();
    }

    @Test
    void validatesBeforeTouchingTheTable() {
        APIGatewayV2HTTPResponse weak = handler.handleRequest(event("POST /auth/register",
                "{\"email\":\"a@example.com\",\"password\":\"short\"}"), null);
        assertThat(weak.getStatusCode()).isEqualTo(400);
        assertThat(weak.getBody()).contains("\"WEAK_PASSWORD\"", "\"requestId\":\"req-9\"").doesNotContain("short\"");
        assertThat(handler.handleRequest(event("POST /auth/login", "{\"email\":\"nope\",\"password\":\"x\"}"), null)
                .getBody()).contains("VALIDATION_FAILED");
        assertThat(handler.handleRequest(event("POST /auth/refresh", "{\"refreshToken\":\"junk\"}"), null)
                .getBody()).contains("INVALID_REFRESH_TOKEN");
    }

    @Test
    void authenticatedRoutesNeedTheAuthorizerContext() {
        APIGatewayV2HTTPResponse me = handler.handleRequest(event("GET /auth/me", null), null);
        assertThat(me.getStatusCode()).isEqualTo(401);
        assertThat(me.getBody()).contains("UNAUTHORIZED");
        assertThat(handler.handleRequest(event("POST /auth/logout", null), null).getStatusCode()).isEqualTo(401);
    }

    @Test
    void takesTheCallerFromTheAuthorizerNeverTheBody() {
        APIGatewayV2HTTPEvent event = event("GET /auth/me", "{\"sub\":\"attacker\"}");
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setLambda(Map.of("sub", "user-1", "email", "a@example.com", "jti", "j", "exp", 1795608900L,
                "sid", ""));
        event.getRequestContext().setAuthorizer(authorizer);
        assertThat(AuthHandler.caller(event)).isEqualTo(new Caller("user-1", "a@example.com", "j", 1795608900L, null));
    }

    @Test
    void unknownRoutesAre404AndFailuresAreOpaque500s() {
        APIGatewayV2HTTPResponse unknown = handler.handleRequest(event("DELETE /auth/me", null), null);
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("\"NOT_FOUND\"");
        APIGatewayV2HTTPResponse broken = handler.handleRequest(event("POST /auth/login",
                "{\"email\":\"a@example.com\",\"password\":\"some password\"}"), null);
        assertThat(broken.getStatusCode()).isEqualTo(500);
        assertThat(broken.getBody()).isEqualTo("{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":"
                + "\"Something went wrong on our side; try again later.\",\"requestId\":\"req-9\"}}");
    }
}
