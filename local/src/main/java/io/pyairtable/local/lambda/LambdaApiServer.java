package io.pyairtable.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pyairtable.local.template.FunctionDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's {@code Invoke} API (REST-JSON, {@code POST /2015-03-31/functions/{FunctionName}/invocations}) over the
 * local {@link LambdaHost}, so the SDKs' Lambda clients and {@code aws lambda invoke} work against the local AWS
 * endpoint. {@code X-Amz-Invocation-Type}: {@code RequestResponse} (default; 200 with the function's response, or its
 * error payload and {@code X-Amz-Function-Error: Unhandled}), {@code Event} (202; retries and destinations as
 * {@link AsyncInvocations}) or {@code DryRun} (204). The function is named by function name, ARN or partial ARN (or
 * its template logical id); only the {@code $LATEST} qualifier exists locally. Errors as Lambda gives them:
 * {@code ResourceNotFoundException} (404), {@code InvalidRequestContentException} (400),
 * {@code RequestTooLargeException} (413). Not emulated: {@code X-Amz-Log-Type: Tail} (no log tail is returned),
 * client context, every other Lambda API.
 */
public final class LambdaApiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");
    private static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
    private static final int MAX_ASYNC_PAYLOAD = 1024 * 1024;

    private volatile LambdaHost host;
    private volatile AsyncInvocations async;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lambda-api");
        t.setDaemon(true);
        return t;
    });

    private LambdaApiServer(String bindHost, int port) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(bindHost, port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /**
     * Listens on {@code bindHost:port} (0 = a free port); calls are answered 503 until {@link #serve} names the host
     * (the host's functions need the AWS endpoint's URL, and the endpoint needs this server's port).
     */
    public static LambdaApiServer start(String bindHost, int port) {
        try {
            return new LambdaApiServer(bindHost, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindHost + ":" + port, e);
        }
    }

    /** Starts serving the functions of {@code host}; {@code async} runs the {@code Event} invocations. */
    public void serve(LambdaHost host, AsyncInvocations async) {
        this.async = async;
        this.host = host;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = UUID.randomUUID().toString();
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            if (!invoke.matches() || !exchange.getRequestMethod().equals("POST")) {
                error(exchange, 404, "UnknownOperationException", "the local Lambda API has only Invoke "
                        + "(POST /2015-03-31/functions/{FunctionName}/invocations), not " + exchange.getRequestMethod()
                        + " " + exchange.getRequestURI().getRawPath());
                return;
            }
            LambdaHost host = this.host;
            if (host == null) {
                error(exchange, 503, "ServiceException", "the local Lambda host is starting");
                return;
            }
            String reference = URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8);
            String qualifier = qualifier(exchange.getRequestURI().getRawQuery());
            FunctionDefinition function = find(host, reference, qualifier);
            if (function == null) {
                error(exchange, 404, "ResourceNotFoundException", "Function not found: "
                        + (reference.startsWith("arn:") ? reference : host.template().names().functionArn(reference))
                        + (qualifier == null ? "" : ":" + qualifier));
                return;
            }
            String type = header(exchange, "X-Amz-Invocation-Type", "RequestResponse");
            byte[] payload;
            try (InputStream in = exchange.getRequestBody()) {
                payload = in.readNBytes(MAX_SYNC_PAYLOAD + 1);
            }
            int limit = type.equals("Event") ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
            if (payload.length > limit) {
                error(exchange, 413, "RequestTooLargeException", "Request must be smaller than " + limit
                        + " bytes for the " + type + " invocation type");
                return;
            }
            if (payload.length == 0) {
                payload = "{}".getBytes(StandardCharsets.UTF_8);
            }
            try {
                JSON.readTree(payload);
            } catch (IOException notJson) {
                error(exchange, 400, "InvalidRequestContentException", "Could not parse request body into json");
                return;
            }
            exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
            switch (type) {
                case "RequestResponse" -> {
                    InvocationResult result = host.invokeAsync(function.logicalId(), payload).join();
                    if (result.isError()) {
                        exchange.getResponseHeaders().set("X-Amz-Function-Error", result.functionError());
                    }
                    send(exchange, 200, result.payload());
                }
                case "Event" -> {
                    async.invoke(function.logicalId(), payload);
                    send(exchange, 202, new byte[0]);
                }
                case "DryRun" -> send(exchange, 204, null);
                default -> error(exchange, 400, "InvalidParameterValueException",
                        "Unsupported invocation type " + type + " (RequestResponse, Event or DryRun)");
            }
        } catch (RuntimeException e) {
            error(exchange, 500, "ServiceException", "the local Lambda API failed: " + e);
        }
    }

    private static FunctionDefinition find(LambdaHost host, String reference, String qualifier) {
        if (qualifier != null && !qualifier.equals("$LATEST")) {
            return null; // no versions or aliases locally
        }
        String[] parts = reference.split(":");
        String name = reference;
        if (reference.startsWith("arn:")) {
            if (parts.length == 8 && !parts[7].equals("$LATEST")) {
                return null;
            }
        } else if (parts.length >= 3 && parts[1].equals("function")) { // partial ARN: account:function:name
            name = parts[2];
        } else if (parts.length == 2) { // name:qualifier
            if (!parts[1].equals("$LATEST")) {
                return null;
            }
            name = parts[0];
        }
        return host.template().findFunction(name).orElse(null);
    }

    private static String qualifier(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("Qualifier=")) {
                return URLDecoder.decode(pair.substring("Qualifier=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String header(HttpExchange exchange, String name, String defaultValue) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        byte[] body = JSON.createObjectNode().put("Type", status >= 500 ? "Service" : "User").put("message", message)
                .toString().getBytes(StandardCharsets.UTF_8);
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
