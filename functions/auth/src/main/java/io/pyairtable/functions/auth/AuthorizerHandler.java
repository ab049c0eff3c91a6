package io.pyairtable.functions.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import io.pyairtable.functions.core.AwsClients;
import io.pyairtable.functions.core.Env;
import io.pyairtable.functions.core.Jwt;
import io.pyairtable.functions.core.JwtException;
import io.pyairtable.functions.core.SigningKeys;
import io.pyairtable.functions.core.telemetry.Invocation;
import io.pyairtable.functions.core.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The HTTP API Lambda authorizer (template.yaml AuthorizerFunction; payload 2.0, simple responses): verifies the
 * {@code Authorization: Bearer <jwt>} access token (HS256 pinned, signature, {@code iss}, {@code aud}, {@code exp},
 * {@code kid} via {@link SigningKeys}) and that neither its {@code jti} nor its session ({@code sid}) is on the
 * deny-list (one BatchGetItem), then answers
 * {@code {"isAuthorized": true, "context": {sub, email, jti, exp, sid}}}. Anything else — including an outage of
 * DynamoDB or Secrets Manager — is {@code isAuthorized: false} (fail closed; API Gateway answers 403). One log line per
 * decision, correlation id = the request's id (the same as the route's function logs); never the token.
 */
public final class AuthorizerHandler implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>> {
    private static final Map<String, Object> DENY = Map.of("isAuthorized", false);

    private final Jwt jwt;
    private final SigningKeys keys;
    private final Predicate<Jwt.Claims> denied;
    private final Telemetry telemetry;

    public AuthorizerHandler() {
        this(System.getenv());
    }

    public AuthorizerHandler(Map<String, String> env) {
        this(new Env(env), Clock.systemUTC());
        io.pyairtable.functions.core.snapstart.Priming.register(env, this, handler -> AuthPriming.authorizer(handler, env));
    }

    private AuthorizerHandler(Env env, Clock clock) {
        AuthConfig config = AuthConfig.from(env);
        AwsClients aws = new AwsClients(env);
        SecretsManagerClient secrets = aws.secretsManager();
        UsersTable users = new UsersTable(aws.dynamoDb(), config.usersTable());
        this.jwt = new Jwt(config.issuer(), config.audience(), clock);
        this.keys = new SigningKeys(() -> secrets.getSecretValue(b -> b.secretId(config.jwtSecretId())).secretString(),
                clock, Duration.ofMinutes(5), Duration.ofSeconds(5));
        this.denied = claims -> users.isDenied(claims.jti(), claims.sessionId(), clock.instant().getEpochSecond());
        this.telemetry = new Telemetry(AuthorizerHandler.class, env.asMap());
    }

    AuthorizerHandler(Jwt jwt, SigningKeys keys, Predicate<Jwt.Claims> denied) {
        this.jwt = jwt;
        this.keys = keys;
        this.denied = denied;
        this.telemetry = new Telemetry(AuthorizerHandler.class, Map.of());
    }

    @Override
    public Map<String, Object> handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        String requestId = event == null || event.getRequestContext() == null ? null
                : event.getRequestContext().getRequestId();
        return telemetry.run("authorizer", requestId, context, invocation -> decide(event, invocation));
    }

    private Map<String, Object> decide(APIGatewayV2CustomAuthorizerEvent event, Invocation invocation) {
        if (event != null) {
            invocation.field("route", event.getRouteKey());
        }
        String token = bearer(event);
        if (token == null) {
            return deny(invocation, "no bearer token");
        }
        Jwt.Claims claims;
        try {
            claims = jwt.verify(token, keys::byKid);
            if (denied.test(claims)) {
                invocation.user(claims.subject());
                return deny(invocation, "token revoked");
            }
        } catch (JwtException rejected) {
            return deny(invocation, rejected.getMessage());
        } catch (RuntimeException outage) {
            invocation.unexpected(outage);
            return deny(invocation, "fail closed: " + outage.getClass().getName());
        }
        invocation.user(claims.subject()).field("authorized", true);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("sub", claims.subject());
        ctx.put("email", claims.email());
        ctx.put("jti", claims.jti());
        ctx.put("exp", claims.expiresAt());
        ctx.put("sid", claims.sessionId() == null ? "" : claims.sessionId());
        return Map.of("isAuthorized", true, "context", ctx);
    }

    static String bearer(APIGatewayV2CustomAuthorizerEvent event) {
        if (event == null) {
            return null;
        }
        String header = null;
        if (event.getHeaders() != null) {
            header = event.getHeaders().get("authorization");
        }
        List<String> sources = event.getIdentitySource();
        if (header == null && sources != null && !sources.isEmpty()) {
            header = sources.get(0);
        }
        if (header == null || header.length() < 8 || !header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private static Map<String, Object> deny(Invocation invocation, String reason) {
        invocation.field("authorized", false).field("reason", reason);
        return DENY;
    }
}
