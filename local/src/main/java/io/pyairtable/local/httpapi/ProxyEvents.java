package io.pyairtable.local.httpapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.local.template.HttpApiDefinition;
import io.pyairtable.local.template.LocalNames;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the payload format 2.0 events API Gateway sends to functions and to Lambda authorizers, field for field
 * (names, order, omissions) as documented for HTTP APIs: headers lower-cased with repeated values comma-joined, the
 * {@code cookie} header moved to {@code cookies}, repeated query keys comma-joined, bodies base64-encoded unless the
 * content type is text.
 */
final class ProxyEvents {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final ObjectMapper json;
    private final HttpApiDefinition api;

    ProxyEvents(ObjectMapper json, HttpApiDefinition api) {
        this.json = json;
        this.api = api;
    }

    /** The event for the route's function; {@code authorizerContext} is null for routes without an authorizer. */
    ObjectNode functionEvent(IncomingRequest request, String requestId, Instant received, String routeKey,
            Map<String, String> pathParameters, Map<String, Object> authorizerContext) {
        ObjectNode event = json.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());
        putRequestParts(event, request);
        event.set("requestContext", requestContext(request, requestId, received, routeKey, authorizerContext));
        boolean binary = false;
        if (request.body().length > 0) {
            binary = !isText(request.header("content-type").orElse(null));
            event.put("body", binary ? Base64.getEncoder().encodeToString(request.body())
                    : new String(request.body(), StandardCharsets.UTF_8));
        }
        putPathParameters(event, pathParameters);
        event.put("isBase64Encoded", binary);
        putStageVariables(event);
        return event;
    }

    /** The REQUEST event of a Lambda authorizer (payload format 2.0). */
    ObjectNode authorizerEvent(IncomingRequest request, String requestId, Instant received, String routeKey,
            Map<String, String> pathParameters, List<String> identitySource) {
        ObjectNode event = json.createObjectNode();
        event.put("version", "2.0");
        event.put("type", "REQUEST");
        String routePath = routeKey.startsWith("$") ? routeKey : routeKey.replaceFirst(" /", "/");
        event.put("routeArn", "arn:aws:execute-api:" + LocalNames.REGION + ":" + LocalNames.ACCOUNT_ID + ":" + api.apiId()
                + "/$default/" + (routeKey.startsWith("$") ? request.method() + request.rawPath() : routePath));
        ArrayNode identity = event.putArray("identitySource");
        identitySource.forEach(identity::add);
        event.put("routeKey", routeKey);
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());
        putRequestParts(event, request);
        event.set("requestContext", requestContext(request, requestId, received, routeKey, null));
        putPathParameters(event, pathParameters);
        putStageVariables(event);
        return event;
    }

    private void putRequestParts(ObjectNode event, IncomingRequest request) {
        List<String> cookies = cookies(request);
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode headers = event.putObject("headers");
        request.headers().forEach((name, values) -> {
            if (!name.equals("cookie")) {
                headers.put(name, String.join(",", values));
            }
        });
        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode parameters = event.putObject("queryStringParameters");
            query.forEach(parameters::put);
        }
    }

    private ObjectNode requestContext(IncomingRequest request, String requestId, Instant received, String routeKey,
            Map<String, Object> authorizerContext) {
        ObjectNode context = json.createObjectNode();
        context.put("accountId", LocalNames.ACCOUNT_ID);
        context.put("apiId", api.apiId());
        if (authorizerContext != null) {
            context.putObject("authorizer").set("lambda", json.valueToTree(authorizerContext));
        }
        String domainName = request.domainName();
        context.put("domainName", domainName);
        int dot = domainName.indexOf('.');
        context.put("domainPrefix", dot < 0 ? domainName : domainName.substring(0, dot));
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", request.header("user-agent").orElse(""));
        context.put("requestId", requestId);
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", TIME.format(received));
        context.put("timeEpoch", received.toEpochMilli());
        return context;
    }

    private void putPathParameters(ObjectNode event, Map<String, String> pathParameters) {
        if (!pathParameters.isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach(parameters::put);
        }
    }

    private void putStageVariables(ObjectNode event) {
        if (!api.stageVariables().isEmpty()) {
            ObjectNode variables = event.putObject("stageVariables");
            api.stageVariables().forEach(variables::put);
        }
    }

    static List<String> cookies(IncomingRequest request) {
        List<String> cookies = new ArrayList<>();
        for (String header : request.headers().getOrDefault("cookie", List.of())) {
            for (String cookie : header.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.trim());
                }
            }
        }
        return cookies;
    }

    /** Decoded query parameters, repeated keys' values comma-joined in order. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(key, value, (first, next) -> first + "," + next);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    /** Content types API Gateway passes as text; everything else (and no content type) is base64-encoded. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return type.startsWith("text/") || type.endsWith("/json") || type.endsWith("+json") || type.endsWith("/xml")
                || type.endsWith("+xml") || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/graphql");
    }
}
