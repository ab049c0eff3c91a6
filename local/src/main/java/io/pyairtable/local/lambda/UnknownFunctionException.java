package io.pyairtable.local.lambda;

/** No function of the template has this logical id, name or ARN (Lambda's ResourceNotFoundException). */
public final class UnknownFunctionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownFunctionException(String reference) {
        super("Function not found: " + reference);
    }
}
