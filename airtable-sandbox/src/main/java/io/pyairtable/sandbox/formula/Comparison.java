package io.pyairtable.sandbox.formula;

import java.math.BigDecimal;
import java.util.List;

/**
 * Equality and ordering of two non-error values.
 *
 * <ul>
 *   <li>BLANK ({@code null}) equals BLANK, {@code ""}, an empty list and FALSE (an unchecked
 *       checkbox is stored as null); it does not equal 0.</li>
 *   <li>Numbers and booleans (TRUE = 1, FALSE = 0) compare numerically with each other and with
 *       text that is a plain number ({@code 5 = "5.0"} is true).</li>
 *   <li>Everything else compares as text, case-sensitively ({@code "a" != "A"}); lists are joined
 *       with ", " first. Two strings always compare as text, even when both look numeric.</li>
 *   <li>For ordering, BLANK counts as 0 next to a number and as "" next to text.</li>
 * </ul>
 */
final class Comparison {

    private Comparison() {
    }

    static boolean areEqual(Object left, Object right) {
        if (left == null || right == null) {
            return isBlankLike(left) && isBlankLike(right);
        }
        if (isNumeric(left) || isNumeric(right)) {
            BigDecimal a = comparableNumber(left);
            BigDecimal b = comparableNumber(right);
            if (a != null && b != null) {
                return a.compareTo(b) == 0;
            }
        }
        return Values.toText(left).equals(Values.toText(right));
    }

    /** Negative, zero or positive as {@code left} sorts before, with or after {@code right}. */
    static int compare(Object left, Object right) {
        if (left == null && right == null) {
            return 0;
        }
        if (isNumeric(left) || isNumeric(right)) {
            BigDecimal a = left == null ? BigDecimal.ZERO : comparableNumber(left);
            BigDecimal b = right == null ? BigDecimal.ZERO : comparableNumber(right);
            if (a != null && b != null) {
                return a.compareTo(b);
            }
        }
        return Values.toText(left).compareTo(Values.toText(right));
    }

    private static boolean isBlankLike(Object value) {
        return value == null
                || "".equals(value)
                || Boolean.FALSE.equals(value)
                || (value instanceof List && ((List<?>) value).isEmpty());
    }

    private static boolean isNumeric(Object value) {
        return value instanceof BigDecimal || value instanceof Boolean;
    }

    /** Number for comparisons: numbers, booleans and numeric text; {@code null} otherwise. */
    private static BigDecimal comparableNumber(Object value) {
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof Boolean) {
            return ((Boolean) value) ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (value == null) {
            return null;
        }
        return Values.parseNumber(Values.toText(value).strip());
    }
}
