package io.pyairtable.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP plumbing: reads the request (enforcing the body size limit), lets the {@link Router}
 * answer it, turns {@link ApiException}s into Airtable error bodies and anything unexpected into a
 * logged 500, closes the connection unanswered for a {@link Fault.Kind#DROP_AFTER_APPLY} fault, and
 * counts answered requests and 429s.
 */
final class SandboxHttpHandler implements HttpHandler {

    /** Airtable's limit for API request bodies. */
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;
    /** uploadAttachment carries up to 5 MB as base64 (4/3 larger) plus JSON. */
    static final int MAX_UPLOAD_BODY_BYTES = 8 * 1024 * 1024;

    /** Oversized bodies are read and dropped up to this size before answering 413. */
    private static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;

    private final Router router;
    private final AtomicLong requestsServed = new AtomicLong();
    private final AtomicLong rateLimitedResponses = new AtomicLong();

    SandboxHttpHandler(Router router) {
        this.router = router;
    }

    long requestsServed() {
        return requestsServed.get();
    }

    long rateLimitedResponses() {
        return rateLimitedResponses.get();
    }

    void resetCounters() {
        requestsServed.set(0);
        rateLimitedResponses.set(0);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ApiResponse response;
            try {
                response = respond(exchange);
            } catch (FaultInjector.DroppedConnection dropped) {
                return; // closing the exchange before sending headers closes the connection: no response byte
            }
            if (response.status() == 429) {
                rateLimitedResponses.incrementAndGet();
            }
            requestsServed.incrementAndGet();
            boolean noBody = exchange.getRequestMethod().equalsIgnoreCase("HEAD") || response.status() == 204;
            if (response.status() != 204) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    private ApiResponse respond(HttpExchange exchange) {
        try {
            return router.route(read(exchange));
        } catch (ApiException error) {
            return ApiResponse.json(error.status(), error.body());
        } catch (FaultInjector.DroppedConnection dropped) {
            throw dropped;
        } catch (RuntimeException | IOException unexpected) {
            System.err.println(Instant.now() + " airtable-sandbox: unexpected error on "
                    + exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": " + unexpected);
            unexpected.printStackTrace(System.err);
            ApiException error = AirtableErrors.serverError();
            return ApiResponse.json(error.status(), error.body());
        }
    }

    private static ApiRequest read(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        int limit = rawPath.endsWith("/uploadAttachment") ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                drain(in);
                throw AirtableErrors.requestTooLarge(limit);
            }
        }
        return new ApiRequest(exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT),
                rawPath,
                ApiRequest.pathSegments(rawPath),
                QueryParameters.parse(exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders().getFirst("Authorization"),
                body);
    }

    /**
     * Reads (and drops) the rest of an oversized body, up to a cap, so that the client finishes
     * sending and receives the 413 instead of a connection reset.
     */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long remaining = MAX_DRAIN_BYTES;
        int read;
        while (remaining > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining))) > 0) {
            remaining -= read;
        }
    }
}
