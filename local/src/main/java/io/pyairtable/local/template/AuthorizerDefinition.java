package io.pyairtable.local.template;

import java.util.List;

/**
 * A Lambda authorizer of an HTTP API ({@code Auth.Authorizers.<name>}); only payload format 2.0 with simple responses
 * ({@code {"isAuthorized": ..., "context": {...}}}) is supported.
 *
 * @param functionArn {@code FunctionArn}, resolved to the local function ARN
 * @param identityHeaders {@code Identity.Headers}: requests lacking any of them get 401 without calling the authorizer
 * @param identityQueryStrings {@code Identity.QueryStrings}, same rule
 * @param ttlSeconds {@code Identity.ReauthorizeEvery}; 0 = no caching
 */
public record AuthorizerDefinition(String name, String functionArn, String payloadFormatVersion, boolean simpleResponses,
        List<String> identityHeaders, List<String> identityQueryStrings, int ttlSeconds) {
    public AuthorizerDefinition {
        identityHeaders = List.copyOf(identityHeaders);
        identityQueryStrings = List.copyOf(identityQueryStrings);
    }
}
