package io.pyairtable.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs an accepted API request through the {@link Faults}: asks them which rule (if any) fires
 * and carries out its {@link Fault.Kind}. Sleeps hold no lock: the rule lookup is over before the
 * wait starts and the workspace lock is only taken inside the request's action.
 */
final class FaultInjector {

    /** The body a proxy (nginx, CloudFront) sends with a 502. */
    static final String BAD_GATEWAY_BODY = """
            <html>
            <head><title>502 Bad Gateway</title></head>
            <body>
            <center><h1>502 Bad Gateway</h1></center>
            </body>
            </html>
            """;

    /** Thrown after a {@link Fault.Kind#DROP_AFTER_APPLY} request was applied: close without answering. */
    static final class DroppedConnection extends RuntimeException {

        private static final long serialVersionUID = 1L;

        DroppedConnection() {
            super("connection dropped by an injected fault", null, false, false);
        }
    }

    private final Faults faults;

    FaultInjector(Faults faults) {
        this.faults = faults;
    }

    /**
     * Handles a request that passed authentication, permission checks and the rate limiter.
     *
     * @param action applies the request and returns its real response (or throws {@link ApiException})
     * @throws DroppedConnection for {@link Fault.Kind#DROP_AFTER_APPLY}, after applying
     */
    ApiResponse handle(ApiRequest request, Supplier<ApiResponse> action) {
        FaultHandle rule = faults.fire(request.method(), request.rawPath());
        if (rule == null) {
            return action.get();
        }
        Fault fault = rule.fault();
        switch (fault.kind()) {
            case SERVER_ERROR:
                return serverError();
            case BAD_GATEWAY:
                return new ApiResponse(502, "text/html", BAD_GATEWAY_BODY.getBytes(StandardCharsets.UTF_8));
            case RATE_LIMITED:
                return respond(AirtableErrors.rateLimited());
            case DELAY:
                if (!sleep(fault.delay())) {
                    return serverError(); // the sandbox is closing: do not apply any more
                }
                return action.get();
            case SERVER_ERROR_AFTER_APPLY:
                applyIgnoringResponse(action);
                return serverError();
            case DELAY_AFTER_APPLY:
                ApiResponse response = apply(action);
                sleep(fault.delay());
                return response;
            case DROP_AFTER_APPLY:
                applyIgnoringResponse(action);
                throw new DroppedConnection();
            default:
                throw new IllegalStateException("unknown fault kind " + fault.kind());
        }
    }

    /** Airtable's 500 body; the same whether or not the request was applied, as with Airtable. */
    static ApiResponse serverError() {
        return respond(AirtableErrors.typed(500, "SERVER_ERROR",
                "Internal server error (injected by the Airtable sandbox)"));
    }

    private static ApiResponse apply(Supplier<ApiResponse> action) {
        try {
            return action.get();
        } catch (ApiException error) {
            return respond(error);
        }
    }

    private static void applyIgnoringResponse(Supplier<ApiResponse> action) {
        apply(action);
    }

    private static ApiResponse respond(ApiException error) {
        return ApiResponse.json(error.status(), error.body());
    }

    /** Waits; false if interrupted (the sandbox is closing), with the interrupt flag kept. */
    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
            return true;
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
