package io.pyairtable.sandbox.formula;

import java.math.BigDecimal;

/**
 * One lexical token of a formula.
 *
 * @param type     what kind of token this is
 * @param value    the decoded value: the {@code BigDecimal} of a number, the unescaped text of a
 *                 string literal, the unescaped name of a field reference or the identifier text;
 *                 {@code null} for punctuation and operators
 * @param position 0-based offset of the token's first character in the formula text
 */
record Token(Type type, Object value, int position) {

    enum Type {
        NUMBER, STRING, FIELD, IDENTIFIER,
        LEFT_PAREN("("), RIGHT_PAREN(")"), COMMA(","),
        PLUS("+"), MINUS("-"), STAR("*"), SLASH("/"), AMPERSAND("&"),
        EQUAL("="), NOT_EQUAL("!="), LESS("<"), GREATER(">"), LESS_EQUAL("<="), GREATER_EQUAL(">="),
        END;

        private final String symbol;

        Type() {
            this(null);
        }

        Type(String symbol) {
            this.symbol = symbol;
        }

        /** The literal spelling of a punctuation or operator token, otherwise {@code null}. */
        String symbol() {
            return symbol;
        }
    }

    /** 1-based position, as used in error messages. */
    int humanPosition() {
        return position + 1;
    }

    /** Describes the token for an error message, e.g. {@code ')'}, {@code number 12}. */
    String describe() {
        switch (type) {
            case NUMBER:
                return "number " + Values.formatNumber((BigDecimal) value);
            case STRING:
                return "string literal";
            case FIELD:
                return "field reference";
            case IDENTIFIER:
                return "'" + value + "'";
            case END:
                return "end of formula";
            default:
                return "'" + type.symbol() + "'";
        }
    }
}
