package io.pyairtable.local.template;

/**
 * An {@code HttpApi} event: a route of an HTTP API invoking the function.
 *
 * @param name key under {@code Events}
 * @param apiLogicalId the API it belongs to ({@code ServerlessHttpApi} for SAM's implicit API)
 * @param method upper-case HTTP method or {@code ANY}; null for the {@code $default} route
 * @param path route path such as {@code /bases/{baseId}/{proxy+}}; null for the {@code $default} route
 * @param authorizer authorizer name, {@value #NO_AUTHORIZER} for an explicitly open route, or null for the API's
 *     default authorizer
 * @param payloadFormatVersion {@code 2.0} (the default) or {@code 1.0}
 * @param timeoutMillis integration timeout (API Gateway answers 503 past it)
 */
public record HttpApiEventSource(String name, String apiLogicalId, String method, String path, String authorizer,
        String payloadFormatVersion, int timeoutMillis) implements EventSource {
    public static final String NO_AUTHORIZER = "NONE";
    public static final String DEFAULT_ROUTE = "$default";

    public boolean isDefaultRoute() {
        return path == null;
    }

    /** API Gateway's route key: {@code GET /health}, {@code ANY /{proxy+}} or {@code $default}. */
    public String routeKey() {
        return isDefaultRoute() ? DEFAULT_ROUTE : method + " " + path;
    }
}
