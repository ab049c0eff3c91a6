package io.pyairtable.local.httpapi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Functions behind the test API ({@code httpapi/api.yaml}). */
public final class ApiTestHandlers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiTestHandlers() {
    }

    /** Returns the event it got, unchanged: API Gateway's default mapping sends it back as a JSON body. */
    public static final class Echo implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            input.transferTo(output);
        }
    }

    /** A structured response with headers, multi-value headers, cookies and CORS headers (which the gateway replaces). */
    public static final class Structured implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(201)
                    .withHeaders(Map.of("content-type", "text/plain", "x-request-id", "r-1",
                            "access-control-allow-origin", "https://evil.example"))
                    .withMultiValueHeaders(Map.of("x-multi", List.of("a", "b")))
                    .withCookies(List.of("session=abc; HttpOnly", "theme=dark"))
                    .withBody("created " + event.getRequestContext().getHttp().getMethod())
                    .build();
        }
    }

    /** Bytes 0..255, base64-encoded as the response format requires. */
    public static final class Binary implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            byte[] bytes = new byte[256];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
            return Map.of("statusCode", 200, "headers", Map.of("content-type", "application/octet-stream"),
                    "isBase64Encoded", true, "body", Base64.getEncoder().encodeToString(bytes));
        }
    }

    public static final class PlainString implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
            return "hello from lambda";
        }
    }

    /** Writes something that is not JSON. */
    public static final class Invalid implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            output.write("not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    public static final class Throwing implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
            throw new IllegalStateException("handler failed");
        }
    }

    /** Sleeps 5 s (the function's timeout is 1 s). */
    public static final class Slow implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        }
    }

    /**
     * Simple-response authorizer keyed on the identity: {@code allow-<user>} allows with context {@code {sub: user}},
     * {@code deny} denies, {@code error} throws, {@code invalid} returns a malformed response.
     */
    public static final class Authorizer implements RequestStreamHandler {
        static final AtomicInteger CALLS = new AtomicInteger();
        static volatile JsonNode lastEvent;

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            CALLS.incrementAndGet();
            JsonNode event = JSON.readTree(input);
            lastEvent = event;
            String identity = event.path("identitySource").path(0).asText();
            String token = identity.startsWith("Bearer ") ? identity.substring(7) : identity;
            ObjectNode response = JSON.createObjectNode();
            if (token.startsWith("allow-")) {
                response.put("isAuthorized", true);
                response.putObject("context").put("sub", token.substring(6)).put("calls", CALLS.get());
            } else if (token.equals("deny")) {
                response.put("isAuthorized", false);
            } else if (token.equals("error")) {
                throw new IllegalStateException("authorizer crashed");
            } else {
                response.put("unexpected", true);
            }
            JSON.writeValue(output, response);
        }
    }
}
