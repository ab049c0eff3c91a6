package io.pyairtable.functions.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import io.pyairtable.functions.core.AwsClients;
import io.pyairtable.functions.core.Env;
import io.pyairtable.functions.core.Jwt;
import io.pyairtable.functions.core.JwtException;
import io.pyairtable.functions.core.SigningKeys;
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
 * DynamoDB or Secrets Manager — is {@code isAuthorized: false} (fail closed; API Gateway answers 403).
 */
public final class AuthorizerHandler implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>> {
    private static final Map<String, Object> DENY = Map.of("isAuthorized", false);

    private final Jwt jwt;
    private final SigningKeys keys;
    private final Predicate<Jwt.Claims> denied;

    public AuthorizerHandler() {
        this(System.getenv());
    }

    public AuthorizerHandler(Map<String, String> env) {
        this(new Env(env), Clock.systemUTC());
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
    }

    AuthorizerHandler(Jwt jwt, SigningKeys keys, Predicate<Jwt.Claims> denied) {
        this.jwt = jwt;
        this.keys = keys;
        this.denied = denied;
    }

    @Override
    public Map<String, Object> handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        String token = bearer(event);
        if (token == null) {
            return DENY;
        }
        Jwt.Claims claims;
        try {
            claims = jwt.verify(token, keys::byKid);
            if (denied.test(claims)) {
                log(context, "denied: token revoked");
                return DENY;
            }
        } catch (JwtException rejected) {
            log(context, "denied: " + rejected.getMessage());
            return DENY;
        } catch (RuntimeException outage) {
            log(context, "denied (fail closed): " + outage.getClass().getName());
            return DENY;
        }
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

    private static void log(Context context, String line) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log("authorizer " + line + "\n");
        }
    }
}
