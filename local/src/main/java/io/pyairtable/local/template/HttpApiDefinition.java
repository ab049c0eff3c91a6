package io.pyairtable.local.template;

import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::Serverless::HttpApi} (or SAM's implicit {@code ServerlessHttpApi}) with {@code Globals.HttpApi}
 * merged in. Routes are not here: they are the {@code HttpApi} events of the functions.
 *
 * @param implicit true for SAM's implicit API (functions' HttpApi events without ApiId)
 * @param cors null when CORS is not configured
 * @param defaultAuthorizer {@code Auth.DefaultAuthorizer}, or null
 */
public record HttpApiDefinition(String logicalId, String apiId, boolean implicit, CorsConfiguration cors,
        Map<String, AuthorizerDefinition> authorizers, String defaultAuthorizer, Map<String, String> stageVariables) {
    /** Logical id SAM gives the implicit HTTP API. */
    public static final String IMPLICIT_API_ID = "ServerlessHttpApi";

    public HttpApiDefinition {
        authorizers = Immutables.map(authorizers);
        stageVariables = Immutables.map(stageVariables);
    }

    public Optional<CorsConfiguration> corsConfiguration() {
        return Optional.ofNullable(cors);
    }
}
