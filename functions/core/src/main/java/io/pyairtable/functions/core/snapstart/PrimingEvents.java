package io.pyairtable.functions.core.snapstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * Synthetic HTTP API (payload 2.0) requests for priming: built like the ones API Gateway sends, aimed at code paths
 * a handler answers without calling AWS or Airtable (validation, authorization context, unknown routes).
 */
public final class PrimingEvents {
    /** A well-formed user id that exists nowhere (the authorizer context's {@code sub}). */
    public static final String USER = "00000000-0000-4000-8000-000000000000";

    private PrimingEvents() {
    }

    /** {@code routeKey} (e.g. {@code "POST /imports"}) with a JSON body, without an authorizer context. */
    public static APIGatewayV2HTTPEvent anonymous(String routeKey, String path, String body,
            Map<String, String> pathParameters) {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("192.0.2.1")
                .withUserAgent("snapstart-priming").build();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId("snapstart-priming").withRouteKey(routeKey).withStage("$default").withHttp(http)
                .withTimeEpoch(System.currentTimeMillis()).build();
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("user-agent", "snapstart-priming");
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey).withRawPath(path)
                .withRawQueryString("").withHeaders(headers).withBody(body).withIsBase64Encoded(false)
                .withPathParameters(pathParameters == null ? null : Map.copyOf(pathParameters))
                .withRequestContext(context).build();
    }

    /** As {@link #anonymous}, with the authorizer context of {@link #USER}. */
    public static APIGatewayV2HTTPEvent authorized(String routeKey, String path, String body,
            Map<String, String> pathParameters) {
        APIGatewayV2HTTPEvent event = anonymous(routeKey, path, body, pathParameters);
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        Map<String, Object> lambda = new HashMap<>();
        lambda.put("sub", USER);
        lambda.put("email", "priming@example.invalid");
        lambda.put("jti", "snapstart-priming");
        lambda.put("exp", String.valueOf(System.currentTimeMillis() / 1000 + 900));
        lambda.put("sid", "");
        authorizer.setLambda(lambda);
        event.getRequestContext().setAuthorizer(authorizer);
        return event;
    }

    /** Throws unless the handler answered {@code expected}: a priming step must take the path it was written for. */
    public static APIGatewayV2HTTPResponse expect(int expected, APIGatewayV2HTTPResponse response) {
        if (response == null || response.getStatusCode() != expected) {
            throw new IllegalStateException("expected " + expected + ", got "
                    + (response == null ? "no response" : response.getStatusCode() + " " + response.getBody()));
        }
        return response;
    }
}
