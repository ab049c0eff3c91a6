package io.pyairtable.sandbox.formula;

/**
 * Thrown by {@link Formula#compile(String)} when a formula is outside the supported subset or is
 * malformed. The message is a human sentence suitable for an API error response, for example
 * {@code "Unexpected ')' at position 12"}, {@code "Unknown function FOO"} or
 * {@code "Wrong number of arguments to LEN (expected 1, got 2)"}. Positions are 1-based character
 * offsets into the formula text.
 */
public class FormulaException extends Exception {

    private static final long serialVersionUID = 1L;

    public FormulaException(String message) {
        super(message);
    }
}
