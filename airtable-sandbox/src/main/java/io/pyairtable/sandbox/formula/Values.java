package io.pyairtable.sandbox.formula;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Formula values and the coercions between them.
 *
 * <p>At evaluation time a value is one of: {@code null} (BLANK), {@link String}, {@link BigDecimal}
 * (always {@linkplain #number normalized}), {@link Boolean}, an unmodifiable {@link List} of such
 * values (a multiple-select, linked-record or lookup cell), or {@link #ERROR}.
 */
final class Values {

    /** The error value (Airtable's {@code #ERROR!}): propagates through operators, falsy, reported as null. */
    static final Object ERROR = ErrorValue.INSTANCE;

    /** Longest text a formula may produce; longer results become {@link #ERROR}. */
    static final int MAX_TEXT_LENGTH = 1_000_000;

    /** Precision of all arithmetic (34 significant digits). */
    static final MathContext MATH = MathContext.DECIMAL128;

    /** Numbers whose decimal exponent exceeds this overflow to {@link #ERROR} (like a double's infinity). */
    private static final int MAX_EXPONENT = 308;

    /** Numbers whose decimal exponent is below this underflow to zero. */
    private static final int MIN_EXPONENT = -324;

    /** Numeric text longer than this is not considered a number (keeps parsing cheap). */
    private static final int MAX_NUMERIC_TEXT_LENGTH = 1000;

    private enum ErrorValue {
        INSTANCE;

        @Override
        public String toString() {
            return "#ERROR!";
        }
    }

    private Values() {
    }

    static boolean isError(Object value) {
        return value == ERROR;
    }

    // ---------------------------------------------------------------- cells

    /** Converts a raw cell value from a {@link RecordView} into a formula value. */
    static Object fromCell(Object raw) {
        if (raw == null || raw instanceof String || raw instanceof Boolean) {
            return raw;
        }
        if (raw instanceof Number) {
            return fromNumber((Number) raw);
        }
        if (raw instanceof Collection) {
            List<Object> elements = new ArrayList<>();
            for (Object element : (Collection<?>) raw) {
                Object value = fromCell(element);
                elements.add(isError(value) ? String.valueOf(element) : value);
            }
            return Collections.unmodifiableList(elements);
        }
        if (raw instanceof Map) {
            return displayNameOf((Map<?, ?>) raw);
        }
        return raw.toString();
    }

    private static Object fromNumber(Number n) {
        try {
            if (n instanceof BigDecimal) {
                return number((BigDecimal) n);
            }
            if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
                return number(BigDecimal.valueOf(n.longValue()));
            }
            if (n instanceof BigInteger) {
                return number(new BigDecimal((BigInteger) n));
            }
            if (n instanceof Float) {
                float f = n.floatValue();
                return Float.isFinite(f) ? number(new BigDecimal(Float.toString(f))) : ERROR;
            }
            if (n instanceof Double) {
                double d = n.doubleValue();
                return Double.isFinite(d) ? number(BigDecimal.valueOf(d)) : ERROR;
            }
            return number(new BigDecimal(n.toString()));
        } catch (NumberFormatException | ArithmeticException e) {
            return ERROR;
        }
    }

    /** A collaborator shows as its name (or email), an attachment as its filename. */
    private static String displayNameOf(Map<?, ?> map) {
        for (String key : new String[] {"name", "filename", "email"}) {
            Object value = map.get(key);
            if (value != null) {
                return value.toString();
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- numbers

    /**
     * Normalizes a number: rounds to 34 significant digits, strips trailing decimal zeros (never
     * using a negative scale), underflows tiny
     * magnitudes to zero and overflows huge ones to {@link #ERROR}. Keeping numbers in this range
     * bounds the cost of every later operation, including printing them in plain notation.
     */
    static Object number(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal rounded = value.round(MATH);
        long exponent = (long) rounded.precision() - rounded.scale() - 1;
        if (exponent > MAX_EXPONENT) {
            return ERROR;
        }
        if (exponent < MIN_EXPONENT) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = rounded.stripTrailingZeros();
        // 1000 stays 1000 rather than 1E+3, so toString() and JSON serializers print it plainly
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Plain notation without trailing zeros: 2.50 → "2.5", 3 → "3". */
    static String formatNumber(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /**
     * The number used in arithmetic: BLANK and "" are 0, booleans are 1/0, numeric text is parsed,
     * a list is converted to text first. Returns {@code null} when the value is not numeric.
     */
    static BigDecimal toArithmeticNumber(Object value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof Boolean) {
            return ((Boolean) value) ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        String text = toText(value).strip();
        return text.isEmpty() ? BigDecimal.ZERO : parseNumber(text);
    }

    /**
     * Parses plain decimal text ({@code 12}, {@code -3.5}, {@code 1e3}, {@code .5}) without
     * surrounding whitespace. Returns {@code null} for anything else, including text that is empty,
     * longer than 1000 characters or outside the number range.
     */
    static BigDecimal parseNumber(String text) {
        if (text.isEmpty() || text.length() > MAX_NUMERIC_TEXT_LENGTH) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-' || c == 'e' || c == 'E';
            if (!allowed) {
                return null;
            }
        }
        try {
            Object parsed = number(new BigDecimal(text));
            return parsed instanceof BigDecimal ? (BigDecimal) parsed : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- text

    /**
     * Text form of a non-error value: BLANK is "", numbers use plain notation, booleans are
     * "TRUE"/"FALSE", list elements are joined with ", ".
     */
    static String toText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof BigDecimal) {
            return formatNumber((BigDecimal) value);
        }
        if (value instanceof Boolean) {
            return ((Boolean) value) ? "TRUE" : "FALSE";
        }
        if (value instanceof List) {
            StringBuilder joined = new StringBuilder();
            for (Object element : (List<?>) value) {
                if (joined.length() > 0) {
                    joined.append(", ");
                }
                joined.append(toText(element));
            }
            return joined.toString();
        }
        return value.toString();
    }

    /** Returns the text, or {@link #ERROR} when it exceeds {@link #MAX_TEXT_LENGTH}. */
    static Object limitedText(CharSequence text) {
        return text.length() > MAX_TEXT_LENGTH ? ERROR : text.toString();
    }

    // ---------------------------------------------------------------- truthiness

    /** Airtable truthiness: BLANK, "", 0, FALSE, an empty list and errors are false. */
    static boolean isTruthy(Object value) {
        if (value == null || isError(value)) {
            return false;
        }
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).signum() != 0;
        }
        if (value instanceof String) {
            return !((String) value).isEmpty();
        }
        if (value instanceof List) {
            return !((List<?>) value).isEmpty();
        }
        return true;
    }
}
