package io.pyairtable.local.dynamodb;

/** The request parameter an expression came from; DynamoDB names it in every error about the expression. */
enum ExpressionKind {
    CONDITION("ConditionExpression"),
    FILTER("FilterExpression"),
    KEY_CONDITION("KeyConditionExpression"),
    UPDATE("UpdateExpression"),
    PROJECTION("ProjectionExpression");

    private final String parameter;

    ExpressionKind(String parameter) {
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }

    /** A ValidationException {@code Invalid <Parameter>: <detail>}. */
    DynamoDbException invalid(String detail) {
        return DynamoDbException.validation("Invalid " + parameter + ": " + detail);
    }
}
