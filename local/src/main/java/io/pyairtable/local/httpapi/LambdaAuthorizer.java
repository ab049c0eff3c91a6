package io.pyairtable.local.httpapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.lambda.FunctionInvoker;
import io.pyairtable.local.lambda.InvocationResult;
import io.pyairtable.local.template.AuthorizerDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A Lambda authorizer with simple responses (payload format 2.0): requests missing an identity source get 401 without
 * calling the function; {@code {"isAuthorized": false}} gives 403; an error, a timeout or a malformed response gives
 * 500; {@code {"isAuthorized": true, "context": {...}}} lets the request through with the context. With
 * {@code ReauthorizeEvery > 0} decisions are cached per identity for that many seconds.
 */
final class LambdaAuthorizer {
    /** API Gateway waits at most 10 seconds for an authorizer. */
    private static final long TIMEOUT_MILLIS = 10_000;

    private final AuthorizerDefinition definition;
    private final FunctionInvoker invoker;
    private final ObjectMapper json;
    private final PrintStream log;
    private final Map<List<String>, CachedDecision> cache = new ConcurrentHashMap<>();

    LambdaAuthorizer(AuthorizerDefinition definition, FunctionInvoker invoker, ObjectMapper json, PrintStream log) {
        this.definition = definition;
        this.invoker = invoker;
        this.json = json;
        this.log = log;
    }

    /** The outcome: allowed with a context, or denied with the status API Gateway answers (401, 403 or 500). */
    record Decision(Map<String, Object> context, int denialStatus) {
        static final Decision UNAUTHORIZED = new Decision(null, 401);
        static final Decision FORBIDDEN = new Decision(null, 403);
        static final Decision FAILED = new Decision(null, 500);

        boolean allowed() {
            return denialStatus == 0;
        }

        GatewayResponse denialResponse() {
            return switch (denialStatus) {
                case 401 -> GatewayResponse.unauthorized();
                case 403 -> GatewayResponse.forbidden();
                default -> GatewayResponse.internalError();
            };
        }
    }

    /**
     * Authorizes {@code request}; {@code eventFor} builds the authorizer event from the identity source values.
     */
    Decision authorize(IncomingRequest request, Function<List<String>, JsonNode> eventFor) {
        Optional<List<String>> identity = identity(request);
        if (identity.isEmpty()) {
            return Decision.UNAUTHORIZED;
        }
        boolean cacheable = definition.ttlSeconds() > 0;
        if (cacheable) {
            CachedDecision cached = cache.get(identity.get());
            if (cached != null && cached.expiresAtNanos - System.nanoTime() > 0) {
                return cached.decision;
            }
        }
        Decision decision = invoke(eventFor.apply(identity.get()));
        if (cacheable && decision.denialStatus() != Decision.FAILED.denialStatus()) {
            cache.put(identity.get(), new CachedDecision(decision,
                    System.nanoTime() + definition.ttlSeconds() * 1_000_000_000L));
        }
        return decision;
    }

    private Optional<List<String>> identity(IncomingRequest request) {
        List<String> values = new ArrayList<>();
        for (String header : definition.identityHeaders()) {
            Optional<String> value = request.header(header.toLowerCase(java.util.Locale.ROOT));
            if (value.isEmpty() || value.get().isEmpty()) {
                return Optional.empty();
            }
            values.add(value.get());
        }
        Map<String, String> query = ProxyEvents.queryParameters(request.rawQuery());
        for (String name : definition.identityQueryStrings()) {
            String value = query.get(name);
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            values.add(value);
        }
        return Optional.of(values);
    }

    private Decision invoke(JsonNode event) {
        InvocationResult result;
        try {
            result = invoker.invoke(definition.functionArn(), json.writeValueAsBytes(event), TIMEOUT_MILLIS);
        } catch (Exception e) {
            log.println("[HttpApi] authorizer " + definition.name() + " failed: " + e);
            return Decision.FAILED;
        }
        if (result.isError()) {
            log.println("[HttpApi] authorizer " + definition.name() + " raised " + result.payloadAsString());
            return Decision.FAILED;
        }
        JsonNode response;
        try {
            response = json.readTree(result.payload());
        } catch (IOException e) {
            response = null;
        }
        if (response == null || !response.path("isAuthorized").isBoolean()
                || !(response.path("context").isMissingNode() || response.path("context").isNull()
                        || response.path("context").isObject())) {
            log.println("[HttpApi] authorizer " + definition.name() + " returned an invalid simple response: "
                    + result.payloadAsString());
            return Decision.FAILED;
        }
        if (!response.get("isAuthorized").booleanValue()) {
            return Decision.FORBIDDEN;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> context = response.path("context").isObject()
                ? json.convertValue(response.get("context"), Map.class) : Map.of();
        return new Decision(context, 0);
    }

    private record CachedDecision(Decision decision, long expiresAtNanos) {
    }
}
