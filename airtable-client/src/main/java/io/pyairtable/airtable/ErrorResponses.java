package io.pyairtable.airtable;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns an Airtable error response into a typed {@link AirtableException}.
 *
 * <p>Airtable answers errors in three shapes, all handled here:
 * <pre>
 * {"error": {"type": "UNKNOWN_FIELD_NAME", "message": "Unknown field name: \"Foo\""}}
 * {"error": "NOT_FOUND"}
 * {"errors": [{"error": "RATE_LIMIT_REACHED", "message": "Rate limit exceeded. Please try again later"}]}
 * </pre>
 * Anything else (an HTML page from a proxy, an empty body) becomes type {@code HTTP_<status>} with a short excerpt.
 */
final class ErrorResponses {
    private static final int EXCERPT_CHARS = 200;

    private ErrorResponses() {}

    static AirtableException toException(int status, String body, String request) {
        TypeAndMessage parsed = parse(status, body);
        String type = parsed.type;
        String message = parsed.message;
        return switch (status) {
            case 401 -> new AirtableException.Authentication(type, message, request);
            case 403 -> new AirtableException.Permission(type, message, request);
            case 404 -> new AirtableException.NotFound(type, message, request);
            case 400, 413, 422 -> new AirtableException.InvalidRequest(status, type, message, request);
            case 429 -> new AirtableException.RateLimited(type, message, request);
            default -> status >= 500
                    ? new AirtableException.ServerError(status, type, message, request)
                    : new AirtableException(status, type, message, request);
        };
    }

    /** Error type and message of a body, for callers that only need the type (e.g. iterator expiry). */
    static String type(int status, String body) {
        return parse(status, body).type;
    }

    private record TypeAndMessage(String type, String message) {}

    private static TypeAndMessage parse(int status, String body) {
        String fallbackType = "HTTP_" + status;
        if (body == null || body.isBlank()) {
            return new TypeAndMessage(fallbackType, "empty response body");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (Exception notJson) {
            return new TypeAndMessage(fallbackType, excerpt(body));
        }
        if (root == null || !root.isObject()) {
            return new TypeAndMessage(fallbackType, excerpt(body));
        }
        JsonNode error = root.get("error");
        if (error != null && error.isObject()) {
            return new TypeAndMessage(
                    text(error.get("type"), fallbackType), text(error.get("message"), text(error.get("type"), "")));
        }
        if (error != null && error.isTextual()) {
            return new TypeAndMessage(error.asText(), error.asText());
        }
        JsonNode errors = root.get("errors");
        if (errors != null && errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            String type = text(first.get("error"), text(first.get("type"), fallbackType));
            StringBuilder message = new StringBuilder();
            for (JsonNode each : errors) {
                if (message.length() > 0) {
                    message.append("; ");
                }
                message.append(text(each.get("message"), text(each.get("error"), "")));
            }
            return new TypeAndMessage(type, message.toString());
        }
        return new TypeAndMessage(fallbackType, excerpt(body));
    }

    private static String text(JsonNode node, String fallback) {
        return node != null && node.isValueNode() && !node.asText().isEmpty() ? node.asText() : fallback;
    }

    private static String excerpt(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT_CHARS ? flat : flat.substring(0, EXCERPT_CHARS) + "…";
    }
}
