package io.pyairtable.local.aws;

/**
 * An error answered in the AWS JSON protocol's shape: HTTP {@code status}, body
 * {@code {"__type": type, "message": message}} and header {@code x-amzn-ErrorType: type}. The SDKs map
 * {@code type} to their exception classes (e.g. {@code ResourceNotFoundException}).
 */
public class AwsServiceException extends RuntimeException {
    private final int status;
    private final String type;

    public AwsServiceException(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** Fields the error body carries besides {@code __type} and {@code message} (e.g. DynamoDB's CancellationReasons); null for none. */
    public com.fasterxml.jackson.databind.node.ObjectNode extraFields() {
        return null;
    }

    /** 400 with the given type: the usual client error. */
    public static AwsServiceException badRequest(String type, String message) {
        return new AwsServiceException(400, type, message);
    }

    /** 400 ValidationException. */
    public static AwsServiceException validation(String message) {
        return new AwsServiceException(400, "ValidationException", message);
    }
}
