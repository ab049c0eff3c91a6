package io.pyairtable.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP endpoint serving AWS JSON-protocol services, routed by {@code X-Amz-Target}. Any SDK client pointed at
 * {@link #url()} (endpoint override, or {@code AWS_ENDPOINT_URL}) reaches the service it targets. Signatures are not
 * verified: this runs on loopback for one developer.
 */
public final class AwsEndpoint implements AutoCloseable {
    /** Request bodies above this size are refused (DynamoDB's own limit for a request is 16 MB). */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, AwsJsonService> byTargetPrefix = new LinkedHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor;

    private AwsEndpoint(String host, int port, List<AwsJsonService> services) throws IOException {
        for (AwsJsonService service : services) {
            byTargetPrefix.put(service.targetPrefix(), service);
        }
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "aws-endpoint");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts serving {@code services} on {@code host:port} (port 0 = any free port). */
    public static AwsEndpoint start(String host, int port, List<AwsJsonService> services) {
        try {
            return new AwsEndpoint(host, port, services);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    public URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || target == null || target.indexOf('.') < 0) {
                respondError(exchange, requestId, "application/x-amz-json-1.1", new AwsServiceException(400,
                        "UnknownOperationException", "expected a POST with an X-Amz-Target header"));
                return;
            }
            int dot = target.lastIndexOf('.');
            AwsJsonService service = byTargetPrefix.get(target.substring(0, dot));
            if (service == null) {
                respondError(exchange, requestId, "application/x-amz-json-1.1", new AwsServiceException(400,
                        "UnknownOperationException", "no local service for X-Amz-Target " + target));
                return;
            }
            JsonNode input;
            try {
                input = readBody(exchange);
            } catch (AwsServiceException bad) {
                respondError(exchange, requestId, service.contentType(), bad);
                return;
            }
            try {
                JsonNode output = service.handle(target.substring(dot + 1), input);
                respond(exchange, requestId, service.contentType(), 200,
                        JSON.writeValueAsBytes(output == null ? JSON.createObjectNode() : output), null);
            } catch (AwsServiceException e) {
                respondError(exchange, requestId, service.contentType(), e);
            } catch (RuntimeException | Error unexpected) {
                System.err.println("[" + service.signingName() + "] " + target + " failed: " + unexpected);
                unexpected.printStackTrace();
                respondError(exchange, requestId, service.contentType(),
                        new AwsServiceException(500, "InternalFailure", "internal error in the local " + service.signingName()
                                + " service (request " + requestId + ")"));
            }
        }
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new AwsServiceException(413, "RequestEntityTooLargeException", "request body over " + MAX_BODY_BYTES + " bytes");
        }
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw AwsServiceException.badRequest("SerializationException", "request body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw AwsServiceException.badRequest("SerializationException", "request body is not valid JSON");
        }
    }

    private static void respondError(HttpExchange exchange, String requestId, String contentType, AwsServiceException e)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        if (e.extraFields() != null) {
            body.setAll(e.extraFields());
        }
        body.put("__type", e.type()).put("message", e.getMessage());
        respond(exchange, requestId, contentType, e.status(), JSON.writeValueAsBytes(body), e.type());
    }

    private static void respond(HttpExchange exchange, String requestId, String contentType, int status, byte[] body,
            String errorType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
