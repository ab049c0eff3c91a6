package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The comparison operators of a Choice rule. Each has a literal form ({@code StringEquals}) and, except the type
 * tests, a {@code ...Path} form comparing against another value of the input. If the variable's value does not have
 * the operator's type the comparison is false.
 */
enum ComparisonOperator {
    STRING_EQUALS(Kind.STRING, Relation.EQ), STRING_LESS_THAN(Kind.STRING, Relation.LT),
    STRING_GREATER_THAN(Kind.STRING, Relation.GT), STRING_LESS_THAN_EQUALS(Kind.STRING, Relation.LE),
    STRING_GREATER_THAN_EQUALS(Kind.STRING, Relation.GE), STRING_MATCHES(Kind.PATTERN, Relation.EQ),
    NUMERIC_EQUALS(Kind.NUMERIC, Relation.EQ), NUMERIC_LESS_THAN(Kind.NUMERIC, Relation.LT),
    NUMERIC_GREATER_THAN(Kind.NUMERIC, Relation.GT), NUMERIC_LESS_THAN_EQUALS(Kind.NUMERIC, Relation.LE),
    NUMERIC_GREATER_THAN_EQUALS(Kind.NUMERIC, Relation.GE),
    BOOLEAN_EQUALS(Kind.BOOLEAN, Relation.EQ),
    TIMESTAMP_EQUALS(Kind.TIMESTAMP, Relation.EQ), TIMESTAMP_LESS_THAN(Kind.TIMESTAMP, Relation.LT),
    TIMESTAMP_GREATER_THAN(Kind.TIMESTAMP, Relation.GT), TIMESTAMP_LESS_THAN_EQUALS(Kind.TIMESTAMP, Relation.LE),
    TIMESTAMP_GREATER_THAN_EQUALS(Kind.TIMESTAMP, Relation.GE),
    IS_NULL(Kind.TYPE_TEST, Relation.EQ), IS_PRESENT(Kind.TYPE_TEST, Relation.EQ),
    IS_NUMERIC(Kind.TYPE_TEST, Relation.EQ), IS_STRING(Kind.TYPE_TEST, Relation.EQ),
    IS_BOOLEAN(Kind.TYPE_TEST, Relation.EQ), IS_TIMESTAMP(Kind.TYPE_TEST, Relation.EQ);

    enum Kind { STRING, PATTERN, NUMERIC, BOOLEAN, TIMESTAMP, TYPE_TEST }

    private enum Relation { EQ, LT, GT, LE, GE }

    private final Kind kind;
    private final Relation relation;
    private final String fieldName;

    ComparisonOperator(Kind kind, Relation relation) {
        this.kind = kind;
        this.relation = relation;
        StringBuilder name = new StringBuilder();
        for (String word : name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase());
        }
        this.fieldName = name.toString();
    }

    /** The field name in a Choice rule, e.g. {@code NumericLessThanEquals}. */
    String fieldName() {
        return fieldName;
    }

    Kind kind() {
        return kind;
    }

    /** Whether a {@code ...Path} variant exists (all but the type tests and StringMatches). */
    boolean hasPathVariant() {
        return kind != Kind.TYPE_TEST && kind != Kind.PATTERN;
    }

    /** Whether {@code operand} has the type this operator's literal form requires. */
    boolean acceptsOperand(JsonNode operand) {
        switch (kind) {
            case STRING:
            case PATTERN:
                return operand.isTextual();
            case NUMERIC:
                return operand.isNumber();
            case BOOLEAN:
            case TYPE_TEST:
                return operand.isBoolean();
            case TIMESTAMP:
                return operand.isTextual() && parseTimestamp(operand.asText()) != null;
            default:
                return false;
        }
    }

    /** Compares a present variable value with an operand (a literal or the value of the ...Path). */
    boolean test(JsonNode value, JsonNode operand) {
        switch (kind) {
            case STRING:
                return value.isTextual() && operand.isTextual() && holds(value.asText().compareTo(operand.asText()));
            case NUMERIC:
                return value.isNumber() && operand.isNumber()
                        && holds(value.decimalValue().compareTo(operand.decimalValue()));
            case BOOLEAN:
                return value.isBoolean() && operand.isBoolean() && value.asBoolean() == operand.asBoolean();
            case TIMESTAMP:
                Instant left = value.isTextual() ? parseTimestamp(value.asText()) : null;
                Instant right = operand.isTextual() ? parseTimestamp(operand.asText()) : null;
                return left != null && right != null && holds(left.compareTo(right));
            default:
                throw new IllegalStateException(this + " is not a value comparison");
        }
    }

    /** A type test ({@code IsNull} ...) of a value that may be absent ({@code null}). */
    boolean testType(JsonNode valueOrNull, boolean expected) {
        boolean actual;
        switch (this) {
            case IS_PRESENT:
                actual = valueOrNull != null;
                break;
            case IS_NULL:
                actual = valueOrNull != null && valueOrNull.isNull();
                break;
            case IS_NUMERIC:
                actual = valueOrNull != null && valueOrNull.isNumber();
                break;
            case IS_STRING:
                actual = valueOrNull != null && valueOrNull.isTextual();
                break;
            case IS_BOOLEAN:
                actual = valueOrNull != null && valueOrNull.isBoolean();
                break;
            case IS_TIMESTAMP:
                actual = valueOrNull != null && valueOrNull.isTextual() && parseTimestamp(valueOrNull.asText()) != null;
                break;
            default:
                throw new IllegalStateException(this + " is not a type test");
        }
        return actual == expected;
    }

    private boolean holds(int comparison) {
        switch (relation) {
            case EQ:
                return comparison == 0;
            case LT:
                return comparison < 0;
            case GT:
                return comparison > 0;
            case LE:
                return comparison <= 0;
            default:
                return comparison >= 0;
        }
    }

    /** An RFC 3339 timestamp ({@code 2016-03-14T01:59:00Z}, offsets allowed, uppercase T and Z) or null. */
    static Instant parseTimestamp(String text) {
        if (text.indexOf('t') >= 0 || text.indexOf('z') >= 0) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Compiles a StringMatches pattern: {@code *} matches any run of characters, {@code \*} a literal star,
     * {@code \\} a literal backslash; everything else is literal.
     */
    static Pattern compileWildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (c == '*') {
                regex.append(Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
