package io.pyairtable.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.local.aws.HttpWire.Head;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An HTTP endpoint serving AWS JSON-protocol services, routed by {@code X-Amz-Target}. Any SDK client pointed at
 * {@link #url()} (endpoint override, or {@code AWS_ENDPOINT_URL}) reaches the service it targets. Signatures are not
 * verified: this runs on loopback for one developer.
 *
 * <p>HTTP/1.1 on plain sockets ({@link HttpWire}), one thread per connection that reads a request, runs the call and
 * writes the answer in one write, then waits for the connection's next request. SDKs keep their connections, so a
 * call is one wake-up of that thread: no selector thread handing each request to a pool thread (the JDK
 * {@code HttpServer} this replaced cost two hand-offs per call, ~0.1–0.3 ms on a 2-core machine).
 */
public final class AwsEndpoint implements AutoCloseable {
    /** Request bodies above this size are refused (DynamoDB's own limit for a request is 16 MB). */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    /** A connection with no request for this long is closed. */
    private static final int IDLE_MILLIS = 120_000;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, AwsJsonService> byTargetPrefix = new LinkedHashMap<>();
    private final ConnectionServer server;

    private AwsEndpoint(String host, int port, List<AwsJsonService> services) throws IOException {
        for (AwsJsonService service : services) {
            byTargetPrefix.put(service.targetPrefix(), service);
        }
        server = new ConnectionServer(host, port, "aws-endpoint", this::serve);
    }

    /** Starts serving {@code services} on {@code host:port} (port 0 = any free port). */
    public static AwsEndpoint start(String host, int port, List<AwsJsonService> services) {
        try {
            return new AwsEndpoint(host, port, services);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    public URI url() {
        return URI.create("http://" + server.address().getHostAddress() + ":" + server.port());
    }

    /** One connection: its requests one after the other, until the client closes it or asks to. */
    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(IDLE_MILLIS);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            while (true) {
                Head request = Head.read(in);
                if (request == null) {
                    return;
                }
                boolean keepAlive = request.keepAlive();
                Response response;
                byte[] body = null;
                try {
                    body = body(request, in, out);
                } catch (HttpWire.BodyTooLargeException tooLarge) {
                    keepAlive = false;
                }
                if (body == null) {
                    keepAlive = false; // the body was not read: the connection cannot carry another request
                    response = error(UUID.randomUUID().toString(), "application/x-amz-json-1.1", new AwsServiceException(413,
                            "RequestEntityTooLargeException", "request body over " + MAX_BODY_BYTES + " bytes"));
                } else {
                    response = respond(request.method(), request.header("x-amz-target"), body);
                }
                write(out, response, keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client hung up or did not speak HTTP/1.1; nothing to answer
        }
    }

    /** The request body, or null when it is over the limit (then not read). */
    private static byte[] body(Head request, InputStream in, OutputStream out) throws IOException {
        boolean chunked = request.isChunked();
        long length = chunked ? 0 : request.contentLength();
        if (length > MAX_BODY_BYTES) {
            return null;
        }
        if (request.expectsContinue()) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        return chunked ? HttpWire.readChunked(in, MAX_BODY_BYTES) : HttpWire.readExactly(in, (int) length);
    }

    /** A call's answer: status, content type, body, and the error type for errors. */
    private record Response(int status, String contentType, String requestId, String errorType, byte[] body) {
    }

    private Response respond(String method, String target, byte[] body) {
        String requestId = UUID.randomUUID().toString();
        if (!"POST".equals(method) || target == null || target.indexOf('.') < 0) {
            return error(requestId, "application/x-amz-json-1.1", new AwsServiceException(400,
                    "UnknownOperationException", "expected a POST with an X-Amz-Target header"));
        }
        int dot = target.lastIndexOf('.');
        AwsJsonService service = byTargetPrefix.get(target.substring(0, dot));
        if (service == null) {
            return error(requestId, "application/x-amz-json-1.1", new AwsServiceException(400,
                    "UnknownOperationException", "no local service for X-Amz-Target " + target));
        }
        JsonNode input;
        try {
            input = parse(body);
        } catch (AwsServiceException bad) {
            return error(requestId, service.contentType(), bad);
        }
        try {
            JsonNode output = service.handle(target.substring(dot + 1), input);
            return new Response(200, service.contentType(), requestId, null,
                    JSON.writeValueAsBytes(output == null ? JSON.createObjectNode() : output));
        } catch (AwsServiceException e) {
            return error(requestId, service.contentType(), e);
        } catch (IOException | RuntimeException | Error unexpected) {
            System.err.println("[" + service.signingName() + "] " + target + " failed: " + unexpected);
            unexpected.printStackTrace();
            return error(requestId, service.contentType(), new AwsServiceException(500, "InternalFailure",
                    "internal error in the local " + service.signingName() + " service (request " + requestId + ")"));
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw AwsServiceException.badRequest("SerializationException", "request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw AwsServiceException.badRequest("SerializationException", "request body is not valid JSON");
        }
    }

    private static Response error(String requestId, String contentType, AwsServiceException e) {
        ObjectNode body = JSON.createObjectNode();
        if (e.extraFields() != null) {
            body.setAll(e.extraFields());
        }
        body.put("__type", e.type()).put("message", e.getMessage());
        try {
            return new Response(e.status(), contentType, requestId, e.type(), JSON.writeValueAsBytes(body));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** Head and body in one write. */
    private static void write(OutputStream out, Response response, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status())).append("\r\n")
                .append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n")
                .append("Content-Type: ").append(response.contentType()).append("\r\n")
                .append("x-amzn-RequestId: ").append(response.requestId()).append("\r\n");
        if (response.errorType() != null) {
            head.append("x-amzn-ErrorType: ").append(response.errorType()).append("\r\n");
        }
        head.append("Content-Length: ").append(response.body().length).append("\r\n");
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(response.body());
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }

    @Override
    public void close() {
        server.close();
    }
}
