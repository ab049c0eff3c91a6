package io.pyairtable.local.httpapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.lambda.LambdaHost;
import io.pyairtable.local.lambda.LambdaHostOptions;
import io.pyairtable.local.template.LocalTemplate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpApiServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALLOWED_ORIGIN = "http://localhost:5173";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private static LambdaHost host;
    private static HttpApiServer server;

    @BeforeAll
    static void start() {
        LocalTemplate template = LocalTemplate.load(resource("httpapi/api.yaml"));
        host = new LambdaHost(template, LambdaHostOptions.defaults().withLog(QUIET));
        server = HttpApiServer.start(template, host, HttpApiServerOptions.onPort(0).withLog(QUIET));
    }

    @AfterAll
    static void stop() {
        server.close();
        host.close();
    }

    static Path resource(String name) {
        try {
            return Path.of(HttpApiServerTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder request(HttpApiServer target, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(target.url() + pathAndQuery)).timeout(Duration.ofSeconds(20));
    }

    static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static JsonNode echo(HttpRequest.Builder request) throws Exception {
        HttpResponse<byte[]> response = send(request);
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void buildsTheExactPayloadFormat2Event() throws Exception {
        HttpResponse<byte[]> response = send(request(server, "/echo/abc%20def?tag=a&tag=b&q=x%20y&empty=")
                .header("X-Custom", "1").header("X-Custom", "2").header("Cookie", "a=1; b=2")
                .header("User-Agent", "test-agent/1.0"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        JsonNode event = JSON.readTree(response.body());

        assertThat(fieldNames(event)).containsExactly("version", "routeKey", "rawPath", "rawQueryString", "cookies",
                "headers", "queryStringParameters", "requestContext", "pathParameters", "isBase64Encoded",
                "stageVariables");
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("GET /echo/{id}");
        assertThat(event.path("rawPath").asText()).isEqualTo("/echo/abc%20def");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("tag=a&tag=b&q=x%20y&empty=");
        assertThat(event.path("cookies").toString()).isEqualTo("[\"a=1\",\"b=2\"]");
        JsonNode headers = event.path("headers");
        assertThat(headers.path("x-custom").asText()).isEqualTo("1,2");
        assertThat(headers.path("user-agent").asText()).isEqualTo("test-agent/1.0");
        assertThat(headers.has("cookie")).isFalse();
        assertThat(headers.path("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
        assertThat(headers.path("x-forwarded-proto").asText()).isEqualTo("http");
        assertThat(headers.path("x-amzn-trace-id").asText()).startsWith("Root=1-");
        fieldNames(headers).forEach(name -> assertThat(name).isLowerCase());
        assertThat(event.path("queryStringParameters").toString())
                .isEqualTo("{\"tag\":\"a,b\",\"q\":\"x y\",\"empty\":\"\"}");
        assertThat(event.path("pathParameters").toString()).isEqualTo("{\"id\":\"abc def\"}");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.has("body")).isFalse();
        assertThat(event.path("stageVariables").toString()).isEqualTo("{\"color\":\"blue\"}");

        JsonNode context = event.path("requestContext");
        assertThat(fieldNames(context)).containsExactly("accountId", "apiId", "domainName", "domainPrefix", "http",
                "requestId", "routeKey", "stage", "time", "timeEpoch");
        assertThat(context.path("accountId").asText()).isEqualTo("000000000000");
        assertThat(context.path("apiId").asText()).isEqualTo(server.api().apiId()).isEqualTo("api0000000");
        assertThat(context.path("domainName").asText()).isEqualTo("127.0.0.1");
        assertThat(context.path("domainPrefix").asText()).isEqualTo("127");
        assertThat(context.path("http").toString()).isEqualTo("{\"method\":\"GET\",\"path\":\"/echo/abc%20def\","
                + "\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"test-agent/1.0\"}");
        assertThat(context.path("requestId").asText()).isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
        assertThat(context.path("routeKey").asText()).isEqualTo("GET /echo/{id}");
        assertThat(context.path("stage").asText()).isEqualTo("$default");
        assertThat(context.path("time").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(context.path("timeEpoch").asLong()).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
    }

    @Test
    void selectsTheMostSpecificRoute() throws Exception {
        assertThat(echo(request(server, "/items/special")).path("routeKey").asText()).isEqualTo("GET /items/special");
        JsonNode item = echo(request(server, "/items/42"));
        assertThat(item.path("routeKey").asText()).isEqualTo("GET /items/{itemId}");
        assertThat(item.path("pathParameters").path("itemId").asText()).isEqualTo("42");
        assertThat(echo(request(server, "/items/42").DELETE()).path("routeKey").asText()).isEqualTo("ANY /items/{itemId}");

        JsonNode greedy = echo(request(server, "/echo/a/b/c"));
        assertThat(greedy.path("routeKey").asText()).isEqualTo("ANY /echo/{proxy+}");
        assertThat(greedy.path("pathParameters").path("proxy").asText()).isEqualTo("a/b/c");
        JsonNode anyMethod = echo(request(server, "/echo/x").DELETE());
        assertThat(anyMethod.path("routeKey").asText()).isEqualTo("ANY /echo/{proxy+}");
        assertThat(anyMethod.path("requestContext").path("http").path("method").asText()).isEqualTo("DELETE");
    }

    @Test
    void unmatchedRequestsGetNotFound() throws Exception {
        for (HttpRequest.Builder unmatched : List.of(request(server, "/nope"), request(server, "/echo"),
                request(server, "/items"))) {
            HttpResponse<byte[]> response = send(unmatched);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(text(response)).isEqualTo("{\"message\":\"Not Found\"}");
            assertThat(response.headers().firstValue("content-type")).contains("application/json");
        }
    }

    @Test
    void passesTextBodiesAsIsAndBinaryBodiesBase64() throws Exception {
        JsonNode text = echo(request(server, "/echo").header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")));
        assertThat(text.path("body").asText()).isEqualTo("{\"name\":\"Ada\"}");
        assertThat(text.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(text.path("routeKey").asText()).isEqualTo("POST /echo");

        byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0xfe};
        JsonNode binary = echo(request(server, "/echo").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(binary.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(binary.path("body").asText()).isEqualTo(java.util.Base64.getEncoder().encodeToString(bytes));
    }

    @Test
    void mapsStructuredResponses() throws Exception {
        HttpResponse<byte[]> response = send(request(server, "/structured").header("Origin", ALLOWED_ORIGIN));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(text(response)).isEqualTo("created GET");
        assertThat(response.headers().firstValue("content-type")).contains("text/plain");
        assertThat(response.headers().firstValue("x-request-id")).contains("r-1");
        assertThat(response.headers().allValues("x-multi")).containsExactly("a", "b");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("session=abc; HttpOnly", "theme=dark");
        assertThat(response.headers().firstValue("access-control-allow-origin")).contains(ALLOWED_ORIGIN);
        assertThat(response.headers().firstValue("access-control-expose-headers")).contains("x-request-id");
        assertThat(response.headers().firstValue("access-control-allow-credentials")).contains("true");
    }

    @Test
    void decodesBase64ResponsesAndDefaultsOtherOutputs() throws Exception {
        HttpResponse<byte[]> binary = send(request(server, "/binary"));
        assertThat(binary.statusCode()).isEqualTo(200);
        assertThat(binary.body()).hasSize(256);
        assertThat(binary.body()[255]).isEqualTo((byte) 255);
        assertThat(binary.headers().firstValue("content-type")).contains("application/octet-stream");

        HttpResponse<byte[]> string = send(request(server, "/string"));
        assertThat(string.statusCode()).isEqualTo(200);
        assertThat(text(string)).isEqualTo("hello from lambda");
        assertThat(string.headers().firstValue("content-type")).contains("application/json");
    }

    @Test
    void functionErrorsAndInvalidResponsesAreInternalServerErrors() throws Exception {
        for (String path : List.of("/throw", "/invalid")) {
            HttpResponse<byte[]> response = send(request(server, path));
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(text(response)).isEqualTo("{\"message\":\"Internal Server Error\"}");
        }
    }

    @Test
    void functionTimeoutIs500AndIntegrationTimeoutIs503() throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> functionTimeout = send(request(server, "/slow"));
        assertThat(functionTimeout.statusCode()).isEqualTo(500);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofMillis(4000));

        start = System.nanoTime();
        HttpResponse<byte[]> integrationTimeout = send(request(server, "/slow-integration"));
        assertThat(integrationTimeout.statusCode()).isEqualTo(503);
        assertThat(text(integrationTimeout)).isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofMillis(900));
    }

    @Test
    void refusesBodiesOverTenMegabytes() throws Exception {
        byte[] tooLarge = new byte[HttpApiServerOptions.MAX_BODY_BYTES + 1];
        HttpResponse<byte[]> response = send(request(server, "/echo").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tooLarge)));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(text(response)).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
    }

    @Test
    void lambdaAuthorizerAllowsDeniesAndFails() throws Exception {
        int calls = ApiTestHandlers.Authorizer.CALLS.get();
        HttpResponse<byte[]> missing = send(request(server, "/private"));
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(text(missing)).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(ApiTestHandlers.Authorizer.CALLS.get()).as("not called without identity").isEqualTo(calls);

        HttpResponse<byte[]> denied = send(request(server, "/private").header("Authorization", "Bearer deny"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(text(denied)).isEqualTo("{\"message\":\"Forbidden\"}");
        for (String broken : List.of("Bearer error", "Bearer invalid")) {
            HttpResponse<byte[]> failed = send(request(server, "/private").header("Authorization", broken));
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(text(failed)).isEqualTo("{\"message\":\"Internal Server Error\"}");
        }

        JsonNode event = echo(request(server, "/private?x=1").header("Authorization", "Bearer allow-user-1"));
        assertThat(event.path("requestContext").path("authorizer").path("lambda").path("sub").asText()).isEqualTo("user-1");
        assertThat(fieldNames(event.path("requestContext")).subList(0, 3)).containsExactly("accountId", "apiId", "authorizer");

        JsonNode authorizerEvent = ApiTestHandlers.Authorizer.lastEvent;
        assertThat(fieldNames(authorizerEvent)).containsExactly("version", "type", "routeArn", "identitySource",
                "routeKey", "rawPath", "rawQueryString", "headers", "queryStringParameters", "requestContext",
                "stageVariables");
        assertThat(authorizerEvent.path("type").asText()).isEqualTo("REQUEST");
        assertThat(authorizerEvent.path("routeArn").asText())
                .isEqualTo("arn:aws:execute-api:us-east-1:000000000000:api0000000/$default/GET/private");
        assertThat(authorizerEvent.path("identitySource").toString()).isEqualTo("[\"Bearer allow-user-1\"]");
        assertThat(authorizerEvent.path("requestContext").has("authorizer")).isFalse();
    }

    @Test
    void authorizerDecisionsAreCachedPerIdentityWhenConfigured() throws Exception {
        int calls = ApiTestHandlers.Authorizer.CALLS.get();
        JsonNode first = echo(request(server, "/cached").header("X-Api-Key", "allow-k1"));
        JsonNode second = echo(request(server, "/cached").header("X-Api-Key", "allow-k1"));
        assertThat(ApiTestHandlers.Authorizer.CALLS.get()).isEqualTo(calls + 1);
        assertThat(second.path("requestContext").path("authorizer"))
                .isEqualTo(first.path("requestContext").path("authorizer"));
        echo(request(server, "/cached").header("X-Api-Key", "allow-k2"));
        assertThat(ApiTestHandlers.Authorizer.CALLS.get()).isEqualTo(calls + 2);

        send(request(server, "/private").header("Authorization", "Bearer allow-a"));
        send(request(server, "/private").header("Authorization", "Bearer allow-a"));
        assertThat(ApiTestHandlers.Authorizer.CALLS.get()).as("no caching without ReauthorizeEvery").isEqualTo(calls + 4);
    }

    @Test
    void answersCorsPreflightsForAllowedOriginsOnly() throws Exception {
        HttpResponse<byte[]> preflight = send(request(server, "/echo").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ALLOWED_ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains(ALLOWED_ORIGIN);
        assertThat(preflight.headers().firstValue("access-control-allow-methods")).contains("GET,POST,DELETE");
        assertThat(preflight.headers().firstValue("access-control-allow-headers")).contains("authorization,content-type");
        assertThat(preflight.headers().firstValue("access-control-max-age")).contains("600");
        assertThat(preflight.headers().firstValue("access-control-allow-credentials")).contains("true");

        HttpResponse<byte[]> foreign = send(request(server, "/echo").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST"));
        assertThat(foreign.statusCode()).isEqualTo(204);
        assertThat(foreign.headers().map().keySet()).noneMatch(name -> name.startsWith("access-control-"));

        HttpResponse<byte[]> actual = send(request(server, "/structured").header("Origin", "https://evil.example"));
        assertThat(actual.statusCode()).isEqualTo(201);
        assertThat(actual.headers().map().keySet()).as("the function's own CORS header is dropped too")
                .noneMatch(name -> name.startsWith("access-control-"));
    }

    @Test
    void servesStaticFilesWithSinglePageAppFallback() throws Exception {
        try (HttpApiServer withFiles = HttpApiServer.start(host.template(), host, HttpApiServerOptions.onPort(0)
                .withStaticFiles(resource("httpapi/static")).withLog(QUIET))) {
            HttpResponse<byte[]> index = send(request(withFiles, "/"));
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(text(index)).contains("PyAirtable");
            assertThat(index.headers().firstValue("content-type")).contains("text/html; charset=utf-8");

            HttpResponse<byte[]> script = send(request(withFiles, "/assets/app.js"));
            assertThat(text(script)).contains("console.log");
            assertThat(script.headers().firstValue("content-type")).contains("text/javascript; charset=utf-8");

            assertThat(text(send(request(withFiles, "/bases/app123/tables")))).contains("PyAirtable");
            assertThat(send(request(withFiles, "/missing.png")).statusCode()).isEqualTo(404);
            assertThat(send(request(withFiles, "/assets/%2e%2e/%2e%2e/api.yaml")).statusCode()).isEqualTo(404);
            assertThat(echo(request(withFiles, "/echo/x")).path("routeKey").asText()).isEqualTo("GET /echo/{id}");
        }
    }
}
