package io.pyairtable.local.httpapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pyairtable.local.lambda.FunctionInvoker;
import io.pyairtable.local.lambda.InvocationResult;
import io.pyairtable.local.metrics.LocalMetrics;
import io.pyairtable.local.template.HttpApiDefinition;
import io.pyairtable.local.template.HttpApiEventSource;
import io.pyairtable.local.template.LocalTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves one HTTP API of the template the way API Gateway does, on the JDK's HTTP server. Per request: body limit
 * (413), CORS preflight, route selection (404), Lambda authorizer (401/403/500), the 2.0 event, the function through
 * the {@link FunctionInvoker} within the route's integration timeout (503), and the response mapping (500 on a
 * function error or an invalid response). GET requests no route claims go to the static files, when configured.
 * {@code GET /_local/metrics} answers the functions' metrics ({@link LocalMetrics}) before any route: local only.
 */
public final class HttpApiServer implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The JDK server writes response headers and body separately; with Nagle's algorithm on, the body waits for the
     * client's delayed ACK (~40 ms per request). The JDK reads this switch once, when its first HTTP server starts, so
     * the local cloud's main should set it first thing; setting it here covers the case where this server is first.
     */
    static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
    /** The local cloud's metrics (docs/observability.md); not part of the template or of API Gateway. */
    public static final String METRICS_PATH = "/_local/metrics";

    static {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    private final HttpApiDefinition api;
    private final RouteTable routes;
    private final FunctionInvoker invoker;
    private final HttpApiServerOptions options;
    private final ObjectMapper json = new ObjectMapper();
    private final ProxyEvents events;
    private final ProxyResponses responses;
    private final CorsPolicy cors;
    private final StaticFiles staticFiles;
    private final Map<String, LambdaAuthorizer> authorizers = new LinkedHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor;

    private HttpApiServer(LocalTemplate template, FunctionInvoker invoker, HttpApiServerOptions options) throws IOException {
        this.api = selectApi(template, options.apiLogicalId());
        this.routes = new RouteTable(api.logicalId(), template.functions().values());
        this.invoker = invoker;
        this.options = options;
        this.events = new ProxyEvents(json, api);
        this.responses = new ProxyResponses(json);
        this.cors = api.cors() == null ? null : new CorsPolicy(api.cors());
        this.staticFiles = options.staticFiles() == null ? null : new StaticFiles(options.staticFiles());
        api.authorizers().forEach((name, definition) ->
                authorizers.put(name, new LambdaAuthorizer(definition, invoker, json, options.log())));
        this.server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "http-api-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts serving; the port is bound when this returns. */
    public static HttpApiServer start(LocalTemplate template, FunctionInvoker invoker, HttpApiServerOptions options) {
        try {
            return new HttpApiServer(template, invoker, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port(), e);
        }
    }

    private static HttpApiDefinition selectApi(LocalTemplate template, String logicalId) {
        if (logicalId != null) {
            HttpApiDefinition api = template.httpApis().get(logicalId);
            if (api == null) {
                throw new IllegalArgumentException("the template has no HTTP API " + logicalId + "; it has "
                        + template.httpApis().keySet());
            }
            return api;
        }
        if (template.httpApis().size() != 1) {
            throw new IllegalArgumentException("the template has " + template.httpApis().size()
                    + " HTTP APIs " + template.httpApis().keySet() + "; choose one with HttpApiServerOptions.withApi");
        }
        return template.httpApis().values().iterator().next();
    }

    public URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The API being served. */
    public HttpApiDefinition api() {
        return api;
    }

    /** Number of routes, including {@code $default}. */
    public int routeCount() {
        return routes.size();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = newRequestId();
            Instant received = Instant.now();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(HttpApiServerOptions.MAX_BODY_BYTES + 1);
            }
            IncomingRequest request = request(exchange, body);
            GatewayResponse response;
            if (body.length > HttpApiServerOptions.MAX_BODY_BYTES) {
                response = GatewayResponse.tooLarge();
            } else {
                response = handle(request, requestId, received);
            }
            if (cors != null && !CorsPolicy.isPreflight(request)) {
                cors.decorate(request, response);
            }
            response.header("apigw-requestid", requestId);
            write(exchange, request, response);
        } catch (RuntimeException unexpected) {
            options.log().println("[HttpApi] " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + " failed in the gateway: " + unexpected);
            throw unexpected;
        }
    }

    private GatewayResponse handle(IncomingRequest request, String requestId, Instant received) throws IOException {
        if (cors != null && CorsPolicy.isPreflight(request)) {
            return cors.preflight(request);
        }
        if (options.metrics() != null && request.rawPath().equals(METRICS_PATH) && request.method().equals("GET")) {
            return new GatewayResponse(200, json.writeValueAsBytes(options.metrics().snapshot()))
                    .header("content-type", "application/json").header("cache-control", "no-store");
        }
        Optional<RouteTable.RouteMatch> match = routes.match(request.method(), request.rawPath());
        if (match.isEmpty() || (match.get().route().isDefault() && isStaticRequest(request))) {
            if (isStaticRequest(request)) {
                GatewayResponse file = staticFiles.serve(request.rawPath());
                if (file != null) {
                    return file;
                }
            }
            if (match.isEmpty()) {
                return GatewayResponse.notFound();
            }
        }
        Route route = match.get().route();
        Map<String, String> pathParameters = match.get().pathParameters();
        Map<String, Object> authorizerContext = null;
        LambdaAuthorizer authorizer = authorizerOf(route.event());
        if (authorizer != null) {
            LambdaAuthorizer.Decision decision = authorizer.authorize(request, identity -> events.authorizerEvent(
                    request, requestId, received, route.routeKey(), pathParameters, identity));
            if (!decision.allowed()) {
                return decision.denialResponse();
            }
            authorizerContext = decision.context();
        }
        byte[] event = json.writeValueAsBytes(events.functionEvent(request, requestId, received, route.routeKey(),
                pathParameters, authorizerContext));
        return invoke(route, event);
    }

    private boolean isStaticRequest(IncomingRequest request) {
        return staticFiles != null && (request.method().equals("GET") || request.method().equals("HEAD"))
                && !routes.claimsPath(request.rawPath());
    }

    private LambdaAuthorizer authorizerOf(HttpApiEventSource event) {
        String name = event.authorizer() != null ? event.authorizer() : api.defaultAuthorizer();
        if (name == null || name.equals(HttpApiEventSource.NO_AUTHORIZER)) {
            return null;
        }
        return authorizers.get(name);
    }

    private GatewayResponse invoke(Route route, byte[] event) {
        InvocationResult result;
        try {
            result = invoker.invoke(route.function().logicalId(), event, route.event().timeoutMillis());
        } catch (TimeoutException e) {
            options.log().println("[HttpApi] " + route.routeKey() + ": integration timed out after "
                    + route.event().timeoutMillis() + " ms");
            return GatewayResponse.serviceUnavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GatewayResponse.internalError();
        } catch (Exception e) {
            options.log().println("[HttpApi] " + route.routeKey() + ": invocation failed: " + e);
            return GatewayResponse.internalError();
        }
        if (result.isError()) {
            options.log().println("[HttpApi] " + route.routeKey() + ": " + route.function().logicalId()
                    + " failed: " + result.payloadAsString());
            return GatewayResponse.internalError();
        }
        GatewayResponse response = responses.toHttp(result.payload());
        if (response == null) {
            options.log().println("[HttpApi] " + route.routeKey() + ": " + route.function().logicalId()
                    + " returned an invalid response: " + result.payloadAsString());
            return GatewayResponse.internalError();
        }
        return response;
    }

    private static IncomingRequest request(HttpExchange exchange, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        int localPort = exchange.getLocalAddress().getPort();
        headers.putIfAbsent("x-forwarded-for", List.of(sourceIp));
        headers.putIfAbsent("x-forwarded-port", List.of(String.valueOf(localPort)));
        headers.putIfAbsent("x-forwarded-proto", List.of("http"));
        headers.putIfAbsent("x-amzn-trace-id", List.of(traceId()));
        URI uri = exchange.getRequestURI();
        String rawPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new IncomingRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), rawPath,
                uri.getRawQuery() == null ? "" : uri.getRawQuery(), headers, body,
                sourceIp, exchange.getProtocol(), localPort);
    }

    private static void write(HttpExchange exchange, IncomingRequest request, GatewayResponse response)
            throws IOException {
        response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        boolean noBody = request.method().equals("HEAD") || response.status() == 204 || response.status() == 304;
        if (noBody) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** API Gateway request ids look like {@code JkLmNoPqIAMEbcd=}. */
    private static String newRequestId() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).replace('+', 'A').replace('/', 'B');
    }

    private static String traceId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(bytes);
    }

    /** Stops listening; requests in flight are cut off. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
