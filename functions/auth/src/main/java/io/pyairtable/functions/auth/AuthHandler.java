package io.pyairtable.functions.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.pyairtable.functions.core.ApiError;
import io.pyairtable.functions.core.ApiResponses;
import io.pyairtable.functions.core.AwsClients;
import io.pyairtable.functions.core.Env;
import io.pyairtable.functions.core.JsonBody;
import io.pyairtable.functions.core.Jwt;
import io.pyairtable.functions.core.SigningKeys;
import io.pyairtable.functions.core.telemetry.Invocation;
import io.pyairtable.functions.core.telemetry.MetricNames;
import io.pyairtable.functions.core.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code /auth/*} (template.yaml AuthFunction): routes by route key to {@link Accounts}. The caller of the
 * authenticated routes comes from the authorizer context only. One log line per request (route, status, latency, user
 * id; correlation id = request id — never a body, password or token) and the login metrics (docs/observability.md).
 */
public final class AuthHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int MAX_PASSWORD = 1024;
    private final Accounts accounts;
    private final Telemetry telemetry;

    public AuthHandler() {
        this(System.getenv());
    }

    public AuthHandler(Map<String, String> env) {
        this(accounts(new Env(env), Clock.systemUTC()), new Telemetry(AuthHandler.class, env));
        io.pyairtable.functions.core.snapstart.Priming.register(env, this, handler -> AuthPriming.auth(handler, env));
    }

    AuthHandler(Accounts accounts) {
        this(accounts, new Telemetry(AuthHandler.class, Map.of()));
    }

    AuthHandler(Accounts accounts, Telemetry telemetry) {
        this.accounts = accounts;
        this.telemetry = telemetry;
    }

    static Accounts accounts(Env env, Clock clock) {
        AuthConfig config = AuthConfig.from(env);
        AwsClients aws = new AwsClients(env);
        UsersTable users = new UsersTable(aws.dynamoDb(), config.usersTable());
        SecretsManagerClient secrets = aws.secretsManager();
        SigningKeys keys = new SigningKeys(() -> secrets.getSecretValue(b -> b.secretId(config.jwtSecretId()))
                .secretString(), clock, Duration.ofMinutes(5), Duration.ofSeconds(5));
        return new Accounts(users, new PasswordHasher(), PasswordPolicy.bundled(), new RefreshTokens(),
                new LoginThrottle(users, clock, LoginThrottle.EMAIL_POLICY, LoginThrottle.IP_POLICY), keys,
                new Jwt(config.issuer(), config.audience(), clock), config, clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return telemetry.http(event, context, invocation -> handle(event, invocation));
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Invocation invocation) {
        String route = event == null || event.getRouteKey() == null ? "" : event.getRouteKey();
        APIGatewayV2HTTPResponse response;
        try {
            response = route(route, event, invocation);
        } catch (ApiError error) {
            response = ApiResponses.error(error, invocation.correlationId());
        } catch (RuntimeException bug) {
            invocation.unexpected(bug);
            response = ApiResponses.internalError(invocation.correlationId());
        }
        if (route.equals("POST /auth/login")) {
            int status = response.getStatusCode();
            if (status == 200) {
                invocation.count(MetricNames.LOGIN_SUCCEEDED);
            } else if (status >= 400 && status < 500) {
                invocation.count(MetricNames.LOGIN_FAILED);
            }
        }
        return response;
    }

    private APIGatewayV2HTTPResponse route(String route, APIGatewayV2HTTPEvent event, Invocation invocation) {
        switch (route) {
            case "POST /auth/register" -> {
                JsonBody body = JsonBody.parse(event);
                Session session = accounts.register(body.requiredString("email", 1024),
                        body.requiredString("password", MAX_PASSWORD));
                invocation.user(session.user().id());
                return ApiResponses.json(201, session(session));
            }
            case "POST /auth/login" -> {
                JsonBody body = JsonBody.parse(event);
                Session session = accounts.login(body.requiredString("email", 1024),
                        body.requiredString("password", MAX_PASSWORD), sourceIp(event));
                invocation.user(session.user().id());
                return ApiResponses.json(200, session(session));
            }
            case "POST /auth/refresh" -> {
                JsonBody body = JsonBody.parse(event);
                Session session = accounts.refresh(body.requiredString("refreshToken", 200));
                invocation.user(session.user().id());
                return ApiResponses.json(200, Map.of("tokens", tokens(session)));
            }
            case "POST /auth/logout" -> {
                accounts.logout(caller(event, invocation));
                return ApiResponses.noContent();
            }
            case "GET /auth/me" -> {
                return ApiResponses.json(200, Map.of("user", user(accounts.me(caller(event, invocation)))));
            }
            case "POST /auth/password" -> {
                Caller caller = caller(event, invocation);
                JsonBody body = JsonBody.parse(event);
                int revoked = accounts.changePassword(caller, body.requiredString("currentPassword", MAX_PASSWORD),
                        body.requiredString("newPassword", MAX_PASSWORD), sourceIp(event));
                return ApiResponses.json(200, Map.of("revokedSessions", revoked));
            }
            default -> throw ApiError.notFound("No such route.");
        }
    }

    private static Caller caller(APIGatewayV2HTTPEvent event, Invocation invocation) {
        Caller caller = caller(event);
        invocation.user(caller.userId());
        return caller;
    }

    /** The caller from the Lambda authorizer's context; a route without one is misconfigured → 401. */
    static Caller caller(APIGatewayV2HTTPEvent event) {
        Map<String, Object> lambda = event.getRequestContext() == null
                || event.getRequestContext().getAuthorizer() == null ? null
                : event.getRequestContext().getAuthorizer().getLambda();
        if (lambda == null || lambda.get("sub") == null || lambda.get("jti") == null || lambda.get("exp") == null) {
            throw ApiError.unauthorized("UNAUTHORIZED", "This route needs a valid access token.");
        }
        Object sid = lambda.get("sid");
        return new Caller(String.valueOf(lambda.get("sub")), String.valueOf(lambda.get("email")),
                String.valueOf(lambda.get("jti")), Long.parseLong(String.valueOf(lambda.get("exp"))),
                sid == null || String.valueOf(sid).isEmpty() ? null : String.valueOf(sid));
    }

    private static String sourceIp(APIGatewayV2HTTPEvent event) {
        if (event.getRequestContext() == null || event.getRequestContext().getHttp() == null) {
            return null;
        }
        return event.getRequestContext().getHttp().getSourceIp();
    }

    private static Map<String, Object> session(Session session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user(session.user()));
        body.put("tokens", tokens(session));
        return body;
    }

    private static Map<String, Object> tokens(Session session) {
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("accessToken", session.accessToken());
        tokens.put("tokenType", "Bearer");
        tokens.put("expiresIn", session.expiresIn());
        tokens.put("refreshToken", session.refreshToken());
        return tokens;
    }

    private static Map<String, Object> user(User user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", user.id());
        body.put("email", user.email());
        body.put("createdAt", user.createdAt().toString());
        return body;
    }
}
