package io.pyairtable.airtable;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An Airtable formula built from parts, so that no caller ever pastes user text into formula source.
 *
 * <p>Every value is emitted as an escaped string, number or boolean literal, and every field name as an escaped
 * field reference. Example:
 * <pre>{@code
 * Formula f = Formula.and(
 *         Formula.eq(Formula.field("Stage"), Formula.value("Won")),
 *         Formula.gte(Formula.field("Amount"), Formula.value(1000)));
 * // AND(({Stage} = "Won"), ({Amount} >= 1000))
 * }</pre>
 *
 * <p>Escaping rules: string literals use double quotes with {@code \} → {@code \\} and {@code "} → {@code \"};
 * field references use braces with {@code \} → {@code \\} and {@code }} → {@code \}}. Airtable documents the
 * quote escapes; for a backslash or a closing brace inside a <em>field name</em> its documentation is silent, so
 * such names are escaped the same way and the sandbox parses them so (see docs/airtable-client.md).
 *
 * <p>Instances are immutable; {@link #toString()} is the formula text.
 */
public final class Formula {
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final String text;

    private Formula(String text) {
        this.text = text;
    }

    /** A reference to a field by name (or id), escaped. */
    public static Formula field(String name) {
        Objects.requireNonNull(name, "field name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("field name must not be empty");
        }
        return new Formula("{" + name.replace("\\", "\\\\").replace("}", "\\}") + "}");
    }

    /** A string literal, escaped; {@code null} becomes {@code BLANK()}. */
    public static Formula value(String text) {
        if (text == null) {
            return blank();
        }
        return new Formula("\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }

    /** A number literal in plain notation; NaN and infinities are rejected. */
    public static Formula value(Number number) {
        Objects.requireNonNull(number, "number");
        if (number instanceof Double d && (d.isNaN() || d.isInfinite())
                || number instanceof Float f && (f.isNaN() || f.isInfinite())) {
            throw new IllegalArgumentException("not a finite number: " + number);
        }
        BigDecimal decimal = number instanceof BigDecimal b ? b : new BigDecimal(number.toString());
        String plain = decimal.stripTrailingZeros().toPlainString();
        return new Formula(decimal.signum() < 0 ? "(" + plain + ")" : plain);
    }

    /** {@code TRUE()} or {@code FALSE()}. */
    public static Formula value(boolean bool) {
        return new Formula(bool ? "TRUE()" : "FALSE()");
    }

    /**
     * A literal for a Java value: String, Number, Boolean or null. Anything else is rejected rather than
     * converted with {@code toString()}, so that no unexpected text reaches the formula.
     */
    public static Formula literal(Object value) {
        if (value == null) {
            return blank();
        }
        if (value instanceof String s) {
            return value(s);
        }
        if (value instanceof Number n) {
            return value(n);
        }
        if (value instanceof Boolean b) {
            return value(b.booleanValue());
        }
        throw new IllegalArgumentException("unsupported formula value type: " + value.getClass().getSimpleName());
    }

    /**
     * Formula text taken as is. Only for text that is trusted (written by the developer, or explicitly allowed raw
     * user formulas); never for values.
     */
    public static Formula raw(String trustedText) {
        Objects.requireNonNull(trustedText, "formula text");
        return new Formula(trustedText);
    }

    public static Formula eq(Formula left, Formula right) {
        return binary(left, "=", right);
    }

    public static Formula ne(Formula left, Formula right) {
        return binary(left, "!=", right);
    }

    public static Formula gt(Formula left, Formula right) {
        return binary(left, ">", right);
    }

    public static Formula gte(Formula left, Formula right) {
        return binary(left, ">=", right);
    }

    public static Formula lt(Formula left, Formula right) {
        return binary(left, "<", right);
    }

    public static Formula lte(Formula left, Formula right) {
        return binary(left, "<=", right);
    }

    /** String concatenation ({@code &}). */
    public static Formula concat(Formula... parts) {
        requireAtLeastOne(parts);
        return new Formula("(" + join(parts, " & ") + ")");
    }

    /** {@code {field} = value} with the value escaped as a literal. */
    public static Formula fieldEquals(String field, Object value) {
        return eq(field(field), literal(value));
    }

    public static Formula and(Formula... parts) {
        requireAtLeastOne(parts);
        return call("AND", parts);
    }

    public static Formula and(List<Formula> parts) {
        return and(parts.toArray(Formula[]::new));
    }

    public static Formula or(Formula... parts) {
        requireAtLeastOne(parts);
        return call("OR", parts);
    }

    public static Formula or(List<Formula> parts) {
        return or(parts.toArray(Formula[]::new));
    }

    public static Formula not(Formula part) {
        return call("NOT", part);
    }

    public static Formula blank() {
        return new Formula("BLANK()");
    }

    public static Formula recordId() {
        return new Formula("RECORD_ID()");
    }

    /** {@code FIND(needle, haystack)}: 1-based position, case-sensitive, 0 when absent. */
    public static Formula find(Formula needle, Formula haystack) {
        return call("FIND", needle, haystack);
    }

    /** {@code SEARCH(needle, haystack)}: 1-based position, case-insensitive, empty when absent. */
    public static Formula search(Formula needle, Formula haystack) {
        return call("SEARCH", needle, haystack);
    }

    public static Formula lower(Formula part) {
        return call("LOWER", part);
    }

    /**
     * Any function call; the name must be an upper-case identifier (it is never escaped, so it is validated).
     */
    public static Formula call(String function, Formula... arguments) {
        if (function == null || !FUNCTION_NAME.matcher(function).matches()) {
            throw new IllegalArgumentException("invalid formula function name: " + function);
        }
        for (Formula argument : arguments) {
            Objects.requireNonNull(argument, "formula argument");
        }
        return new Formula(function + "(" + join(arguments, ", ") + ")");
    }

    private static Formula binary(Formula left, String operator, Formula right) {
        Objects.requireNonNull(left, "left operand");
        Objects.requireNonNull(right, "right operand");
        return new Formula("(" + left.text + " " + operator + " " + right.text + ")");
    }

    private static void requireAtLeastOne(Formula[] parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("at least one formula part is required");
        }
    }

    private static String join(Formula[] parts, String separator) {
        return Arrays.stream(parts).map(p -> Objects.requireNonNull(p, "formula part").text)
                .collect(Collectors.joining(separator));
    }

    /** The formula text, ready for {@code filterByFormula}. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Formula f && f.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
