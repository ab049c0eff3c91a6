package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * Factories for the error responses of the Airtable Web API, with Airtable's status codes, error
 * types and (where Airtable has a fixed text) its exact messages.
 */
final class AirtableErrors {

    static final String INVALID_PERMISSIONS_MESSAGE = "Invalid permissions, or the requested model was"
            + " not found. Check that both your user and your token have the required permissions,"
            + " and that the model names and/or ids are correct.";

    private AirtableErrors() {
    }

    /** {@code {"error":{"type":type,"message":message}}} with the given status. */
    static ApiException typed(int status, String type, String message) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("type", type);
        error.put("message", message);
        return new ApiException(status, body);
    }

    /** Airtable's bare {@code {"error":"NOT_FOUND"}} used for unknown routes and record ids. */
    static ApiException notFound() {
        ObjectNode body = Json.object();
        body.put("error", "NOT_FOUND");
        return new ApiException(404, body);
    }

    static ApiException authenticationRequired() {
        return typed(401, "AUTHENTICATION_REQUIRED", "Authentication required");
    }

    static ApiException invalidPermissions() {
        return typed(403, "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", INVALID_PERMISSIONS_MESSAGE);
    }

    /** The generic validation failure Airtable returns for malformed bodies and parameters. */
    static ApiException invalidRequest() {
        return invalidRequest("Invalid request: parameter validation failed. Check your request data.");
    }

    static ApiException invalidRequest(String message) {
        return typed(422, "INVALID_REQUEST_UNKNOWN", message);
    }

    static ApiException rateLimited() {
        ObjectNode body = Json.object();
        ObjectNode error = body.putArray("errors").addObject();
        error.put("error", "RATE_LIMIT_REACHED");
        error.put("message", "Rate limit exceeded. Please try again later");
        return new ApiException(429, body);
    }

    static ApiException tableNotFound(String table, String baseId) {
        return typed(404, "TABLE_NOT_FOUND", "Could not find table " + table + " in application " + baseId);
    }

    static ApiException unknownFieldName(String name) {
        return typed(422, "UNKNOWN_FIELD_NAME", "Unknown field name: \"" + name + "\"");
    }

    static ApiException invalidValue(String fieldName) {
        return typed(422, "INVALID_VALUE_FOR_COLUMN", "Field \"" + fieldName + "\" cannot accept the provided value");
    }

    static ApiException invalidValue(String fieldName, String reason) {
        return typed(422, "INVALID_VALUE_FOR_COLUMN",
                "Field \"" + fieldName + "\" cannot accept the provided value: " + reason);
    }

    static ApiException computedField(String fieldName) {
        return typed(422, "INVALID_VALUE_FOR_COLUMN",
                "Field \"" + fieldName + "\" cannot accept a value because the field is computed");
    }

    static ApiException unknownSelectOption(String option) {
        return typed(422, "INVALID_MULTIPLE_CHOICE_OPTIONS",
                "Insufficient permissions to create new select option \"\"" + option + "\"\"");
    }

    static ApiException invalidRecords(String message) {
        return typed(422, "INVALID_RECORDS", message);
    }

    static ApiException rowDoesNotExist(String recordId) {
        return typed(422, "ROW_DOES_NOT_EXIST", "Record ID " + recordId + " does not exist in this table");
    }

    static ApiException invalidFormula(String detail) {
        return typed(422, "INVALID_FILTER_BY_FORMULA", "The formula for filtering records is invalid: " + detail);
    }

    static ApiException unknownFormulaFields(Collection<String> names) {
        return invalidFormula("Unknown field names: " + String.join(", ", names));
    }

    static ApiException viewNotFound(String view) {
        return typed(422, "VIEW_NAME_NOT_FOUND", "Could not find view " + view + " in this table");
    }

    static ApiException iteratorNotAvailable() {
        return typed(422, "LIST_RECORDS_ITERATOR_NOT_AVAILABLE",
                "The list records iterator is no longer available (unknown, malformed or expired offset)."
                        + " Restart the listing without an offset.");
    }

    static ApiException requestTooLarge(long limitBytes) {
        return typed(413, "REQUEST_ENTITY_TOO_LARGE",
                "Request body exceeds the limit of " + limitBytes + " bytes");
    }

    static ApiException methodNotAllowed(String method) {
        return typed(405, "METHOD_NOT_ALLOWED", "Method " + method + " is not supported on this path");
    }

    static ApiException serverError() {
        return typed(500, "SERVER_ERROR", "Something went wrong in the Airtable sandbox; see its log");
    }
}
