package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The admin routes for fault injection, served only when the sandbox is built with
 * {@code adminEndpoints(true)}; no token needed, never rate limited, never subject to faults.
 *
 * <pre>
 * GET    /_sandbox/faults        → 200 {"faults":[{id, method, path, kind, times, after, delayMillis, fired, remaining}], "triggered":n}
 * POST   /_sandbox/faults        {"method","path","kind","times","after","delayMillis"} → 201 {"id":"flt1"}
 * DELETE /_sandbox/faults        → 204 (removes every rule, zeroes "triggered")
 * GET    /_sandbox/faults/{id}   → 200 the rule
 * DELETE /_sandbox/faults/{id}   → 204
 * </pre>
 *
 * Invalid input → 400 {@code {"error":{"type":"INVALID_FAULT","message":...}}}.
 */
final class FaultAdminEndpoint {

    /** The first path segment of every admin route. */
    static final String ROOT = "_sandbox";

    private static final Set<String> PROPERTIES = Set.of("method", "path", "kind", "times", "after", "delayMillis");
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]+|\\*");

    private final Faults faults;

    FaultAdminEndpoint(Faults faults) {
        this.faults = faults;
    }

    ApiResponse route(ApiRequest request) {
        List<String> path = request.segments();
        if (path.size() < 2 || path.size() > 3 || !path.get(1).equals("faults")) {
            throw AirtableErrors.notFound();
        }
        String method = request.method();
        if (path.size() == 2) {
            switch (method) {
                case "GET":
                    return ApiResponse.ok(list());
                case "POST":
                    FaultHandle handle = faults.add(parse(request.body()));
                    ObjectNode created = Json.object();
                    created.put("id", handle.id());
                    return ApiResponse.json(201, created);
                case "DELETE":
                    faults.clear();
                    return ApiResponse.noContent();
                default:
                    throw AirtableErrors.methodNotAllowed(method);
            }
        }
        FaultHandle rule = faults.rule(path.get(2)).orElseThrow(AirtableErrors::notFound);
        switch (method) {
            case "GET":
                return ApiResponse.ok(render(rule));
            case "DELETE":
                rule.remove();
                return ApiResponse.noContent();
            default:
                throw AirtableErrors.methodNotAllowed(method);
        }
    }

    private ObjectNode list() {
        ObjectNode body = Json.object();
        ArrayNode rules = body.putArray("faults");
        faults.rules().forEach(rule -> rules.add(render(rule)));
        body.put("triggered", faults.triggered());
        return body;
    }

    private static ObjectNode render(FaultHandle rule) {
        Fault fault = rule.fault();
        ObjectNode node = Json.object();
        node.put("id", rule.id());
        node.put("method", fault.method());
        node.put("path", fault.path() == null ? null : fault.path().pattern());
        node.put("kind", fault.kind().name());
        node.put("times", fault.times());
        node.put("after", fault.afterMatches());
        node.put("delayMillis", fault.delay().toMillis());
        node.put("fired", rule.fired());
        node.put("remaining", rule.remaining());
        return node;
    }

    /** The fault described by a POST body. */
    static Fault parse(byte[] body) {
        JsonNode json;
        try {
            json = body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (IOException malformed) {
            throw invalid("the body is not valid JSON");
        }
        if (!(json instanceof ObjectNode object)) {
            throw invalid("the body must be a JSON object with \"kind\" and optionally \"method\", \"path\","
                    + " \"times\", \"after\", \"delayMillis\"");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PROPERTIES.contains(name)) {
                throw invalid("unknown property \"" + name + "\"; expected " + String.join(", ",
                        PROPERTIES.stream().sorted().toList()));
            }
        }
        String method = optionalText(object, "method");
        if (method != null && !METHOD.matcher(method).matches()) {
            throw invalid("\"method\" must be an HTTP method such as POST, or \"*\" for any");
        }
        Pattern path;
        try {
            String regex = optionalText(object, "path");
            path = regex == null ? null : Pattern.compile(regex);
        } catch (PatternSyntaxException badRegex) {
            throw invalid("\"path\" is not a valid regular expression: " + badRegex.getDescription());
        }
        Fault.Kind kind = kind(optionalText(object, "kind"));
        int times = (int) integer(object, "times", 1);
        int after = (int) integer(object, "after", 0);
        long delayMillis = integer(object, "delayMillis", 0);
        if (delayMillis < 0) {
            throw invalid("\"delayMillis\" must not be negative");
        }
        try {
            return new Fault(method, path, kind, times, Duration.ofMillis(delayMillis), after);
        } catch (IllegalArgumentException bad) {
            throw invalid(bad.getMessage());
        }
    }

    private static Fault.Kind kind(String name) {
        if (name == null) {
            throw invalid("\"kind\" is required: one of " + Arrays.toString(Fault.Kind.values()));
        }
        try {
            return Fault.Kind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw invalid("unknown \"kind\" \"" + name + "\": one of " + Arrays.toString(Fault.Kind.values()));
        }
    }

    private static String optionalText(ObjectNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("\"" + name + "\" must be a string");
        }
        return value.asText();
    }

    private static long integer(ObjectNode object, String name, int fallback) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid("\"" + name + "\" must be a whole number");
        }
        return value.asInt();
    }

    private static ApiException invalid(String message) {
        return AirtableErrors.typed(400, "INVALID_FAULT", message);
    }
}
