package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.local.aws.AwsServiceException;

/**
 * A DynamoDB error with its AWS type and message. Some errors carry more than a message in the error body:
 * {@code ConditionalCheckFailedException} carries {@code Item}, {@code TransactionCanceledException} carries
 * {@code CancellationReasons}; {@link #extraFields()} holds those fields for the endpoint to merge into the body.
 */
public final class DynamoDbException extends AwsServiceException {
    private final ObjectNode extraFields;

    private DynamoDbException(String type, String message, ObjectNode extraFields) {
        super(400, type, message);
        this.extraFields = extraFields;
    }

    /** Fields to add to the error body next to {@code __type} and {@code message}; empty for most errors. */
    public ObjectNode extraFields() {
        return extraFields.deepCopy();
    }

    public static DynamoDbException validation(String message) {
        return new DynamoDbException("ValidationException", message, JsonNodeFactory.instance.objectNode());
    }

    /** A ValidationException about invalid parameter values, with DynamoDB's usual prefix. */
    static DynamoDbException invalidParameter(String detail) {
        return validation("One or more parameter values were invalid: " + detail);
    }

    static DynamoDbException resourceNotFound(String message) {
        return new DynamoDbException("ResourceNotFoundException", message, JsonNodeFactory.instance.objectNode());
    }

    static DynamoDbException tableNotFound() {
        return resourceNotFound("Requested resource not found");
    }

    static DynamoDbException resourceInUse(String message) {
        return new DynamoDbException("ResourceInUseException", message, JsonNodeFactory.instance.objectNode());
    }

    static DynamoDbException of(String type, String message) {
        return new DynamoDbException(type, message, JsonNodeFactory.instance.objectNode());
    }

    /** ConditionalCheckFailedException, with the current item when the caller asked for it (may be null). */
    static DynamoDbException conditionalCheckFailed(ObjectNode item) {
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        if (item != null) {
            extra.set("Item", item);
        }
        return new DynamoDbException("ConditionalCheckFailedException", "The conditional request failed", extra);
    }

    /** TransactionCanceledException listing the reasons in request order, e.g. {@code [ConditionalCheckFailed, None]}. */
    static DynamoDbException transactionCanceled(com.fasterxml.jackson.databind.node.ArrayNode reasons) {
        StringBuilder codes = new StringBuilder();
        reasons.forEach(r -> codes.append(codes.length() == 0 ? "" : ", ").append(r.path("Code").asText()));
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        extra.set("CancellationReasons", reasons);
        return new DynamoDbException("TransactionCanceledException",
                "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]", extra);
    }
}
