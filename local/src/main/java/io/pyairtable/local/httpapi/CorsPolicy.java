package io.pyairtable.local.httpapi;

import io.pyairtable.local.template.CorsConfiguration;
import java.util.Locale;

/**
 * An HTTP API's CORS behaviour: API Gateway answers preflight requests itself and puts the configured headers on
 * every response to an allowed origin, replacing any CORS headers the function returned; a request from an origin
 * that is not allowed gets no CORS headers at all.
 */
final class CorsPolicy {
    private final CorsConfiguration configuration;

    CorsPolicy(CorsConfiguration configuration) {
        this.configuration = configuration;
    }

    /** A preflight: OPTIONS with Origin and Access-Control-Request-Method. */
    static boolean isPreflight(IncomingRequest request) {
        return request.method().equals("OPTIONS") && request.header("origin").isPresent()
                && request.header("access-control-request-method").isPresent();
    }

    GatewayResponse preflight(IncomingRequest request) {
        GatewayResponse response = new GatewayResponse(204, new byte[0]);
        String origin = request.header("origin").orElse("");
        if (!allows(origin)) {
            return response;
        }
        response.header("access-control-allow-origin", allowOriginValue(origin));
        if (!configuration.allowMethods().isEmpty()) {
            response.header("access-control-allow-methods", String.join(",", configuration.allowMethods()));
        }
        if (!configuration.allowHeaders().isEmpty()) {
            String requested = request.header("access-control-request-headers").orElse("");
            response.header("access-control-allow-headers", configuration.allowHeaders().contains("*") && !requested.isEmpty()
                    ? requested : String.join(",", configuration.allowHeaders()));
        }
        if (configuration.maxAge() != null) {
            response.header("access-control-max-age", String.valueOf(configuration.maxAge()));
        }
        if (configuration.allowCredentials()) {
            response.header("access-control-allow-credentials", "true");
        }
        return response;
    }

    void decorate(IncomingRequest request, GatewayResponse response) {
        response.removeHeadersStartingWith("access-control-");
        String origin = request.header("origin").orElse(null);
        if (origin == null || !allows(origin)) {
            return;
        }
        response.header("access-control-allow-origin", allowOriginValue(origin));
        if (!configuration.exposeHeaders().isEmpty()) {
            response.header("access-control-expose-headers", String.join(",", configuration.exposeHeaders()));
        }
        if (configuration.allowCredentials()) {
            response.header("access-control-allow-credentials", "true");
        }
        if (!configuration.allowOrigins().contains("*")) {
            response.header("vary", "Origin");
        }
    }

    private boolean allows(String origin) {
        for (String allowed : configuration.allowOrigins()) {
            if (allowed.equals("*") || allowed.equalsIgnoreCase(origin) || wildcardMatches(allowed, origin)) {
                return true;
            }
        }
        return false;
    }

    /** API Gateway allows one wildcard in an origin, e.g. {@code https://*.example.com}. */
    private static boolean wildcardMatches(String allowed, String origin) {
        int star = allowed.indexOf('*');
        if (star < 0) {
            return false;
        }
        String prefix = allowed.substring(0, star).toLowerCase(Locale.ROOT);
        String suffix = allowed.substring(star + 1).toLowerCase(Locale.ROOT);
        String candidate = origin.toLowerCase(Locale.ROOT);
        return candidate.length() >= prefix.length() + suffix.length() && candidate.startsWith(prefix)
                && candidate.endsWith(suffix);
    }

    private String allowOriginValue(String origin) {
        return configuration.allowOrigins().contains("*") ? "*" : origin;
    }
}
