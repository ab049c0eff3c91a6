package io.pyairtable.functions.health;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.pyairtable.functions.core.Env;
import io.pyairtable.functions.core.telemetry.Telemetry;
import java.time.Clock;
import java.util.Map;

/**
 * {@code GET /health}: liveness. Answers from memory — no AWS or Airtable call — so it is cheap enough for load
 * balancers and uptime checks; the deep check of dependencies is a separate, authorized route.
 */
public final class HealthHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final String stage;
    private final Clock clock;
    private final Map<String, String> env;
    private final Telemetry telemetry;
    private volatile DeepHealth deep; // built on the first deep check: liveness touches no client

    /** Used by the Lambda runtime: configuration from the process environment. */
    public HealthHandler() {
        this(System.getenv());
    }

    /** Used by the local cloud and tests: configuration from the given environment. */
    public HealthHandler(Map<String, String> env) {
        this(env, Clock.systemUTC());
        io.pyairtable.functions.core.snapstart.Priming.register(env, this, HealthPriming::steps);
    }

    HealthHandler(Map<String, String> env, Clock clock) {
        this.stage = env.getOrDefault("STAGE", "unknown");
        this.clock = clock;
        this.env = Map.copyOf(env);
        this.telemetry = new Telemetry(HealthHandler.class, env);
    }

    HealthHandler(Map<String, String> env, Clock clock, DeepHealth deep) {
        this(env, clock);
        this.deep = deep;
    }

    private DeepHealth deep() {
        DeepHealth d = deep;
        if (d == null) {
            synchronized (this) {
                if (deep == null) {
                    deep = DeepHealth.from(new Env(env), telemetry);
                }
                d = deep;
            }
        }
        return d;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return telemetry.http(event, context, invocation -> respond(event));
    }

    private APIGatewayV2HTTPResponse respond(APIGatewayV2HTTPEvent event) {
        if (event != null && "GET /health/deep".equals(event.getRouteKey())) {
            DeepHealth.Report report = deep().run();
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(report.healthy() ? 200 : 503)
                    .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store"))
                    .withBody(DeepHealth.json(report.body()))
                    .build();
        }
        String body = "{\"status\":\"ok\",\"stage\":\"" + jsonEscape(stage) + "\",\"time\":\"" + clock.instant() + "\"}";
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store"))
                .withBody(body)
                .build();
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
