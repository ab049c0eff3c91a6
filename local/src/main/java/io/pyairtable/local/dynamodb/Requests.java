package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reading and validating common request parameters, with DynamoDB's error messages. */
final class Requests {
    private static final java.util.regex.Pattern TABLE_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9_.-]+");

    private Requests() {
    }

    /** A table or index name parameter: 3–255 characters of {@code [a-zA-Z0-9_.-]}. */
    static String name(JsonNode request, String field, String wireName) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            throw DynamoDbException.validation("1 validation error detected: Value null at '" + wireName
                    + "' failed to satisfy constraint: Member must not be null");
        }
        String name = node.asText();
        if (name.length() < 3 || name.length() > 255) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + truncate(name) + "' at '" + wireName
                    + "' failed to satisfy constraint: Member must have length less than or equal to 255 and greater than "
                    + "or equal to 3");
        }
        if (!TABLE_NAME.matcher(name).matches()) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + truncate(name) + "' at '" + wireName
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        return name;
    }

    static String tableName(JsonNode request) {
        return name(request, "TableName", "tableName");
    }

    static String text(JsonNode request, String field) {
        JsonNode node = request.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    /** An enum parameter; null/absent gives {@code defaultValue}. */
    static String choice(JsonNode request, String field, String defaultValue, Set<String> allowed) {
        String value = text(request, field);
        if (value == null) {
            return defaultValue;
        }
        if (!allowed.contains(value)) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + truncate(value) + "' at '"
                    + Character.toLowerCase(field.charAt(0)) + field.substring(1)
                    + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
        }
        return value;
    }

    /** Parses an optional condition-style expression parameter. */
    static Condition condition(JsonNode request, String field, ExpressionKind kind, ExpressionAttributes attributes) {
        String source = text(request, field);
        return source == null ? null : ExpressionParser.parseCondition(source, kind, attributes);
    }

    /** The projection from ProjectionExpression or AttributesToGet, or null for all attributes. */
    static Projection projection(JsonNode request, ExpressionAttributes attributes) {
        String source = text(request, "ProjectionExpression");
        JsonNode attributesToGet = request.get("AttributesToGet");
        if (source != null && attributesToGet != null && !attributesToGet.isNull()) {
            throw DynamoDbException.validation("Can not use both expression and non-expression parameters in the same request: "
                    + "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
        }
        if (source != null) {
            return new Projection(ExpressionParser.parseProjection(source, attributes));
        }
        if (attributesToGet != null && !attributesToGet.isNull()) {
            List<AttributePath> paths = new ArrayList<>();
            attributesToGet.forEach(name -> paths.add(AttributePath.of(name.asText())));
            return new Projection(paths);
        }
        return null;
    }

    /** Rejects legacy (pre-expression) parameters this implementation does not support. */
    static void rejectLegacy(JsonNode request, String... fields) {
        for (String field : fields) {
            JsonNode node = request.get(field);
            if (node != null && !node.isNull()) {
                throw DynamoDbException.validation("The legacy parameter " + field + " is not supported by the local DynamoDB; "
                        + "use the expression parameters instead");
            }
        }
    }

    /** Adds {@code ConsumedCapacity} when the request asked for it (units are nominal). */
    static void consumedCapacity(JsonNode request, ObjectNode response, String tableName, double units) {
        String mode = choice(request, "ReturnConsumedCapacity", "NONE", Set.of("INDEXES", "TOTAL", "NONE"));
        if (!mode.equals("NONE")) {
            response.putObject("ConsumedCapacity").put("TableName", tableName).put("CapacityUnits", units);
        }
    }

    static String truncate(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "..." : value;
    }
}
