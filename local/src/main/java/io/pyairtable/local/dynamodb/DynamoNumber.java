package io.pyairtable.local.dynamodb;

import java.math.BigDecimal;

/**
 * DynamoDB numbers: arbitrary-precision decimals of at most 38 significant digits, magnitude between 1E-130 and
 * 9.9999999999999999999999999999999999999E+125 (or zero). Stored and returned in a canonical form — no exponent, no
 * trailing zeros, no leading zeros, no plus sign, {@code -0} as {@code 0} — so {@code "1.50"} comes back as
 * {@code "1.5"} like on AWS, and equal numbers have equal text.
 */
final class DynamoNumber {
    static final int MAX_PRECISION = 38;
    private static final BigDecimal MAX_MAGNITUDE = new BigDecimal("9.9999999999999999999999999999999999999E+125");
    private static final BigDecimal MIN_MAGNITUDE = new BigDecimal("1E-130");

    private DynamoNumber() {
    }

    /** Parses and validates {@code text}; throws a DynamoDB ValidationException if it is not a valid number. */
    static BigDecimal parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 1000 || !text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw DynamoDbException.validation("A value provided cannot be converted into a number");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw DynamoDbException.validation("A value provided cannot be converted into a number");
        }
        return check(value);
    }

    /** Validates a computed number (e.g. after ADD) against DynamoDB's limits. */
    static BigDecimal check(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.precision() > MAX_PRECISION) {
            throw DynamoDbException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        BigDecimal magnitude = stripped.abs();
        if (magnitude.compareTo(MAX_MAGNITUDE) > 0) {
            throw DynamoDbException.validation(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (magnitude.compareTo(MIN_MAGNITUDE) < 0) {
            throw DynamoDbException.validation(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return stripped;
    }

    /** The canonical text of {@code text}. */
    static String normalize(String text) {
        return format(parse(text));
    }

    /** The canonical text of an already validated number. */
    static String format(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    static int compare(String a, String b) {
        return new BigDecimal(a).compareTo(new BigDecimal(b));
    }
}
