package io.pyairtable.local.template;

import java.util.List;

/**
 * An HTTP API's {@code CorsConfiguration}. {@code CorsConfiguration: true} means any origin ({@code *}).
 *
 * @param maxAge seconds, or null when not set
 */
public record CorsConfiguration(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
        List<String> exposeHeaders, Integer maxAge, boolean allowCredentials) {
    public CorsConfiguration {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    static CorsConfiguration allowAll() {
        return new CorsConfiguration(List.of("*"), List.of("*"), List.of("*"), List.of(), null, false);
    }
}
